// _exit and _Exit end an execution as exit does, without atexit handlers or thread-local
// destructors, and their status is checked: a worker that finds the flag unset ends the
// process with status 3 (before: _exit ended the search's own process, with no report).
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

static atomic_int ready;

static void* worker(void* arg) {
  if (!atomic_load(&ready)) _exit(3);
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  atomic_store(&ready, 1);
  pthread_join(t, 0);
  _Exit(0);
}
