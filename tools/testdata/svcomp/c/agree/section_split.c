// Readers count themselves in and out inside atomic sections, except that one counts out with a
// plain read and write: the other's section between the two loses its update, and reach_error
// is reachable. Only the order of a section against accesses outside any section shows it.
#include <pthread.h>

extern void __VERIFIER_atomic_begin(void);
extern void __VERIFIER_atomic_end(void);
void reach_error(void) {}

int readers;

void __VERIFIER_atomic_enter(void) { readers = readers + 1; }
void __VERIFIER_atomic_leave(void) { readers = readers - 1; }

void *careful(void *arg) {
  __VERIFIER_atomic_enter();
  __VERIFIER_atomic_leave();
  return arg;
}

void *careless(void *arg) {
  __VERIFIER_atomic_enter();
  int left = readers - 1;
  readers = left;
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, careful, 0);
  pthread_create(&b, 0, careless, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  if (readers != 0) reach_error();
  return 0;
}
