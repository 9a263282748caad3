// Two threads take two mutexes in opposite orders, backing off when the second is held, and
// give up (a failed assert) after three failed rounds: a schedule that makes both fail three
// times exists, and the search must find it. The rounds are counted in ATTEMPTS' storage: a
// local (0), a global (1) or a thread-local (2) variable; the back-off cycle rule must not take
// a round that changed the count for one that changed nothing.
#include <assert.h>
#include <pthread.h>

#ifndef ATTEMPTS
#define ATTEMPTS 0
#endif

static pthread_mutex_t m[2] = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER};
#if ATTEMPTS == 1
static int failures[2];
#elif ATTEMPTS == 2
static __thread int failures_here;
#endif

static void* worker(void* arg) {
  const int self = (int)(long)arg;
  int first = self;
#if ATTEMPTS == 0
  int failures_here = 0;
#endif
  for (;;) {
    pthread_mutex_lock(&m[first]);
    if (pthread_mutex_trylock(&m[1 - first]) == 0) break;
    pthread_mutex_unlock(&m[first]);
#if ATTEMPTS == 1
    assert(++failures[self] < 3);
#else
    assert(++failures_here < 3);
#endif
    first = 1 - first;
  }
  pthread_mutex_unlock(&m[0]);
  pthread_mutex_unlock(&m[1]);
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, worker, (void*)0);
  pthread_create(&b, 0, worker, (void*)1);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
