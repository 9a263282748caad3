// Message passing with release/acquire: the writer sets `data` (a plain int) and then the
// flag with a release store; the reader reads `data` once its acquire load sees the flag. The
// store synchronizes with the load: no DATA RACE, PASS under --memory-model=rc11
// (mp_relaxed.c, with a relaxed flag, races).
#include <pthread.h>
#include <stdatomic.h>

int data;
atomic_int ready;

void* writer(void* arg) {
  data = 42;
  atomic_store_explicit(&ready, 1, memory_order_release);
  return arg;
}

void* reader(void* arg) {
  if (atomic_load_explicit(&ready, memory_order_acquire) == 1 && data != 42) return (void*)1;
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
