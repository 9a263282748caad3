// A test program's own verdict is its exit status: this one returns 1 when an unlocked
// increment was lost (before: the status was dropped, and the search said PASS).
#include <pthread.h>
#include <stdio.h>

static int counter;

static void* increment(void* arg) {
  counter = counter + 1;
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, increment, 0);
  pthread_create(&b, 0, increment, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  if (counter != 2) {
    fprintf(stderr, "FAIL: counter = %d\n", counter);
    return 1;
  }
  return 0;
}
