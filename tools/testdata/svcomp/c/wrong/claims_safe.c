// An unlocked read-modify-write in two threads, whose task wrongly claims it safe: the
// runner must call its answer wrong and fail.
#include <pthread.h>

extern void abort(void);
void reach_error(void) {}

int total;

void *add_two(void *arg) {
  int seen = total;
  total = seen + 2;
  return arg;
}

int main(void) {
  pthread_t first, second;
  pthread_create(&first, 0, add_two, 0);
  pthread_create(&second, 0, add_two, 0);
  pthread_join(first, 0);
  pthread_join(second, 0);
  if (total != 4) {
    reach_error();
    abort();
  }
  return 0;
}
