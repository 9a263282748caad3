// Workers started alike that read their own identity (pthread_self): under --symmetry an
// ERROR, since the identity tells them apart. `last` has external linkage: a static one that
// nothing reads is gone at -O2 (bazel test -c opt), and with it the call (pthread_self is
// declared const), and then the workers are interchangeable.
#include <pthread.h>

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
pthread_t last;

static void* worker(void* unused) {
  (void)unused;
  pthread_mutex_lock(&mutex);
  last = pthread_self();
  pthread_mutex_unlock(&mutex);
  return NULL;
}

int main(void) {
  pthread_t threads[2];
  for (int i = 0; i < 2; ++i) pthread_create(&threads[i], NULL, worker, NULL);
  for (int i = 0; i < 2; ++i) pthread_join(threads[i], NULL);
  return 0;
}
