// Two threads increment a shared counter without a lock: an update can be lost.
#include <assert.h>
#include <pthread.h>

int counter = 0;

void* increment(void* arg) {
  int value = counter;
  counter = value + 1;
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, increment, NULL);
  pthread_create(&b, NULL, increment, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  assert(counter == 2);
  return 0;
}
