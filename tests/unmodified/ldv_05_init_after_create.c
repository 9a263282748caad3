// bug (data race): main starts the worker and only then initializes `config`, which the worker reads: the write and the read are unordered (pthread_create orders only what main did before it).
#include <pthread.h>

int config = 0;
int result = 0;

void *worker(void *arg) {
  result = config * 2;
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  config = 21;
  pthread_join(t, 0);
  return 0;
}
