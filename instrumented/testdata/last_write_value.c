// A thread's write right before its failed assert: the report shows the value written
// ("write shared := 2"; before: blank, the value was read at the thread's next step).
#include <assert.h>
#include <pthread.h>

int shared = 1;

static void* worker(void* arg) {
  const int expected = (int)(long)arg;
  shared = 2;
  assert(expected == 5);
  return 0;
}

int main(void) {
  pthread_t thread;
  pthread_create(&thread, 0, worker, 0);
  pthread_join(thread, 0);
  return 0;
}
