// Message passing with a relaxed flag: the writer sets `data` (a plain int) and then the flag;
// the reader reads `data` once it sees the flag. A relaxed store read by a relaxed load makes
// no happens-before edge, so the two accesses of `data` are a DATA RACE under
// --memory-model=rc11 (mp_release_acquire.c, with release/acquire, passes).
#include <pthread.h>
#include <stdatomic.h>

int data;
atomic_int ready;

void* writer(void* arg) {
  data = 42;
  atomic_store_explicit(&ready, 1, memory_order_relaxed);
  return arg;
}

void* reader(void* arg) {
  if (atomic_load_explicit(&ready, memory_order_relaxed) == 1 && data != 42) return (void*)1;
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
