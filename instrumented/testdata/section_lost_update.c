// Two readers count themselves in and out of `readers` inside SV-COMP atomic sections, but one
// of them counts out with a plain read and a plain write: when the other reader's section runs
// between the two, that section's update is lost. Only sections touch `readers` besides that
// read and write, so the search must see that a section's accesses conflict with accesses
// outside any section, and run the whole section before and after each of them (BUG: the
// assert fails).
#include <assert.h>
#include <pthread.h>

extern void __VERIFIER_atomic_begin(void);
extern void __VERIFIER_atomic_end(void);

int readers;

// A __VERIFIER_atomic_* function is a section too.
void __VERIFIER_atomic_enter(void) { readers = readers + 1; }
void __VERIFIER_atomic_leave(void) { readers = readers - 1; }

static void *careful_reader(void *arg) {
  __VERIFIER_atomic_enter();
  __VERIFIER_atomic_leave();
  return arg;
}

static void *careless_reader(void *arg) {
  __VERIFIER_atomic_begin();
  readers = readers + 1;
  __VERIFIER_atomic_end();
  int left = readers - 1;
  readers = left;
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, careful_reader, 0);
  pthread_create(&b, 0, careless_reader, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  assert(readers == 0);
  return 0;
}
