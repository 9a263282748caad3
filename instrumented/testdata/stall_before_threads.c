// A program whose main computes for about a second before its first visible operation (no
// memory access the instrumentation sees, no call): with --stall-seconds=0.2 the watchdog gives
// the search up with an ERROR, where the default limit (30 s) would wait for it.
#include <pthread.h>

static int counter = 0;

static void* worker(void* arg) {
  counter = 1;
  return arg;
}

int main(void) {
  for (unsigned long i = 0; i < 3000000000UL; ++i) __asm__ volatile("" : "+r"(i));
  pthread_t thread;
  pthread_create(&thread, NULL, worker, NULL);
  pthread_join(thread, NULL);
  return counter == 1 ? 0 : 1;
}
