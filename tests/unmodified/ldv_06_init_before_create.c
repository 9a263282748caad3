// pass: main initializes `config` before pthread_create and reads the workers' results after pthread_join: creation and join order every access.
#include <assert.h>
#include <pthread.h>

int config = 0;
int result[2];

void *worker(void *arg) {
  int id = (int)(long)arg;
  result[id] = config * (id + 1);
  return 0;
}

int main(void) {
  pthread_t t[2];
  config = 21;
  for (long i = 0; i < 2; i++) pthread_create(&t[i], 0, worker, (void *)i);
  for (int i = 0; i < 2; i++) pthread_join(t[i], 0);
  assert(result[0] == 21 && result[1] == 42);
  return 0;
}
