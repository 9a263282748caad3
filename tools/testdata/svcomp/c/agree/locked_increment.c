// The same two additions under a mutex: the total is always two, and nothing races.
#include <pthread.h>

extern void abort(void);
void reach_error(void) {}

int counter;
pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

void *add_one(void *arg) {
  pthread_mutex_lock(&lock);
  counter = counter + 1;
  pthread_mutex_unlock(&lock);
  return arg;
}

int main(void) {
  pthread_t first, second;
  pthread_create(&first, 0, add_one, 0);
  pthread_create(&second, 0, add_one, 0);
  pthread_join(first, 0);
  pthread_join(second, 0);
  if (counter != 2) {
    reach_error();
    abort();
  }
  return 0;
}
