// The control of section_lost_update.c: readers count themselves in and out inside SV-COMP
// atomic sections, and a writer's section sets `x` twice around a nondeterministic value (a
// step of its own inside the section). No other thread runs inside a section, so main, reading
// `x` in a section of its own, sees 0 or 2, never 1, and no count is lost (PASS, exhaustively;
// a runtime that let other threads run inside a section would fail it). Accesses in sections
// only: no DATA RACE either (a plain access racing with a section's is one).
#include <assert.h>
#include <pthread.h>

extern void __VERIFIER_atomic_begin(void);
extern void __VERIFIER_atomic_end(void);
extern int __VERIFIER_nondet_int(void);

int readers;
int x;

void __VERIFIER_atomic_enter(void) { readers = readers + 1; }
void __VERIFIER_atomic_leave(void) { readers = readers - 1; }

static void *reader(void *arg) {
  __VERIFIER_atomic_enter();
  __VERIFIER_atomic_leave();
  return arg;
}

static void *writer(void *arg) {
  __VERIFIER_atomic_begin();
  x = 1;
  int n = __VERIFIER_nondet_int();
  x = 2 + n - n;
  __VERIFIER_atomic_end();
  return arg;
}

int main(void) {
  pthread_t a, b, w;
  pthread_create(&a, 0, reader, 0);
  pthread_create(&b, 0, reader, 0);
  pthread_create(&w, 0, writer, 0);
  __VERIFIER_atomic_begin();
  int seen = x;
  __VERIFIER_atomic_end();
  assert(seen != 1);
  pthread_join(a, 0);
  pthread_join(b, 0);
  pthread_join(w, 0);
  assert(readers == 0);
  assert(x == 2);
  return 0;
}
