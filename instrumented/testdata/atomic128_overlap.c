// A 16-byte atomic whose second half another thread writes plainly: the plain write is a
// different object that overlaps the atomic's 16 bytes (runtime.cc WordAt), whose orders the
// search did not explore: an ERROR, never a PASS.
#include <pthread.h>
#include <stdint.h>

typedef unsigned __int128 u128;

union pair {
  u128 whole;
  uint64_t half[2];
} shared_pair;

void* atomic_writer(void* arg) {
  __atomic_store_n(&shared_pair.whole, (u128)1 << 64, __ATOMIC_SEQ_CST);
  return arg;
}

void* plain_writer(void* arg) {
  shared_pair.half[1] = 5;
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, atomic_writer, NULL);
  pthread_create(&b, NULL, plain_writer, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
