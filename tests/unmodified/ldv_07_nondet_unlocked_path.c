// bug (data race): when __VERIFIER_nondet_int() is nonzero the fast path updates `stats` without taking `lock`, unordered with the other thread's locked update.
extern int __VERIFIER_nondet_int(void);

#include <pthread.h>

pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
int stats = 0;

void *update(void *arg) {
  if (__VERIFIER_nondet_int()) {
    stats = stats + 1;  // "fast path": no lock.
  } else {
    pthread_mutex_lock(&lock);
    stats = stats + 1;
    pthread_mutex_unlock(&lock);
  }
  return 0;
}

void *locked_update(void *arg) {
  pthread_mutex_lock(&lock);
  stats = stats + 2;
  pthread_mutex_unlock(&lock);
  return 0;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, 0, update, 0);
  pthread_create(&t2, 0, locked_update, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  return 0;
}
