// main starts threads forever: no search ends, so the answer is unknown (the time bound).
#include <pthread.h>

extern void abort(void);
void reach_error(void) {}

int started;
pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

void *count(void *arg) {
  pthread_mutex_lock(&lock);
  started = started + 1;
  if (started <= 0) reach_error();
  pthread_mutex_unlock(&lock);
  return arg;
}

int main(void) {
  pthread_t thread;
  while (1) pthread_create(&thread, 0, count, 0);
}
