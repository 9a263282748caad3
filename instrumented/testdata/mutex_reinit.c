// A mutex destroyed and initialised again as recursive: its holder may lock it again. PASS
// (before: a DEADLOCK, the first kind was kept).
#include <assert.h>
#include <pthread.h>

static pthread_mutex_t mutex;
static int counter;

static void* worker(void* arg) {
  (void)arg;
  pthread_mutex_lock(&mutex);
  ++counter;
  pthread_mutex_unlock(&mutex);
  return 0;
}

int main(void) {
  pthread_mutex_init(&mutex, 0);
  pthread_t thread;
  pthread_create(&thread, 0, worker, 0);
  pthread_mutex_lock(&mutex);
  ++counter;
  pthread_mutex_unlock(&mutex);
  pthread_join(thread, 0);
  assert(pthread_mutex_destroy(&mutex) == 0);
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
  assert(pthread_mutex_init(&mutex, &attr) == 0);
  pthread_create(&thread, 0, worker, 0);
  pthread_mutex_lock(&mutex);
  pthread_mutex_lock(&mutex);
  ++counter;
  pthread_mutex_unlock(&mutex);
  pthread_mutex_unlock(&mutex);
  pthread_join(thread, 0);
  assert(counter == 4);
  return 0;
}
