// Two threads create a thread each at once: each child runs its own start routine. The new
// thread's number was taken in the tail before the start step, so a creation in between gave
// both the same one, and one child ran the other's routine (under dfs: ASSERTION FAILED in
// most interleavings; dpor ordered the two starts one way only and said PASS).
#include <assert.h>
#include <pthread.h>

static int ran_first, ran_second;

static void* first_child(void* arg) {
  ran_first = 1;
  return arg;
}
static void* second_child(void* arg) {
  ran_second = 1;
  return arg;
}
static void* parent(void* routine) {
  pthread_t child;
  pthread_create(&child, 0, (void* (*)(void*))routine, 0);
  pthread_join(child, 0);
  assert(routine == (void*)first_child ? ran_first == 1 : ran_second == 1);
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, parent, (void*)first_child);
  pthread_create(&b, 0, parent, (void*)second_child);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
