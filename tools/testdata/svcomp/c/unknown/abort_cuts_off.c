// main gives up (abort(), an SV-COMP path end) when it reads the flag before the thread sets
// it; the thread, run first, reaches reach_error. The search's first execution ends at the
// abort before the thread ran, and no backtrack point brings the thread forward (checker/dpor.cc
// adds none for operations a failure cut off), so the violation is not found: the runner must
// answer unknown here, not true.
#include <pthread.h>

extern void abort(void);
void reach_error(void) {}

int flag;

void *raise_flag(void *arg) {
  flag = 1;
  reach_error();
  return arg;
}

int main(void) {
  pthread_t thread;
  pthread_create(&thread, 0, raise_flag, 0);
  if (!flag) abort();
  pthread_join(thread, 0);
  return 0;
}
