// 16-byte read-modify-writes (__tsan_atomic128_fetch_*): two threads add and subtract values
// above 2^64 on an unsigned __int128 (the first add carries from the low half into the high
// one), with relaxed, acq_rel and seq_cst orders; a third word takes or, xor and and on bits
// of both halves, a fourth nand and exchange; both threads try to claim a fifth with
// __tsan_atomic128_compare_exchange_val (which g++ does not emit: called directly). Every
// order of the threads ends with the same values, which main checks exactly, and each fetch
// returns a value the word can hold just before it: PASS exhaustively. A constructor, which
// runs before the runtime takes the program's operations as steps, uses the real operations.
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>

typedef unsigned __int128 u128;
#define TWO_TO_64 ((u128)1 << 64)

_Atomic u128 total;  // C11 atomics on a 16-byte type: __tsan_atomic128_*.
u128 bits;           // The __atomic builtins.
u128 solo;
u128 old_seen;
__int128 claimed;
__int128 claim_seen[2];
u128 early;

__int128 __tsan_atomic128_compare_exchange_val(volatile __int128* a, __int128 expected,
                                               __int128 desired, int order, int failure);

__attribute__((constructor)) static void before_main(void) {
  __atomic_store_n(&early, TWO_TO_64, __ATOMIC_SEQ_CST);
  __atomic_fetch_add(&early, TWO_TO_64 + 2, __ATOMIC_SEQ_CST);
  u128 expected = 1;  // Fails: `expected` becomes 2^65 + 2.
  __atomic_compare_exchange_n(&early, &expected, 0, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
  __atomic_compare_exchange_n(&early, &expected, expected + 1, 0, __ATOMIC_SEQ_CST,
                              __ATOMIC_SEQ_CST);
}

void* add_and_subtract(void* arg) {
  atomic_fetch_add_explicit(&total, TWO_TO_64 + 1, memory_order_relaxed);
  atomic_fetch_sub_explicit(&total, 2, memory_order_acq_rel);
  __atomic_fetch_or(&bits, (u128)1 << 100, __ATOMIC_RELEASE);
  __atomic_fetch_and(&bits, ~((u128)1 << 3), __ATOMIC_ACQ_REL);
  claim_seen[0] = __tsan_atomic128_compare_exchange_val(&claimed, 0, (__int128)1 << 64,
                                                        __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
  return arg;
}

void* add_more(void* arg) {
  old_seen = atomic_fetch_add(&total, 3 * TWO_TO_64 + 5);
  __atomic_fetch_xor(&bits, ((u128)1 << 70) | 1, __ATOMIC_RELAXED);
  const u128 before = __atomic_fetch_nand(&solo, ~(u128)0, __ATOMIC_SEQ_CST);
  assert(before == 9 * TWO_TO_64 + 6);
  assert(__atomic_exchange_n(&solo, 2 * TWO_TO_64, __ATOMIC_ACQUIRE) == ~(9 * TWO_TO_64 + 6));
  claim_seen[1] = __tsan_atomic128_compare_exchange_val(&claimed, 0, -((__int128)1 << 64),
                                                        __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);
  return arg;
}

int main(void) {
  total = TWO_TO_64 - 1;
  bits = ((u128)1 << 3) | ((u128)1 << 64);
  solo = 9 * TWO_TO_64 + 6;
  pthread_t a, b;
  pthread_create(&a, NULL, add_and_subtract, NULL);
  pthread_create(&b, NULL, add_more, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  // The fetch_add of add_more ran before, between or after the other thread's two updates.
  assert(old_seen == TWO_TO_64 - 1 || old_seen == 2 * TWO_TO_64 || old_seen == 2 * TWO_TO_64 - 2);
  assert(total == 5 * TWO_TO_64 + 3);
  assert(bits == (((u128)1 << 100) | ((u128)1 << 70) | ((u128)1 << 64) | 1));
  assert(solo == 2 * TWO_TO_64);
  // One claim won (it read 0), the other read the winner's value.
  assert((claimed == (__int128)1 << 64 && claim_seen[0] == 0 && claim_seen[1] == claimed) ||
         (claimed == -((__int128)1 << 64) && claim_seen[1] == 0 && claim_seen[0] == claimed));
  assert(early == 2 * TWO_TO_64 + 3);
  return 0;
}
