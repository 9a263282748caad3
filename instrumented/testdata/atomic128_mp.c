// Message passing through a 16-byte flag: the writer sets `data` (a plain int) and then the
// flag (a value above 2^64); the reader reads `data` once it sees the flag. Relaxed (the
// default): no happens-before, a DATA RACE on `data` under --memory-model=rc11, as with a
// narrow flag (mp_relaxed.c). -DRELEASE_ACQUIRE: the release store read by the acquire load
// orders the accesses, PASS.
#include <pthread.h>

typedef unsigned __int128 u128;
#define READY ((u128)7 << 64)

#ifdef RELEASE_ACQUIRE
#define STORE_ORDER __ATOMIC_RELEASE
#define LOAD_ORDER __ATOMIC_ACQUIRE
#else
#define STORE_ORDER __ATOMIC_RELAXED
#define LOAD_ORDER __ATOMIC_RELAXED
#endif

int data;
u128 wide_flag;

void* writer(void* arg) {
  data = 42;
  __atomic_store_n(&wide_flag, READY, STORE_ORDER);
  return arg;
}

void* reader(void* arg) {
  if (__atomic_load_n(&wide_flag, LOAD_ORDER) == READY && data != 42) return (void*)1;
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, writer, NULL);
  pthread_create(&b, NULL, reader, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
