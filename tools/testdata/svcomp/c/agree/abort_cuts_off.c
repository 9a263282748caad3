// main gives up (abort(), an SV-COMP path end) when it reads the flag before the thread sets
// it; the thread, run first, reaches reach_error. The search's first execution ends at the
// abort before the thread ran; the thread's write, cut off by that end, races with main's read
// (checker/dpor.cc), so the order in which the thread runs first is explored and the violation
// found (dpor once added no backtrack points for operations a failure cut off, and missed it).
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
