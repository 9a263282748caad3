// Main returns without joining a thread that fails after a lock: in the schedules where the
// thread gets the lock before main's exit it aborts, so the program can crash (BUG). Before,
// the exit killed the thread with no scheduling point of main's before it, and the search
// never tried the thread first: a PASS in 1 class.
#include <pthread.h>
#include <stdlib.h>

pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
int flag;

void* worker(void* arg) {
  pthread_mutex_lock(&lock);
  flag = 1;
  pthread_mutex_unlock(&lock);
  abort();
  return arg;
}

int main(void) {
  pthread_t thread;
  pthread_create(&thread, 0, worker, 0);
  return 0;
}
