// Main reads `ready` before joining the thread that sets it: in some interleavings it reads 0.
// The dpor search finds it only if main's read is a step even when the thread has already
// finished (it is not joined: nothing orders the two).
#include <assert.h>
#include <pthread.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
int ready = 0;

static void* set_ready(void* arg) {
  ready = 1;
  return arg;
}

int main(void) {
  pthread_t thread;
  pthread_create(&thread, NULL, set_ready, NULL);
  pthread_mutex_lock(&lock);
  pthread_mutex_unlock(&lock);
  assert(ready == 1);
  pthread_join(thread, NULL);
  return 0;
}
