// C11 threads (thrd_create, mtx_*, cnd_wait/cnd_signal) and pthread keys with a value per
// thread: correct (PASS).
#include <assert.h>
#include <pthread.h>
#include <threads.h>
mtx_t m; cnd_t c; int ready, counter; pthread_key_t key;
int worker(void* arg) {
  pthread_setspecific(key, arg);
  mtx_lock(&m); counter++; ready = 1; cnd_signal(&c); mtx_unlock(&m);
  assert(pthread_getspecific(key) == arg);
  return 7;
}
int main(void) {
  mtx_init(&m, mtx_plain); cnd_init(&c); pthread_key_create(&key, 0);
  pthread_setspecific(key, &m);
  thrd_t t; thrd_create(&t, worker, &c);
  mtx_lock(&m); while (!ready) cnd_wait(&c, &m); mtx_unlock(&m);
  int result = 0; thrd_join(t, &result);
  assert(result == 7 && counter == 1 && pthread_getspecific(key) == &m);
  return 0;
}
