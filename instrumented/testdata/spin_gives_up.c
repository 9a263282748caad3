// A waiter polls a flag and gives up after its third poll: the loop changes its counter each
// iteration, so the spin-loop rule must not take it for an iteration with no effect. BUG: the
// waiter's assert fails when main stores the flag late. Built at -O0 (the counter on the
// stack) and -O2 (in a callee-saved register).
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>

atomic_int flag;

void *waiter(void *arg) {
  (void)arg;
  int tries = 0;
  while (atomic_load(&flag) == 0) {
    if (++tries == 3) assert(!"gave up waiting");
  }
  return 0;
}

int main(void) {
  pthread_t thread;
  pthread_create(&thread, 0, waiter, 0);
  atomic_store(&flag, 1);
  pthread_join(thread, 0);
  return 0;
}
