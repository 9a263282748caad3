// bug (reach_error): a ticket is read and the next one stored in two atomic sections, so both threads can draw ticket 0 and enter together: `inside` reaches 2.
extern void __assert_fail(const char *, const char *, unsigned int, const char *) __attribute__((__noreturn__));
void reach_error(void) { __assert_fail("0", "ext_07_ticket_split.c", 3, "reach_error"); }

#include <pthread.h>

unsigned next_ticket = 0;
unsigned now_serving = 0;
int inside = 0;

unsigned __VERIFIER_atomic_load(unsigned *p) { return *p; }
void __VERIFIER_atomic_store(unsigned *p, unsigned v) { *p = v; }

void __VERIFIER_atomic_enter(void) {
  inside = inside + 1;
  if (inside != 1) reach_error();
}

void __VERIFIER_atomic_leave(void) { inside = inside - 1; }

void *thr(void *arg) {
  unsigned my = __VERIFIER_atomic_load(&next_ticket);
  __VERIFIER_atomic_store(&next_ticket, my + 1);
  // `<`, not `!=`: a duplicated ticket must not wait forever for a turn that has passed.
  while (__VERIFIER_atomic_load(&now_serving) < my) {
  }
  __VERIFIER_atomic_enter();
  __VERIFIER_atomic_leave();
  __VERIFIER_atomic_store(&now_serving, my + 1);
  return 0;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, 0, thr, 0);
  pthread_create(&t2, 0, thr, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  return 0;
}
