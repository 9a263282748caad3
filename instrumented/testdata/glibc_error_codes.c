// Error codes as glibc returns them (each was different before): a trylock of an errorcheck
// mutex by its holder is EBUSY; destroying a locked mutex is EBUSY; a condition wait on an
// errorcheck mutex the caller does not hold is EPERM at once; a rwlock's holder for writing
// that locks it again gets EDEADLK; a barrier of count 0 is EINVAL; a timed wait whose
// deadline's nanoseconds are out of range is EINVAL when it would wait. PASS.
#define _GNU_SOURCE
#include <assert.h>
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>

static pthread_mutex_t errorcheck = PTHREAD_ERRORCHECK_MUTEX_INITIALIZER_NP;
static pthread_mutex_t plain = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static pthread_rwlock_t rwlock = PTHREAD_RWLOCK_INITIALIZER;

static void* worker(void* arg) {
  (void)arg;
  const struct timespec bad = {0, 1000000000L};
  const int code = pthread_mutex_timedlock(&plain, &bad);  // 0 when free, else EINVAL.
  assert(code == 0 || code == EINVAL);
  if (code == 0) pthread_mutex_unlock(&plain);
  return 0;
}

int main(void) {
  assert(pthread_cond_wait(&cond, &errorcheck) == EPERM);
  pthread_mutex_lock(&errorcheck);
  assert(pthread_mutex_trylock(&errorcheck) == EBUSY);
  assert(pthread_mutex_lock(&errorcheck) == EDEADLK);
  pthread_mutex_unlock(&errorcheck);

  pthread_mutex_lock(&plain);
  assert(pthread_mutex_destroy(&plain) == EBUSY);
  pthread_t thread;
  pthread_create(&thread, 0, worker, 0);
  pthread_mutex_unlock(&plain);
  pthread_join(thread, 0);

  assert(pthread_rwlock_wrlock(&rwlock) == 0);
  assert(pthread_rwlock_wrlock(&rwlock) == EDEADLK);
  assert(pthread_rwlock_rdlock(&rwlock) == EDEADLK);
  assert(pthread_rwlock_trywrlock(&rwlock) == EBUSY);
  pthread_rwlock_unlock(&rwlock);

  pthread_barrier_t barrier;
  assert(pthread_barrier_init(&barrier, 0, 0) == EINVAL);

  const struct timespec bad = {0, 1000000000L};
  sem_t sem;
  sem_init(&sem, 0, 0);
  errno = 0;
  assert(sem_timedwait(&sem, &bad) == -1 && errno == EINVAL);
  sem_post(&sem);
  assert(sem_timedwait(&sem, &bad) == 0);  // It need not wait: the deadline is not read.
  pthread_mutex_lock(&plain);
  assert(pthread_cond_timedwait(&cond, &plain, &bad) == EINVAL);
  pthread_mutex_unlock(&plain);
  return 0;
}
