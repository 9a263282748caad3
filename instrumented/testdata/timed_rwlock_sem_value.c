// The timed and clock forms of the rwlock and semaphore waits, and sem_getvalue, are the
// model's: two threads take a write lock with pthread_rwlock_timedwrlock /
// pthread_rwlock_clockwrlock (in virtual time the other's unlock comes before the deadline:
// both get it), wait on a semaphore with sem_clockwait, and main reads the semaphore's count
// with sem_getvalue. Before, these went to glibc on memory the model never wrote: the second
// lock timed out under the model's unlock, and sem_getvalue read 0.
#include <assert.h>
#include <pthread.h>
#include <semaphore.h>
#include <time.h>

static pthread_rwlock_t lock = PTHREAD_RWLOCK_INITIALIZER;
static sem_t sem;
static int counter;

static void* worker(void* arg) {
  struct timespec deadline;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_sec += 1;
  const int locked = arg != 0 ? pthread_rwlock_timedwrlock(&lock, &deadline)
                              : pthread_rwlock_clockwrlock(&lock, CLOCK_REALTIME, &deadline);
  if (locked == 0) {
    counter++;
    pthread_rwlock_unlock(&lock);
  }
  clock_gettime(CLOCK_MONOTONIC, &deadline);
  deadline.tv_sec += 1;
  sem_clockwait(&sem, CLOCK_MONOTONIC, &deadline);
  return arg;
}

int main(void) {
  sem_init(&sem, 0, 3);
  pthread_t a, b;
  pthread_create(&a, 0, worker, (void*)1);
  pthread_create(&b, 0, worker, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  assert(counter == 2);
  int value = -1;
  sem_getvalue(&sem, &value);
  assert(value == 1);
  return 0;
}
