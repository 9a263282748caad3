// A thread that calls abort(): a CRASH (SIGABRT) finding with its interleaving (BUG), not a
// crash of the tool. Built three ways (instrumented/BUILD): main returns without joining the
// thread (it may run before main returns), main joins it (-DJOIN), and the thread takes a
// step (a write of a global that main reads) before it aborts (-DSTEP_FIRST).
// Before, the crash handler's backtrace() called pthread_once, which the runtime took for a
// step of the crashed thread: the thread stopped inside the handler, and the next execution's
// abort() crashed the tool ("SIGABRT outside the scenario's code").
#include <pthread.h>
#include <stdlib.h>

int started;

static void *aborter(void *arg) {
#ifdef STEP_FIRST
  started = 1;
#endif
  abort();
  return arg;
}

int main(void) {
  pthread_t thread;
  pthread_create(&thread, 0, aborter, 0);
#ifdef STEP_FIRST
  if (started) return 1;
#endif
#ifdef JOIN
  pthread_join(thread, 0);
#endif
  return 0;
}
