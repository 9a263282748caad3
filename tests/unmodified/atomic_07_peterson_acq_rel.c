// bug (reach_error, C11 memory model): Peterson with release stores and acquire loads instead of seq_cst: each thread may read the other's flag as 0 (store buffering: nothing orders a store before a later load of another location), so both enter. Under sequential consistency it would pass.
extern void __assert_fail(const char *, const char *, unsigned int, const char *) __attribute__((__noreturn__));
void reach_error(void) { __assert_fail("0", "atomic_07_peterson_acq_rel.c", 3, "reach_error"); }

#include <pthread.h>
#include <stdatomic.h>

atomic_int flag[2];
atomic_int turn;
atomic_int inside;

void *thr(void *arg) {
  int me = (int)(long)arg, other = 1 - me;
  atomic_store_explicit(&flag[me], 1, memory_order_release);
  atomic_store_explicit(&turn, other, memory_order_release);
  while (atomic_load_explicit(&flag[other], memory_order_acquire) &&
         atomic_load_explicit(&turn, memory_order_acquire) == other) {
  }
  if (atomic_fetch_add(&inside, 1) != 0) reach_error();
  atomic_fetch_sub(&inside, 1);
  atomic_store_explicit(&flag[me], 0, memory_order_release);
  return 0;
}

int main(void) {
  pthread_t t0, t1;
  pthread_create(&t0, 0, thr, (void *)0L);
  pthread_create(&t1, 0, thr, (void *)1L);
  pthread_join(t0, 0);
  pthread_join(t1, 0);
  return 0;
}
