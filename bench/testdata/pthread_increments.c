// The increment family's 4 x 3 locked increments as an unmodified pthread program (the model's
// version: model/testing/programs.h). dpor explores the 12!/(3!)^4 = 369,600 lock orders.
#include <assert.h>
#include <pthread.h>

#define THREADS 4
#define INCREMENTS 3

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
int counter = 0;

static void* worker(void* arg) {
  for (int i = 0; i < INCREMENTS; ++i) {
    pthread_mutex_lock(&lock);
    counter = counter + 1;
    pthread_mutex_unlock(&lock);
  }
  return arg;
}

int main(void) {
  pthread_t threads[THREADS];
  for (int i = 0; i < THREADS; ++i) pthread_create(&threads[i], NULL, worker, NULL);
  for (int i = 0; i < THREADS; ++i) pthread_join(threads[i], NULL);
  assert(counter == THREADS * INCREMENTS);
  return 0;
}
