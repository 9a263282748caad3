// The classic busy-wait on a plain flag. Built with -O2, gcc reads `flag` once and compiles the
// loop to a jump to itself: when main reads 0, it never takes another step. The watchdog gives
// the search up (ERROR, never a PASS) and says that the step before was a plain read.
#include <assert.h>
#include <pthread.h>

int flag = 0;
int data = 0;

static void* producer(void* arg) {
  data = 42;
  flag = 1;
  return arg;
}

int main(void) {
  pthread_t thread;
  pthread_create(&thread, NULL, producer, NULL);
  while (!flag) {
  }
  assert(data == 42);
  pthread_join(thread, NULL);
  return 0;
}
