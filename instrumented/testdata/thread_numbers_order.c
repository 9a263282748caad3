// Two threads create a thread each at once: which child gets the lower pthread_t depends on
// which creation runs first. A program that assumes one order (here, that the first parent's
// child has the lower handle) has a bug in the other. dpor must run both orders: a start
// numbers the thread it starts, so two starts depend on each other (before: PASS, dpor ran
// one order).
#include <assert.h>
#include <pthread.h>

static pthread_t children[2];

static void* child(void* arg) { return arg; }

static void* parent(void* slot) {
  pthread_t* mine = (pthread_t*)slot;
  pthread_create(mine, 0, child, 0);
  pthread_join(*mine, 0);
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, parent, &children[0]);
  pthread_create(&b, 0, parent, &children[1]);
  pthread_join(a, 0);
  pthread_join(b, 0);
  assert(children[0] < children[1]);
  return 0;
}
