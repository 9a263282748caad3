// pass: a semaphore initialized to 2 admits at most 2 of the 3 workers at a time, so the count of active workers (kept under a mutex) never exceeds 2.
#include <assert.h>
#include <pthread.h>
#include <semaphore.h>

sem_t pool;
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int active = 0;

void *worker(void *arg) {
  sem_wait(&pool);
  pthread_mutex_lock(&m);
  active++;
  assert(active <= 2);
  pthread_mutex_unlock(&m);
  pthread_mutex_lock(&m);
  active--;
  pthread_mutex_unlock(&m);
  sem_post(&pool);
  return 0;
}

int main(void) {
  sem_init(&pool, 0, 2);
  pthread_t t[3];
  for (int i = 0; i < 3; i++) pthread_create(&t[i], 0, worker, 0);
  for (int i = 0; i < 3; i++) pthread_join(t[i], 0);
  sem_destroy(&pool);
  return 0;
}
