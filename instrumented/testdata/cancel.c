// main cancels a worker that sleeps in a loop (with -DKILL: sends it SIGUSR1 instead).
// Cancellation and signals to a thread are not modelled: the check ends in an ERROR that names
// the call. Before, glibc's pthread_cancel read the model thread's handle as a thread
// descriptor and the program CRASHed with a SIGSEGV it does not have.
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

static void* Sleeper(void* arg) {
  (void)arg;
  for (;;) sleep(1);
  return 0;
}

int main(void) {
  pthread_t worker;
  pthread_create(&worker, 0, Sleeper, 0);
#ifdef KILL
  pthread_kill(worker, SIGUSR1);
#else
  pthread_cancel(worker);
#endif
  void* result;
  pthread_join(worker, &result);
  return result == PTHREAD_CANCELED ? 0 : 1;
}
