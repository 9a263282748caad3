// main crashes at its first access, before any step: a CRASH at this line, in every process
// (before: in some processes the crash handler's own page-size lookup went through the
// interposed pthread_once as a step of the crashed thread, and its line lookup faulted again:
// a stall ERROR, or "crashed outside the scenario's code").
int main(void) {
  volatile int* nowhere = 0;
  return *nowhere;
}
