// abort() ends an SV-COMP path without an error: the paths where main reads the flag before
// the thread sets it stop at assume_abort_if_not, and the others never reach reach_error. The
// task is true, but the search does not explore the orders the abort cut off (the thread's
// section after main's read): the runner must say unknown, not true.
#include <pthread.h>

extern void abort(void);
extern void __VERIFIER_atomic_begin(void);
extern void __VERIFIER_atomic_end(void);
void reach_error(void) {}
void assume_abort_if_not(int condition) {
  if (!condition) abort();
}

int flag;

void *raise_flag(void *arg) {
  __VERIFIER_atomic_begin();
  flag = 1;
  __VERIFIER_atomic_end();
  return arg;
}

int main(void) {
  pthread_t thread;
  pthread_create(&thread, 0, raise_flag, 0);
  __VERIFIER_atomic_begin();
  int seen = flag;
  __VERIFIER_atomic_end();
  assume_abort_if_not(seen == 1);
  pthread_join(thread, 0);
  if (flag != 1) reach_error();
  return 0;
}
