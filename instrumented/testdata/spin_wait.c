// Spin-waits on a seq_cst atomic, on a plain volatile word inside SV-COMP atomic sections, and
// with sched_yield: each waiter polls until main publishes, so every execution ends and the
// exploration is exhaustive (the spin-loop rule). PASS.
#include <assert.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

atomic_int ready;
volatile int section_ready;
int data;

int __VERIFIER_atomic_read(void) { return section_ready; }
void __VERIFIER_atomic_publish(void) { section_ready = 1; }

void *atomic_waiter(void *arg) {
  (void)arg;
  while (!atomic_load(&ready)) sched_yield();
  assert(data == 42);
  return 0;
}

void *section_waiter(void *arg) {
  (void)arg;
  while (!__VERIFIER_atomic_read()) {
  }
  assert(atomic_load(&ready) == 1);
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, atomic_waiter, 0);
  pthread_create(&b, 0, section_waiter, 0);
  data = 42;
  atomic_store(&ready, 1);
  __VERIFIER_atomic_publish();
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
