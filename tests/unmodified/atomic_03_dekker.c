// pass: Dekker's algorithm on seq_cst atomics: a thread that sees the other's flag backs off (lowers its own) unless it holds `turn`, and hands `turn` over on exit, so only one is inside and `data` ends at 2.
extern void __assert_fail(const char *, const char *, unsigned int, const char *) __attribute__((__noreturn__));
void reach_error(void) { __assert_fail("0", "atomic_03_dekker.c", 3, "reach_error"); }

#include <pthread.h>
#include <stdatomic.h>

atomic_int flag[2];
atomic_int turn;
atomic_int inside;
int data = 0;

void *thr(void *arg) {
  int me = (int)(long)arg, other = 1 - me;
  atomic_store(&flag[me], 1);
  while (atomic_load(&flag[other])) {
    if (atomic_load(&turn) != me) {
      atomic_store(&flag[me], 0);
      while (atomic_load(&turn) != me) {
      }
      atomic_store(&flag[me], 1);
    }
  }
  if (atomic_fetch_add(&inside, 1) != 0) reach_error();
  data = data + 1;
  atomic_fetch_sub(&inside, 1);
  atomic_store(&turn, other);
  atomic_store(&flag[me], 0);
  return 0;
}

int main(void) {
  pthread_t t0, t1;
  pthread_create(&t0, 0, thr, (void *)0L);
  pthread_create(&t1, 0, thr, (void *)1L);
  pthread_join(t0, 0);
  pthread_join(t1, 0);
  if (data != 2) reach_error();
  return 0;
}
