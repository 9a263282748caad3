// pthread_detach makes a thread unjoinable: a later join, and a second detach, return EINVAL
// (before: detach did nothing, and the join waited for the thread and returned 0).
#include <assert.h>
#include <errno.h>
#include <pthread.h>

static void* worker(void* arg) { return arg; }

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  assert(pthread_detach(t) == 0);
  assert(pthread_detach(t) == EINVAL);
  assert(pthread_join(t, 0) == EINVAL);
  pthread_t joined;
  pthread_create(&joined, 0, worker, 0);
  assert(pthread_join(joined, 0) == 0);
  return 0;
}
