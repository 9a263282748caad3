// pass: a thread that finds the mutex busy with pthread_mutex_trylock counts the sample aside and adds it later under a blocking lock, so no update is lost either way: shared == 2 and misses only counts the deferrals.
#include <assert.h>
#include <pthread.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int shared = 0;
int misses = 0;

void *sampler(void *arg) {
  int deferred = 0;
  if (pthread_mutex_trylock(&m) == 0) {
    shared++;
    pthread_mutex_unlock(&m);
  } else {
    deferred = 1;
  }
  if (deferred) {
    pthread_mutex_lock(&m);
    shared++;
    misses++;
    pthread_mutex_unlock(&m);
  }
  return 0;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, 0, sampler, 0);
  pthread_create(&t2, 0, sampler, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  assert(shared == 2 && misses <= 1);
  return 0;
}
