// bug (deadlock): the barrier is initialized for 3 parties but only 2 threads ever wait at it, so both block forever and main blocks in pthread_join.
#include <pthread.h>

pthread_barrier_t barrier;
int slot[2];

void *thr(void *arg) {
  int me = (int)(long)arg;
  slot[me] = 1;
  pthread_barrier_wait(&barrier);
  return 0;
}

int main(void) {
  pthread_barrier_init(&barrier, 0, 3);
  pthread_t t0, t1;
  pthread_create(&t0, 0, thr, (void *)0L);
  pthread_create(&t1, 0, thr, (void *)1L);
  pthread_join(t0, 0);
  pthread_join(t1, 0);
  pthread_barrier_destroy(&barrier);
  return 0;
}
