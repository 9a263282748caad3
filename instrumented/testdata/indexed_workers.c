// Workers started with the same routine but each with its own argument (its index): told
// apart, so --symmetry groups none of them and the search is the full one.
#include <pthread.h>

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static int order = 0;

static void* worker(void* argument) {
  const int index = *(const int*)argument;
  pthread_mutex_lock(&mutex);
  order = order * 10 + index;
  pthread_mutex_unlock(&mutex);
  return NULL;
}

int main(void) {
  pthread_t threads[3];
  int indices[3] = {1, 2, 3};
  for (int i = 0; i < 3; ++i) pthread_create(&threads[i], NULL, worker, &indices[i]);
  for (int i = 0; i < 3; ++i) pthread_join(threads[i], NULL);
  return 0;
}
