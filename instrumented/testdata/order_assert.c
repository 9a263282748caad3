// Both threads append under a lock, so there is no race; but main asserts that thread 1 came
// first, which another order breaks: an ASSERTION FAILED.
#include <assert.h>
#include <pthread.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
int order[2];
int next;

static void* append(void* arg) {
  pthread_mutex_lock(&lock);
  order[next++] = (int)(long)arg;
  pthread_mutex_unlock(&lock);
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, append, (void*)1);
  pthread_create(&b, NULL, append, (void*)2);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  assert(order[0] == 1);
  return 0;
}
