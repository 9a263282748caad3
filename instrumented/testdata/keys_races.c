// pthread keys are shared by the threads: creating and deleting a key change the key table,
// setting a value and a thread's end (which runs the destructor of its value) read it, so
// their orders across threads matter. With KEYS_CREATE_ORDER two threads create a key each
// and main asserts an order (either may come first: a BUG); otherwise one thread sets a value
// of a key with a destructor and ends while another deletes the key (deleted first, the
// destructor never runs: a BUG). These were no steps: dpor ran one order and said PASS.
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>

static atomic_int other_a, other_b, destroyed;
static pthread_key_t first, second, key;
static int value;

static void destroy(void* v) {
  (void)v;
  atomic_fetch_add(&destroyed, 1);
}

#ifdef KEYS_CREATE_ORDER
static void* create_first(void* arg) {
  atomic_store(&other_a, 1);
  pthread_key_create(&first, NULL);
  return arg;
}
static void* create_second(void* arg) {
  atomic_store(&other_b, 1);
  pthread_key_create(&second, NULL);
  return arg;
}
#else
static void* set_and_end(void* arg) {
  pthread_setspecific(key, &value);
  atomic_store(&other_a, 1);
  return arg;
}
static void* delete_key(void* arg) {
  atomic_store(&other_b, 1);
  pthread_key_delete(key);
  return arg;
}
#endif

int main(void) {
  pthread_t a, b;
#ifdef KEYS_CREATE_ORDER
  pthread_create(&a, 0, create_first, 0);
  pthread_create(&b, 0, create_second, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  assert(first < second);
#else
  pthread_key_create(&key, destroy);
  pthread_create(&a, 0, set_and_end, 0);
  pthread_create(&b, 0, delete_key, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  assert(atomic_load(&destroyed) == 1);
#endif
  return 0;
}
