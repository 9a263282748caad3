// An unmodified program declares its outcome (INTERLEAVE_OUTCOME, "interleave/outcome.h"): the
// report's table counts the classes per final value of the counter, the lost update's 1 beside
// the right 2, and a text outcome. Built without the runtime it runs as it is (weak symbols).
#include "interleave/outcome.h"

#include <pthread.h>

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
  INTERLEAVE_OUTCOME("counter", counter);
  INTERLEAVE_OUTCOME_TEXT("verdict", counter == 2 ? "right" : "lost");
  return 0;
}
