// bug (reach_error): push reads the top and installs its node in two atomic sections (no compare-and-swap), so a concurrent push can be overwritten: one node is lost and the stack holds 1 of 2.
extern void __assert_fail(const char *, const char *, unsigned int, const char *) __attribute__((__noreturn__));
void reach_error(void) { __assert_fail("0", "ext_09_stack_no_cas.c", 3, "reach_error"); }

#include <pthread.h>

#define NODES 2

int top = 0;
int next_of[NODES + 1];

int __VERIFIER_atomic_load(int *p) { return *p; }
void __VERIFIER_atomic_store(int *p, int v) { *p = v; }

void push(int node) {
  int old = __VERIFIER_atomic_load(&top);
  next_of[node] = old;
  __VERIFIER_atomic_store(&top, node);
}

void *pusher(void *arg) {
  push((int)(long)arg);
  return 0;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, 0, pusher, (void *)1L);
  pthread_create(&t2, 0, pusher, (void *)2L);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  int count = 0;
  for (int n = top; n != 0 && count <= NODES; n = next_of[n]) count++;
  if (count != 2) reach_error();
  return 0;
}
