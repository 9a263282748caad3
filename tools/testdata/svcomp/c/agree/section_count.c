// section_split.c with both readers counting out inside a section: no update is lost, and a
// program with atomic sections is answered true once its search is exhaustive.
#include <pthread.h>

extern void __VERIFIER_atomic_begin(void);
extern void __VERIFIER_atomic_end(void);
void reach_error(void) {}

int readers;

void __VERIFIER_atomic_enter(void) { readers = readers + 1; }

void *reader(void *arg) {
  __VERIFIER_atomic_enter();
  __VERIFIER_atomic_begin();
  readers = readers - 1;
  __VERIFIER_atomic_end();
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, reader, 0);
  pthread_create(&b, 0, reader, 0);
  int seen = readers;
  if (seen < 0 || seen > 2) reach_error();
  pthread_join(a, 0);
  pthread_join(b, 0);
  if (readers != 0) reach_error();
  return 0;
}
