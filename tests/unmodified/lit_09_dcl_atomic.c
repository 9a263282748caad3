// pass: double-checked initialization with an atomic flag: the initializer stores `config` then sets the flag with release, a reader that sees the flag (acquire) sees config == 42, and the slow path re-checks under the mutex.
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
atomic_int initialized;
int config = 0;

int get_config(void) {
  if (!atomic_load_explicit(&initialized, memory_order_acquire)) {
    pthread_mutex_lock(&m);
    if (!atomic_load_explicit(&initialized, memory_order_relaxed)) {
      config = 42;
      atomic_store_explicit(&initialized, 1, memory_order_release);
    }
    pthread_mutex_unlock(&m);
  }
  return config;
}

void *user(void *arg) {
  assert(get_config() == 42);
  return 0;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, 0, user, 0);
  pthread_create(&t2, 0, user, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  return 0;
}
