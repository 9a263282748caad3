// glibc's __libc_single_threaded, which libstdc++ reads to skip synchronisation: the model's
// threads share one OS thread, so glibc would never clear it; the runtime clears it before
// main, the same in every execution (a flag that changed between executions would make main's
// steps differ), and the program's threads see it cleared.
#include <assert.h>
#include <pthread.h>
#include <stddef.h>
#include <sys/single_threaded.h>

static void* worker(void* arg) {
  (void)arg;
  assert(!__libc_single_threaded);
  return NULL;
}

int main(void) {
  assert(!__libc_single_threaded);
  pthread_t thread;
  pthread_create(&thread, NULL, worker, NULL);
  pthread_join(thread, NULL);
  return 0;
}
