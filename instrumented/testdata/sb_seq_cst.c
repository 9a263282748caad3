// Store buffering with seq_cst atomics: each thread stores to its own flag and loads the
// other's. seq_cst orders all four in one total order, so one load reads 1: PASS under
// --memory-model=rc11 (the relaxed version, sb_relaxed.c, is a BUG).
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>

atomic_int x, y;
int r0, r1;

void* left(void* arg) {
  atomic_store_explicit(&x, 1, memory_order_seq_cst);
  r0 = atomic_load_explicit(&y, memory_order_seq_cst);
  return arg;
}

void* right(void* arg) {
  atomic_store_explicit(&y, 1, memory_order_seq_cst);
  r1 = atomic_load_explicit(&x, memory_order_seq_cst);
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, left, NULL);
  pthread_create(&b, NULL, right, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  assert(r0 == 1 || r1 == 1);
  return 0;
}
