// bug (reach_error): `turn` is given away before the thread raises its flag, so thread 1 can pass its check (flag[0] still 0) and thread 0 then pass on turn == 0: both inside.
extern void __assert_fail(const char *, const char *, unsigned int, const char *) __attribute__((__noreturn__));
void reach_error(void) { __assert_fail("0", "atomic_02_peterson_turn_first.c", 3, "reach_error"); }

#include <pthread.h>
#include <stdatomic.h>

atomic_int flag[2];
atomic_int turn;
atomic_int inside;

void *thr(void *arg) {
  int me = (int)(long)arg, other = 1 - me;
  atomic_store(&turn, other);
  atomic_store(&flag[me], 1);
  while (atomic_load(&flag[other]) && atomic_load(&turn) == other) {
  }
  if (atomic_fetch_add(&inside, 1) != 0) reach_error();
  atomic_fetch_sub(&inside, 1);
  atomic_store(&flag[me], 0);
  return 0;
}

int main(void) {
  pthread_t t0, t1;
  pthread_create(&t0, 0, thr, (void *)0L);
  pthread_create(&t1, 0, thr, (void *)1L);
  pthread_join(t0, 0);
  pthread_join(t1, 0);
  return 0;
}
