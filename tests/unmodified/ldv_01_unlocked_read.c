// bug (data race): the ioctl path writes dev.status under dev.lock, the interrupt path reads it without the lock: the two accesses are unordered.
#include <pthread.h>

struct my_device {
  pthread_mutex_t lock;
  int status;
  int events;
};

struct my_device dev = {PTHREAD_MUTEX_INITIALIZER, 0, 0};

void *ioctl_thread(void *arg) {
  pthread_mutex_lock(&dev.lock);
  dev.status = 1;
  pthread_mutex_unlock(&dev.lock);
  return 0;
}

void *irq_thread(void *arg) {
  int status = dev.status;
  pthread_mutex_lock(&dev.lock);
  if (status) dev.events = dev.events + 1;
  pthread_mutex_unlock(&dev.lock);
  return 0;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, 0, ioctl_thread, 0);
  pthread_create(&t2, 0, irq_thread, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  return 0;
}
