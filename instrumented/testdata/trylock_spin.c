// Two threads increment a counter under a mutex taken by spinning on pthread_mutex_trylock
// (or, with -DSPIN_LOCK, pthread_spin_trylock; with -DC11, mtx_trylock). A failed trylock
// changes nothing: a loop of them that comes back to the same state waits, by the spin rule,
// until the lock has changed, as a spin on a flag waits for a write. Before, the search let the
// spinner fail again and again while the holder never ran, until the step bound: a WARNING
// LIVELOCK on a correct program. With -DLEAK the holder never unlocks: the spinner spins
// forever, a DEADLOCK.
#include <assert.h>
#include <pthread.h>
#ifdef C11
#include <threads.h>
static mtx_t m;
#define LOCK() mtx_lock(&m)
#define TRYLOCK() (mtx_trylock(&m) == thrd_success)
#define UNLOCK() mtx_unlock(&m)
#elif defined(SPIN_LOCK)
static pthread_spinlock_t m;
#define LOCK() pthread_spin_lock(&m)
#define TRYLOCK() (pthread_spin_trylock(&m) == 0)
#define UNLOCK() pthread_spin_unlock(&m)
#else
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
#define LOCK() pthread_mutex_lock(&m)
#define TRYLOCK() (pthread_mutex_trylock(&m) == 0)
#define UNLOCK() pthread_mutex_unlock(&m)
#endif

static int counter;

static void* Worker(void* arg) {
  (void)arg;
  for (int i = 0; i < 2; ++i) {
    while (!TRYLOCK()) {
    }
    counter += 1;
    UNLOCK();
  }
  return 0;
}

#ifdef LEAK
static void* Holder(void* arg) {
  (void)arg;
  LOCK();
  return 0;  // Never unlocks.
}
#endif

int main(void) {
#ifdef C11
  mtx_init(&m, mtx_plain);
#elif defined(SPIN_LOCK)
  pthread_spin_init(&m, PTHREAD_PROCESS_PRIVATE);
#endif
  pthread_t a;
  pthread_t b;
#ifdef LEAK
  pthread_create(&a, 0, Holder, 0);
#else
  pthread_create(&a, 0, Worker, 0);
#endif
  pthread_create(&b, 0, Worker, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
#ifndef LEAK
  assert(counter == 4);
#endif
  return 0;
}
