// pass: each thread takes the maximum of its half of the array and raises the shared maximum with a compare-and-swap loop that re-reads after a failure, so the larger value always survives: max == 9.
extern void __assert_fail(const char *, const char *, unsigned int, const char *) __attribute__((__noreturn__));
void reach_error(void) { __assert_fail("0", "ext_10_fmax_cas.c", 3, "reach_error"); }

#include <pthread.h>

#define N 4

int values[N] = {3, 9, 4, 7};
int max = 0;

int __VERIFIER_atomic_load(int *p) { return *p; }

int __VERIFIER_atomic_cas(int *p, int expected, int desired) {
  if (*p != expected) return 0;
  *p = desired;
  return 1;
}

void *worker(void *arg) {
  int first = (int)(long)arg * (N / 2);
  int local = values[first];
  for (int i = first + 1; i < first + N / 2; i++) {
    if (values[i] > local) local = values[i];
  }
  int current;
  do {
    current = __VERIFIER_atomic_load(&max);
    if (local <= current) break;
  } while (!__VERIFIER_atomic_cas(&max, current, local));
  return 0;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, 0, worker, (void *)0L);
  pthread_create(&t2, 0, worker, (void *)1L);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  if (max != 9) reach_error();
  return 0;
}
