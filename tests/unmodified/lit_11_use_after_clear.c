// bug (crash): the closer sets `current` to NULL under the lock, and the reader dereferences `current` under the same lock without checking it: when the closer runs first the reader reads through NULL (SIGSEGV).
#include <pthread.h>
#include <stddef.h>

struct session {
  int id;
};

struct session the_session = {7};
struct session *volatile current = &the_session;
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int seen = 0;

void *closer(void *arg) {
  pthread_mutex_lock(&m);
  current = NULL;
  pthread_mutex_unlock(&m);
  return 0;
}

void *reader(void *arg) {
  pthread_mutex_lock(&m);
  seen = current->id;
  pthread_mutex_unlock(&m);
  return 0;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, 0, closer, 0);
  pthread_create(&t2, 0, reader, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  return 0;
}
