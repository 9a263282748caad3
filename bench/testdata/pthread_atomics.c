// Narrow atomics only: three threads, relaxed, acquire, acq_rel and seq_cst fetch_adds and
// loads of 4- and 8-byte atomics (3,678 execution graphs under rc11). What the runtime's atomic
// path costs per execution (README "Benchmarks": the 16-byte widening measured on it).
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>

atomic_int count;
atomic_long total;

void* work(void* arg) {
  atomic_fetch_add_explicit(&count, 1, memory_order_relaxed);
  long seen = atomic_load_explicit(&total, memory_order_acquire);
  atomic_fetch_add_explicit(&total, seen + 1, memory_order_acq_rel);
  atomic_fetch_add(&count, 1);
  return arg;
}

int main(void) {
  pthread_t t[3];
  for (int i = 0; i < 3; ++i) pthread_create(&t[i], NULL, work, NULL);
  for (int i = 0; i < 3; ++i) pthread_join(t[i], NULL);
  assert(count == 6);
  return 0;
}
