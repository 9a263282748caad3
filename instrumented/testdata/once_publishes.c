// pthread_once publishes what init wrote: a thread that returns from pthread_once after another
// thread ran init reads init's writes, plain or relaxed (the once's release happens before the
// waiter's return). The waiter used to be let go in the tail of init's last step, before the
// release: a DATA RACE on `plain` and a relaxed load of 0 under dfs, which real pthread_once
// cannot show (dpor never ran that order).
#include <assert.h>
#include <pthread.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int plain;
static int relaxed;

static void init(void) {
  plain = 1;
  __atomic_store_n(&relaxed, 1, __ATOMIC_RELAXED);
}

static void* worker(void* arg) {
  pthread_once(&once, init);
  assert(plain == 1);
  assert(__atomic_load_n(&relaxed, __ATOMIC_RELAXED) == 1);
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, worker, 0);
  pthread_create(&b, 0, worker, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
