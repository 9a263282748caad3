// A consumer spins on sem_trywait until the producer posts, then reads what the producer
// wrote before the post (with -DRWLOCK: spins on pthread_rwlock_trywrlock while the producer
// holds the lock as a reader). Each loop waits by the spin rule until the semaphore (the lock)
// has changed; before, the search hit the step bound (a WARNING LIVELOCK). With -DGIVE_UP the
// consumer tries three times and then asserts it got it: the failure is found.
#include <assert.h>
#include <pthread.h>
#include <semaphore.h>

static sem_t ready;
#ifdef RWLOCK
static pthread_rwlock_t lock = PTHREAD_RWLOCK_INITIALIZER;
#endif
static int data;

static void* Producer(void* arg) {
  (void)arg;
#ifdef RWLOCK
  pthread_rwlock_rdlock(&lock);
  data = 7;
  pthread_rwlock_unlock(&lock);
#else
  data = 7;
  sem_post(&ready);
#endif
  return 0;
}

#ifdef RWLOCK
#define TRY() (pthread_rwlock_trywrlock(&lock) == 0)
#else
#define TRY() (sem_trywait(&ready) == 0)
#endif

static void* Consumer(void* arg) {
  (void)arg;
#ifdef GIVE_UP
  int got = 0;
  for (int tries = 0; tries < 3 && !got; ++tries) got = TRY();
  assert(got);
#else
  while (!TRY()) {
  }
#endif
#ifdef RWLOCK
  pthread_rwlock_unlock(&lock);
#else
  assert(data == 7);
#endif
  return 0;
}

int main(void) {
  sem_init(&ready, 0, 0);
  pthread_t producer;
  pthread_t consumer;
  pthread_create(&consumer, 0, Consumer, 0);
  pthread_create(&producer, 0, Producer, 0);
  pthread_join(producer, 0);
  pthread_join(consumer, 0);
  return 0;
}
