// C11 call_once runs its function once whichever thread comes first; tss_* and pthread keys
// hold a value per thread, and a thread's end runs the destructors of its non-null values.
#include <assert.h>
#include <pthread.h>
#include <threads.h>

once_flag once = ONCE_FLAG_INIT;
int initialised;
tss_t slot;
pthread_key_t key;
mtx_t lock;
int destroyed;

void initialise(void) { initialised++; }

void destroy(void* value) {
  mtx_lock(&lock);
  destroyed += *(int*)value;
  mtx_unlock(&lock);
}

int worker(void* arg) {
  call_once(&once, initialise);
  assert(initialised == 1);
  assert(tss_get(slot) == NULL);
  tss_set(slot, arg);
  pthread_setspecific(key, arg);
  thrd_yield();
  assert(tss_get(slot) == arg && pthread_getspecific(key) == arg);
  return 0;
}

int main(void) {
  static int one = 1, ten = 10;
  mtx_init(&lock, mtx_plain);
  tss_create(&slot, destroy);
  pthread_key_create(&key, destroy);
  thrd_t a, b;
  thrd_create(&a, worker, &one);
  thrd_create(&b, worker, &ten);
  thrd_join(a, NULL);
  thrd_join(b, NULL);
  assert(initialised == 1);
  assert(destroyed == 2 * (1 + 10));  // Each thread's value, once per key.
  tss_delete(slot);
  return 0;
}
