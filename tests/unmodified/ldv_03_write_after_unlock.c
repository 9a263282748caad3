// bug (data race): open() releases dev_lock one statement too early and writes open_count outside it, while release() decrements open_count under the lock.
#include <pthread.h>

pthread_mutex_t dev_lock = PTHREAD_MUTEX_INITIALIZER;
int open_count = 0;
int opened = 0;

void *dev_open(void *arg) {
  pthread_mutex_lock(&dev_lock);
  opened = 1;
  pthread_mutex_unlock(&dev_lock);
  open_count = open_count + 1;
  return 0;
}

void *dev_release(void *arg) {
  pthread_mutex_lock(&dev_lock);
  if (opened) open_count = open_count - 1;
  pthread_mutex_unlock(&dev_lock);
  return 0;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, 0, dev_open, 0);
  pthread_create(&t2, 0, dev_release, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  return 0;
}
