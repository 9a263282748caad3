// pass: C11 <threads.h>: two threads add under an mtx_t and signal a cnd_t; main waits in a predicate loop until both are done, so it reads sum == 3 with the mutex held.
#include <assert.h>
#include <threads.h>

mtx_t m;
cnd_t done_cv;
int done = 0;
int sum = 0;

int adder(void *arg) {
  mtx_lock(&m);
  sum += (int)(long)arg;
  done++;
  cnd_signal(&done_cv);
  mtx_unlock(&m);
  return 0;
}

int main(void) {
  mtx_init(&m, mtx_plain);
  cnd_init(&done_cv);
  thrd_t t1, t2;
  thrd_create(&t1, adder, (void *)1L);
  thrd_create(&t2, adder, (void *)2L);
  mtx_lock(&m);
  while (done < 2) cnd_wait(&done_cv, &m);
  assert(sum == 3);
  mtx_unlock(&m);
  thrd_join(t1, 0);
  thrd_join(t2, 0);
  cnd_destroy(&done_cv);
  mtx_destroy(&m);
  return 0;
}
