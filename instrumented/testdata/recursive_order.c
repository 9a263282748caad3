// Two threads append under a recursive mutex taken twice; main asserts it came first, which
// only the other lock order breaks: the search must see the race between the outer locks.
#define _GNU_SOURCE
#include <assert.h>
#include <pthread.h>

static pthread_mutex_t lock = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
int order[2];
int next;

static void* append(void* arg) {
  pthread_mutex_lock(&lock);
  pthread_mutex_lock(&lock);
  order[next++] = (int)(long)arg;
  pthread_mutex_unlock(&lock);
  pthread_mutex_unlock(&lock);
  return 0;
}

int main(void) {
  pthread_t thread;
  pthread_create(&thread, NULL, append, (void*)1);
  append((void*)2);
  pthread_join(thread, NULL);
  assert(order[0] == 2);
  return 0;
}
