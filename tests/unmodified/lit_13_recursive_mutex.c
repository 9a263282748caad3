// pass: the mutex is PTHREAD_MUTEX_RECURSIVE, so add_twice() may take it again inside add_once(); every access to `count` holds it, and count == 4.
#include <assert.h>
#include <pthread.h>

pthread_mutex_t m;
int count = 0;

void add_once(void) {
  pthread_mutex_lock(&m);
  count++;
  pthread_mutex_unlock(&m);
}

void add_twice(void) {
  pthread_mutex_lock(&m);
  add_once();
  add_once();
  pthread_mutex_unlock(&m);
}

void *thr(void *arg) {
  add_twice();
  return 0;
}

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&m, &attr);
  pthread_mutexattr_destroy(&attr);
  pthread_t t1, t2;
  pthread_create(&t1, 0, thr, 0);
  pthread_create(&t2, 0, thr, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  assert(count == 4);
  pthread_mutex_destroy(&m);
  return 0;
}
