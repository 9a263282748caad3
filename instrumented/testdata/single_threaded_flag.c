// glibc's __libc_single_threaded, which libstdc++ reads to skip synchronisation: 1 until the
// process's first pthread_create, 0 from then on, in every execution (the model's threads share
// one OS thread, so the runtime keeps the flag as glibc would for real threads).
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
  assert(__libc_single_threaded);
  pthread_t thread;
  pthread_create(&thread, NULL, worker, NULL);
  assert(!__libc_single_threaded);
  pthread_join(thread, NULL);
  return 0;
}
