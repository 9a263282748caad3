// bug (reach_error): the shared maximum is compared and stored in two atomic sections, so the thread with 7 can store after the thread with 9 when both compared against 0: max == 7.
extern void __assert_fail(const char *, const char *, unsigned int, const char *) __attribute__((__noreturn__));
void reach_error(void) { __assert_fail("0", "ext_11_fmax_check_then_set.c", 3, "reach_error"); }

#include <pthread.h>

#define N 4

int values[N] = {3, 9, 4, 7};
int max = 0;

int __VERIFIER_atomic_load(int *p) { return *p; }
void __VERIFIER_atomic_store(int *p, int v) { *p = v; }

void *worker(void *arg) {
  int first = (int)(long)arg * (N / 2);
  int local = values[first];
  for (int i = first + 1; i < first + N / 2; i++) {
    if (values[i] > local) local = values[i];
  }
  if (local > __VERIFIER_atomic_load(&max)) __VERIFIER_atomic_store(&max, local);
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
