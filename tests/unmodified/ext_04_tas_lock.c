// pass: the test-and-set is one atomic function, so only the thread that saw 0 enters; the ghost count `inside` never exceeds 1 and `data` (touched only inside) ends at 2.
extern void __assert_fail(const char *, const char *, unsigned int, const char *) __attribute__((__noreturn__));
void reach_error(void) { __assert_fail("0", "ext_04_tas_lock.c", 3, "reach_error"); }

#include <pthread.h>

int lock = 0;
int inside = 0;
int data = 0;

int __VERIFIER_atomic_test_and_set(int *l) {
  int old = *l;
  *l = 1;
  return old;
}

void __VERIFIER_atomic_clear(int *l) { *l = 0; }

void __VERIFIER_atomic_enter(void) {
  inside = inside + 1;
  if (inside != 1) reach_error();
}

void __VERIFIER_atomic_leave(void) { inside = inside - 1; }

void *thr(void *arg) {
  while (__VERIFIER_atomic_test_and_set(&lock)) {
  }
  __VERIFIER_atomic_enter();
  data = data + 1;
  __VERIFIER_atomic_leave();
  __VERIFIER_atomic_clear(&lock);
  return 0;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, 0, thr, 0);
  pthread_create(&t2, 0, thr, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  if (data != 2) reach_error();
  return 0;
}
