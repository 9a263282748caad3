// A lost wake-up: a thread signals the condition variable without holding the mutex (POSIX
// allows it), while the waiter may not have started waiting yet. When the signal comes first, nobody
// is woken and the waiter waits forever: a DEADLOCK. The waiter joins the condition variable's
// waiters in a step of its own (runtime.cc CondWait), so the search sees that the signal races
// with it; before, the join happened inside the waiter's mutex acquire, a step on the mutex
// that the search took as independent of the signal, and this program PASSed.
#include <pthread.h>

pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t cond = PTHREAD_COND_INITIALIZER;

void* waiter(void* arg) {
  (void)arg;
  pthread_mutex_lock(&mutex);
  pthread_cond_wait(&cond, &mutex);
  pthread_mutex_unlock(&mutex);
  return 0;
}

void* signaller(void* arg) {
  (void)arg;
  pthread_cond_signal(&cond);
  return 0;
}

int main(void) {
  pthread_t threads[2];
  pthread_create(&threads[0], 0, waiter, 0);
  pthread_create(&threads[1], 0, signaller, 0);
  pthread_join(threads[0], 0);
  pthread_join(threads[1], 0);
  return 0;
}
