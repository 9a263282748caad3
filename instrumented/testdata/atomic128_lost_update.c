// A lost update through 16-byte atomics: each thread loads the counter and stores the load
// plus 2^64 (two steps, not a read-modify-write). One thread's store can overwrite the
// other's: main's assert fails (BUG), and the counterexample shows the values above 2^64.
#include <assert.h>
#include <pthread.h>

typedef unsigned __int128 u128;
#define TWO_TO_64 ((u128)1 << 64)

u128 wide_counter;

void* increment(void* arg) {
  const u128 seen = __atomic_load_n(&wide_counter, __ATOMIC_SEQ_CST);
  __atomic_store_n(&wide_counter, seen + TWO_TO_64, __ATOMIC_SEQ_CST);
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, increment, NULL);
  pthread_create(&b, NULL, increment, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  assert(wide_counter == 2 * TWO_TO_64);
  return 0;
}
