// Safe for every value, but the runtime tries only 0, 1 and 2 for a nondet int: an
// exhaustive search of it proves nothing about the other values, so the answer is unknown.
#include <pthread.h>

extern void abort(void);
extern int __VERIFIER_nondet_int(void);
void reach_error(void) {}

int limit;
pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

void *store(void *arg) {
  pthread_mutex_lock(&lock);
  limit = __VERIFIER_nondet_int();
  pthread_mutex_unlock(&lock);
  return arg;
}

int main(void) {
  pthread_t thread;
  pthread_create(&thread, 0, store, 0);
  pthread_join(thread, 0);
  if (limit != limit) reach_error();
  return 0;
}
