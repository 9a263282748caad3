// A heap pthread_once_t used, freed, and a new one (at the same address, as this allocator
// gives it) set to PTHREAD_ONCE_INIT: pthread_once must run the second init, whose assert
// fails. ASSERTION FAILED (before: PASS, the first control's "done" was kept by address).
#include <assert.h>
#include <pthread.h>
#include <stdlib.h>

static void first_init(void) {}
static void second_init(void) { assert(!"the second init ran"); }

static void* worker(void* arg) {
  pthread_once((pthread_once_t*)arg, first_init);
  return 0;
}

int main(void) {
  pthread_once_t* first = malloc(sizeof *first);
  *first = PTHREAD_ONCE_INIT;
  pthread_t thread;
  pthread_create(&thread, 0, worker, first);
  pthread_join(thread, 0);
  free(first);
  pthread_once_t* second = malloc(sizeof *second);
  *second = PTHREAD_ONCE_INIT;
  pthread_once(second, second_init);
  free(second);
  return 0;
}
