// Three workers started with the same routine and the same argument, each adding 1 to a
// counter twice under a mutex: interchangeable under --symmetry (90 lock orders, 15 up to a
// permutation of the workers). Without the mutex (-DUNLOCKED) increments are lost.
#include <assert.h>
#include <pthread.h>

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static int counter = 0;

static void* worker(void* unused) {
  (void)unused;
  for (int k = 0; k < 2; ++k) {
#ifndef UNLOCKED
    pthread_mutex_lock(&mutex);
#endif
    counter++;
#ifndef UNLOCKED
    pthread_mutex_unlock(&mutex);
#endif
  }
  return NULL;
}

int main(void) {
  pthread_t threads[3];
  for (int i = 0; i < 3; ++i) pthread_create(&threads[i], NULL, worker, NULL);
  for (int i = 0; i < 3; ++i) pthread_join(threads[i], NULL);
  assert(counter == 6);
  return 0;
}
