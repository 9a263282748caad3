// pass: a Treiber stack: push links its node to the top it read and installs it with a compare-and-swap that fails if another push came between, so both pushed nodes are on the stack after the joins.
extern void __assert_fail(const char *, const char *, unsigned int, const char *) __attribute__((__noreturn__));
void reach_error(void) { __assert_fail("0", "ext_08_stack_cas.c", 3, "reach_error"); }

#include <pthread.h>

#define NODES 2

// Node i (1-based) is next_of[i], value_of[i]; 0 is the empty stack.
int top = 0;
int next_of[NODES + 1];
int value_of[NODES + 1];

int __VERIFIER_atomic_load(int *p) { return *p; }

int __VERIFIER_atomic_cas(int *p, int expected, int desired) {
  if (*p != expected) return 0;
  *p = desired;
  return 1;
}

void push(int node, int value) {
  value_of[node] = value;
  int old;
  do {
    old = __VERIFIER_atomic_load(&top);
    next_of[node] = old;
  } while (!__VERIFIER_atomic_cas(&top, old, node));
}

void *pusher(void *arg) {
  int node = (int)(long)arg;
  push(node, node * 10);
  return 0;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, 0, pusher, (void *)1L);
  pthread_create(&t2, 0, pusher, (void *)2L);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  int count = 0, sum = 0;
  for (int n = top; n != 0 && count <= NODES; n = next_of[n]) {
    count++;
    sum += value_of[n];
  }
  if (count != 2 || sum != 30) reach_error();
  return 0;
}
