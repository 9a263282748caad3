// A consumer that waits with `if` instead of `while`: correct only if a wait never returns
// without a notify. Under --spurious-wakeups its assert fails; without, it PASSes.
#include <assert.h>
#include <pthread.h>

pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t ready_cond = PTHREAD_COND_INITIALIZER;
int ready;

void* produce(void* arg) {
  pthread_mutex_lock(&lock);
  ready = 1;
  pthread_cond_signal(&ready_cond);
  pthread_mutex_unlock(&lock);
  return arg;
}

int main(void) {
  pthread_t producer;
  pthread_create(&producer, NULL, produce, NULL);
  pthread_mutex_lock(&lock);
  if (!ready) pthread_cond_wait(&ready_cond, &lock);
  assert(ready);
  pthread_mutex_unlock(&lock);
  pthread_join(producer, NULL);
  return 0;
}
