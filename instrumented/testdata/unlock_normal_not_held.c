// Undefined behaviour that glibc lets through, reported as LOCK MISUSE: a thread unlocks a
// normal mutex that main holds (glibc checks the owner of errorcheck and recursive mutexes
// only), then a spinlock nobody holds, then waits on a condition variable with a mutex it does
// not hold, then unlocks a rwlock another thread holds for writing, then an adaptive mutex
// main holds: which one, WHICH says (1 to 5, one interleave_cc_test each). Before: a PASS for
// each, as glibc's run would be (an EPERM for the adaptive mutex, which glibc does not check).
#define _GNU_SOURCE
#include <pthread.h>

#ifndef WHICH
#define WHICH 1
#endif

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t c = PTHREAD_COND_INITIALIZER;
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static pthread_spinlock_t s;
static pthread_mutex_t adaptive = PTHREAD_ADAPTIVE_MUTEX_INITIALIZER_NP;

static void* worker(void* arg) {
  (void)arg;
#if WHICH == 1
  pthread_mutex_unlock(&m);
#elif WHICH == 2
  pthread_spin_unlock(&s);
#elif WHICH == 3
  struct timespec soon = {0, 0};
  pthread_cond_timedwait(&c, &m, &soon);
#elif WHICH == 4
  pthread_rwlock_unlock(&rw);
#else
  pthread_mutex_unlock(&adaptive);
#endif
  return 0;
}

int main(void) {
  pthread_spin_init(&s, PTHREAD_PROCESS_PRIVATE);
  pthread_mutex_lock(&m);
  pthread_mutex_lock(&adaptive);
  pthread_rwlock_wrlock(&rw);
  pthread_t thread;
  pthread_create(&thread, 0, worker, 0);
  pthread_join(thread, 0);
  pthread_rwlock_unlock(&rw);
  pthread_mutex_unlock(&adaptive);
  pthread_mutex_unlock(&m);
  return 0;
}
