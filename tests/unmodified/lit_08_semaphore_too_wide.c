// bug (assertion): the semaphore is initialized to 3 where the pool has room for 2, so all three workers can be active at once and `active <= 2` fails.
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
  sem_init(&pool, 0, 3);
  pthread_t t[3];
  for (int i = 0; i < 3; i++) pthread_create(&t[i], 0, worker, 0);
  for (int i = 0; i < 3; i++) pthread_join(t[i], 0);
  sem_destroy(&pool);
  return 0;
}
