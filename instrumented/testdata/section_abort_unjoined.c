// A thread that may abort() after an SV-COMP atomic section, and a main that returns without
// joining it: the abort is a CRASH (SIGABRT) in the schedules where main's section comes
// first (BUG). Before, a later execution's abort() crashed the tool itself ("SIGABRT outside
// the scenario's code"), as SV-COMP's pthread-lit/qw2004-2 did.
#include <pthread.h>
#include <stdlib.h>

extern void __VERIFIER_atomic_begin(void);
extern void __VERIFIER_atomic_end(void);

int stopping;
int pending = 1;
int drained;

static void leave(void) {
  __VERIFIER_atomic_begin();
  pending--;
  int left = pending;
  __VERIFIER_atomic_end();
  if (left == 0) drained = 1;
}

static void *stopper(void *arg) {
  stopping = 1;
  leave();
  if (!drained) abort();
  return arg;
}

int main(void) {
  pthread_t thread;
  pthread_create(&thread, 0, stopper, 0);
  if (!stopping) pending = pending + 1;
  leave();
  return 0;
}
