// pass: each increment retries a compare-and-swap until no other increment came between its read and its write, so none is lost: counter == 4 after two threads add 2 each.
extern void __assert_fail(const char *, const char *, unsigned int, const char *) __attribute__((__noreturn__));
void reach_error(void) { __assert_fail("0", "ext_03_cas_increment.c", 3, "reach_error"); }

#include <pthread.h>

int counter = 0;

int __VERIFIER_atomic_load(int *p) { return *p; }

int __VERIFIER_atomic_cas(int *p, int expected, int desired) {
  if (*p != expected) return 0;
  *p = desired;
  return 1;
}

void *thr(void *arg) {
  for (int i = 0; i < 2; i++) {
    int old;
    do {
      old = __VERIFIER_atomic_load(&counter);
    } while (!__VERIFIER_atomic_cas(&counter, old, old + 1));
  }
  return 0;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, 0, thr, 0);
  pthread_create(&t2, 0, thr, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  if (counter != 4) reach_error();
  return 0;
}
