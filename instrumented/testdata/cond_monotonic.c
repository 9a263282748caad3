// A condition variable on CLOCK_MONOTONIC (pthread_condattr_setclock), waited with a deadline
// 10 s ahead on that clock while the producer signals after 0.1 s: under --time=virtual the
// wait never times out. PASS (before: the deadline was read on CLOCK_REALTIME, decades in the
// past, and the wait timed out at once).
#include <assert.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond;
static int ready;

static void* producer(void* arg) {
  (void)arg;
  usleep(100000);
  pthread_mutex_lock(&mutex);
  ready = 1;
  pthread_cond_signal(&cond);
  pthread_mutex_unlock(&mutex);
  return 0;
}

int main(void) {
  pthread_condattr_t attr;
  pthread_condattr_init(&attr);
  pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
  pthread_cond_init(&cond, &attr);
  pthread_t thread;
  pthread_create(&thread, 0, producer, 0);
  struct timespec deadline;
  clock_gettime(CLOCK_MONOTONIC, &deadline);
  deadline.tv_sec += 10;
  pthread_mutex_lock(&mutex);
  int code = 0;
  while (!ready && code == 0) code = pthread_cond_timedwait(&cond, &mutex, &deadline);
  assert(code == 0 && ready);
  pthread_mutex_unlock(&mutex);
  pthread_join(thread, 0);
  return 0;
}
