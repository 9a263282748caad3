// bug (deadlock): the same code with a default (non-recursive) mutex: add_once() locks the mutex its caller add_twice() already holds, and the thread waits for itself forever.
#include <pthread.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
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
  pthread_t t1;
  pthread_create(&t1, 0, thr, 0);
  pthread_join(t1, 0);
  return 0;
}
