// __thread variables are one per thread: each thread starts from the initial value and sees
// only its own writes, whatever the interleaving, and every execution starts afresh.
#include <assert.h>
#include <pthread.h>

__thread int mine = 5;
__thread int zeroed;
int shared;
pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

void* work(void* arg) {
  const int id = (int)(long)arg;
  assert(mine == 5 && zeroed == 0);
  mine = id;
  for (int i = 0; i < 2; i++) {
    pthread_mutex_lock(&lock);  // Other threads run here, with their own `mine`.
    shared += mine;
    zeroed++;
    pthread_mutex_unlock(&lock);
  }
  assert(mine == id && zeroed == 2);
  return 0;
}

int main(void) {
  pthread_t a, b;
  assert(mine == 5);
  mine = 7;
  pthread_create(&a, 0, work, (void*)1);
  pthread_create(&b, 0, work, (void*)2);
  pthread_join(a, 0);
  pthread_join(b, 0);
  assert(mine == 7 && zeroed == 0 && shared == 6);
  return 0;
}
