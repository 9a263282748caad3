// A waiter polls a flag nobody sets: under the spin-loop rule it waits for a change that never
// comes, and the program cannot end: BUG (DEADLOCK, the waiter spinning), not a step bound.
#include <pthread.h>
#include <stdatomic.h>

atomic_int flag;
atomic_int other;

void *waiter(void *arg) {
  (void)arg;
  while (atomic_load(&flag) == 0) {
  }
  return 0;
}

int main(void) {
  pthread_t thread;
  pthread_create(&thread, 0, waiter, 0);
  atomic_store(&other, 1);
  pthread_join(thread, 0);
  return 0;
}
