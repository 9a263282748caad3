// bug (reach_error): the read and the write of `counter` are two atomic sections, so both threads can read 0 and both write 1: counter == 1 after the joins (a lost update without a data race).
extern void __assert_fail(const char *, const char *, unsigned int, const char *) __attribute__((__noreturn__));
void reach_error(void) { __assert_fail("0", "ext_02_split_increment.c", 3, "reach_error"); }
extern void __VERIFIER_atomic_begin(void);
extern void __VERIFIER_atomic_end(void);

#include <pthread.h>

int counter = 0;

void *thr(void *arg) {
  int tmp;
  __VERIFIER_atomic_begin();
  tmp = counter;
  __VERIFIER_atomic_end();
  tmp = tmp + 1;
  __VERIFIER_atomic_begin();
  counter = tmp;
  __VERIFIER_atomic_end();
  return 0;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, 0, thr, 0);
  pthread_create(&t2, 0, thr, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  if (counter != 2) reach_error();
  return 0;
}
