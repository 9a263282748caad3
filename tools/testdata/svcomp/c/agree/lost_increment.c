// Two threads add one to a counter without a lock: one addition can be lost.
#include <assert.h>
#include <pthread.h>

extern void abort(void);
void reach_error(void) { assert(0); }

int counter;

void *add_one(void *arg) {
  int seen = counter;
  counter = seen + 1;
  return arg;
}

int main(void) {
  pthread_t first, second;
  pthread_create(&first, 0, add_one, 0);
  pthread_create(&second, 0, add_one, 0);
  pthread_join(first, 0);
  pthread_join(second, 0);
  if (counter != 2) {
    reach_error();
    abort();
  }
  return 0;
}
