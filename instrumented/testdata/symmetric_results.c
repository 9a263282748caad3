// Two workers started alike take items while any are left and return how many they took;
// main asserts that the first took one. It fails where the second takes both, so the workers'
// results tell them apart: under --symmetry reading them (pthread_join's value) is an ERROR,
// never the PASS a search that let only the first worker move first would give.
#include <assert.h>
#include <pthread.h>
#include <stdint.h>

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static int items = 2;

static void* worker(void* unused) {
  (void)unused;
  intptr_t taken = 0;
  for (;;) {
    pthread_mutex_lock(&mutex);
    const int left = items;
    if (left > 0) items = left - 1;
    pthread_mutex_unlock(&mutex);
    if (left == 0) break;
    ++taken;
  }
  return (void*)taken;
}

int main(void) {
  pthread_t threads[2];
  void* taken[2];
  for (int i = 0; i < 2; ++i) pthread_create(&threads[i], NULL, worker, NULL);
  for (int i = 0; i < 2; ++i) pthread_join(threads[i], &taken[i]);
  assert((intptr_t)taken[0] >= 1);
  return 0;
}
