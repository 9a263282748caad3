// A consumer polls a flag under a mutex (lock, read, unlock, yield) until a producer sets it
// under the same mutex: correct, and common. A critical section that only reads changes
// nothing, so a loop of them that comes back to the same state waits, by the spin rule, until
// the mutex or the flag has changed. Before, the search let the consumer poll again and again
// while the producer never ran, until the step bound: a WARNING LIVELOCK over 2,500 classes.
// -DSPIN_LOCK: a pthread spinlock; -DC11: a C11 mtx_t. The bugs the rule must not hide:
// -DNEVER, the producer never sets the flag (the consumer polls forever: a DEADLOCK);
// -DLATE, the producer writes the data after setting the flag (the consumer's assert fails);
// -DUNLOCKED, the producer sets the flag without the mutex (a DATA RACE).
#include <assert.h>
#include <pthread.h>
#include <sched.h>
#ifdef C11
#include <threads.h>
static mtx_t m;
#define LOCK() mtx_lock(&m)
#define UNLOCK() mtx_unlock(&m)
#elif defined(SPIN_LOCK)
static pthread_spinlock_t m;
#define LOCK() pthread_spin_lock(&m)
#define UNLOCK() pthread_spin_unlock(&m)
#else
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
#define LOCK() pthread_mutex_lock(&m)
#define UNLOCK() pthread_mutex_unlock(&m)
#endif

static int done;
static int data;

static void* Producer(void* arg) {
  (void)arg;
#if defined(NEVER)
  data = 42;
#elif defined(LATE)
  LOCK();
  done = 1;
  UNLOCK();
  data = 42;
#elif defined(UNLOCKED)
  data = 42;
  done = 1;
#else
  data = 42;
  LOCK();
  done = 1;
  UNLOCK();
#endif
  return 0;
}

static void* Consumer(void* arg) {
  (void)arg;
  for (;;) {
    LOCK();
    const int seen = done;
    UNLOCK();
    if (seen) break;
    sched_yield();
  }
  assert(data == 42);
  return 0;
}

int main(void) {
#ifdef C11
  mtx_init(&m, mtx_plain);
#elif defined(SPIN_LOCK)
  pthread_spin_init(&m, PTHREAD_PROCESS_PRIVATE);
#endif
  pthread_t producer, consumer;
  pthread_create(&producer, 0, Producer, 0);
  pthread_create(&consumer, 0, Consumer, 0);
  pthread_join(producer, 0);
  pthread_join(consumer, 0);
  return 0;
}
