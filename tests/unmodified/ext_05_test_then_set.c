// bug (reach_error): the lock is tested in one atomic section and set in another, so both threads can see it free and enter together: `inside` reaches 2.
extern void __assert_fail(const char *, const char *, unsigned int, const char *) __attribute__((__noreturn__));
void reach_error(void) { __assert_fail("0", "ext_05_test_then_set.c", 3, "reach_error"); }

#include <pthread.h>

int lock = 0;
int inside = 0;

int __VERIFIER_atomic_load(int *p) { return *p; }
void __VERIFIER_atomic_store(int *p, int v) { *p = v; }

void __VERIFIER_atomic_enter(void) {
  inside = inside + 1;
  if (inside != 1) reach_error();
}

void __VERIFIER_atomic_leave(void) { inside = inside - 1; }

void *thr(void *arg) {
  while (__VERIFIER_atomic_load(&lock) != 0) {
  }
  __VERIFIER_atomic_store(&lock, 1);
  __VERIFIER_atomic_enter();
  __VERIFIER_atomic_leave();
  __VERIFIER_atomic_store(&lock, 0);
  return 0;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, 0, thr, 0);
  pthread_create(&t2, 0, thr, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  return 0;
}
