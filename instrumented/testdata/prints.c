// A lost update that prints, to stdout (buffered) and stderr: the search's executions print
// nothing on the terminal (the output is captured one execution at a time), and the report
// shows the output of the counterexample's execution, "counter = 1" among it, once.
// With --show-output every execution prints, as the program does.
#include <assert.h>
#include <pthread.h>
#include <stdio.h>

int counter;

static void *increment(void *arg) {
  int value = counter;
  counter = value + 1;
  printf("thread %ld wrote %d\n", (long)arg, value + 1);
  return arg;
}

int main(void) {
  pthread_t a, b;
  printf("main starts\n");
  fprintf(stderr, "main says so on stderr\n");
  pthread_create(&a, NULL, increment, (void *)1);
  pthread_create(&b, NULL, increment, (void *)2);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("counter = %d\n", counter);
  assert(counter == 2);
  return 0;
}
