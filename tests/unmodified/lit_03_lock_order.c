// bug (deadlock): transfer() takes a then b, audit() takes b then a: when each holds its first lock, both wait forever for the other's.
#include <pthread.h>

pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
int balance_a = 10, balance_b = 0;

void *transfer(void *arg) {
  pthread_mutex_lock(&a);
  pthread_mutex_lock(&b);
  balance_a -= 5;
  balance_b += 5;
  pthread_mutex_unlock(&b);
  pthread_mutex_unlock(&a);
  return 0;
}

void *audit(void *arg) {
  pthread_mutex_lock(&b);
  pthread_mutex_lock(&a);
  int total = balance_a + balance_b;
  pthread_mutex_unlock(&a);
  pthread_mutex_unlock(&b);
  return (void *)(long)total;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, 0, transfer, 0);
  pthread_create(&t2, 0, audit, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  return 0;
}
