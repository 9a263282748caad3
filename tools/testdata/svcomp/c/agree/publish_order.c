// The writer raises `ready` before it writes `data`: a reader that sees ready can read the old
// data. reach_error's body is empty and abort() follows it, so only the call itself shows the
// error (the runner compiles with -finstrument-functions for this).
#include <pthread.h>

extern void abort(void);
extern void __VERIFIER_atomic_begin(void);
extern void __VERIFIER_atomic_end(void);
void reach_error(void) {}

int data;
int ready;

void *writer(void *arg) {
  __VERIFIER_atomic_begin();
  ready = 1;
  __VERIFIER_atomic_end();
  __VERIFIER_atomic_begin();
  data = 42;
  __VERIFIER_atomic_end();
  return arg;
}

int main(void) {
  pthread_t thread;
  pthread_create(&thread, 0, writer, 0);
  __VERIFIER_atomic_begin();
  int seen_ready = ready;
  int seen_data = data;
  __VERIFIER_atomic_end();
  if (seen_ready && seen_data != 42) {
    reach_error();
    abort();
  }
  pthread_join(thread, 0);
  return 0;
}
