// pass: the writer updates x and y under the write lock, readers read both under the read lock, so a reader never sees one updated without the other.
#include <assert.h>
#include <pthread.h>

pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
int x = 0, y = 0;

void *writer(void *arg) {
  pthread_rwlock_wrlock(&rw);
  x = x + 1;
  y = y + 1;
  pthread_rwlock_unlock(&rw);
  return 0;
}

void *reader(void *arg) {
  pthread_rwlock_rdlock(&rw);
  int a = x, b = y;
  pthread_rwlock_unlock(&rw);
  assert(a == b);
  return 0;
}

int main(void) {
  pthread_t tw, tr1, tr2;
  pthread_create(&tw, 0, writer, 0);
  pthread_create(&tr1, 0, reader, 0);
  pthread_create(&tr2, 0, reader, 0);
  pthread_join(tw, 0);
  pthread_join(tr1, 0);
  pthread_join(tr2, 0);
  return 0;
}
