// A thread unlocks an errorcheck mutex that main holds and asserts that it worked: EPERM, a
// failed assert, and the report shows the unlock as failed ("release m not held: EPERM";
// before: as an ordinary release).
#define _GNU_SOURCE
#include <assert.h>
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_ERRORCHECK_MUTEX_INITIALIZER_NP;

static void* worker(void* arg) {
  (void)arg;
  assert(pthread_mutex_unlock(&m) == 0);
  return 0;
}

int main(void) {
  pthread_mutex_lock(&m);
  pthread_t thread;
  pthread_create(&thread, 0, worker, 0);
  pthread_join(thread, 0);
  pthread_mutex_unlock(&m);
  return 0;
}
