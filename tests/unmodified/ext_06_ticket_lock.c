// pass: tickets come from an atomic fetch-and-increment, so they are distinct and a thread enters only when `now_serving` equals its own: one thread inside at a time, data == 2.
extern void __assert_fail(const char *, const char *, unsigned int, const char *) __attribute__((__noreturn__));
void reach_error(void) { __assert_fail("0", "ext_06_ticket_lock.c", 3, "reach_error"); }

#include <pthread.h>

unsigned next_ticket = 0;
unsigned now_serving = 0;
int inside = 0;
int data = 0;

unsigned __VERIFIER_atomic_fetch_and_inc(unsigned *p) {
  unsigned v = *p;
  *p = v + 1;
  return v;
}

unsigned __VERIFIER_atomic_load(unsigned *p) { return *p; }

void __VERIFIER_atomic_enter(void) {
  inside = inside + 1;
  if (inside != 1) reach_error();
}

void __VERIFIER_atomic_leave(void) { inside = inside - 1; }

void acquire(void) {
  unsigned my = __VERIFIER_atomic_fetch_and_inc(&next_ticket);
  while (__VERIFIER_atomic_load(&now_serving) != my) {
  }
}

void release(void) { __VERIFIER_atomic_fetch_and_inc(&now_serving); }

void *thr(void *arg) {
  acquire();
  __VERIFIER_atomic_enter();
  data = data + 1;
  __VERIFIER_atomic_leave();
  release();
  return 0;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, 0, thr, 0);
  pthread_create(&t2, 0, thr, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  if (data != 2) reach_error();
  return 0;
}
