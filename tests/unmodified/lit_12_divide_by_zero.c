// bug (crash): the resetter sets `per_item` to 0 under the lock and the averager divides by it under the same lock: when the resetter runs first the division traps (SIGFPE).
#include <pthread.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
volatile int per_item = 4;
int total = 100;
int average = 0;

void *resetter(void *arg) {
  pthread_mutex_lock(&m);
  per_item = 0;
  pthread_mutex_unlock(&m);
  return 0;
}

void *averager(void *arg) {
  pthread_mutex_lock(&m);
  average = total / per_item;
  pthread_mutex_unlock(&m);
  return 0;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, 0, resetter, 0);
  pthread_create(&t2, 0, averager, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  return 0;
}
