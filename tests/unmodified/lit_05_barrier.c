// pass: each thread writes its own slot, then waits at a two-party barrier; the barrier orders both writes before both reads of the other slot.
#include <assert.h>
#include <pthread.h>

pthread_barrier_t barrier;
int slot[2];

void *thr(void *arg) {
  int me = (int)(long)arg;
  slot[me] = me + 1;
  pthread_barrier_wait(&barrier);
  assert(slot[1 - me] == 2 - me);
  return 0;
}

int main(void) {
  pthread_barrier_init(&barrier, 0, 2);
  pthread_t t0, t1;
  pthread_create(&t0, 0, thr, (void *)0L);
  pthread_create(&t1, 0, thr, (void *)1L);
  pthread_join(t0, 0);
  pthread_join(t1, 0);
  pthread_barrier_destroy(&barrier);
  return 0;
}
