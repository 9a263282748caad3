// pass: the reader-writer lock is taken by atomic try-functions (a writer needs no writer and no reader, a reader needs no writer), so a reader never sees the writer between its two stores: x == y.
extern void __assert_fail(const char *, const char *, unsigned int, const char *) __attribute__((__noreturn__));
void reach_error(void) { __assert_fail("0", "atomic_05_rwlock_atomic.c", 3, "reach_error"); }

#include <pthread.h>

int w = 0, r = 0;
int x = 0, y = 0;

int __VERIFIER_atomic_try_write_lock(void) {
  if (w != 0 || r != 0) return 0;
  w = 1;
  return 1;
}

int __VERIFIER_atomic_try_read_lock(void) {
  if (w != 0) return 0;
  r = r + 1;
  return 1;
}

void __VERIFIER_atomic_write_unlock(void) { w = 0; }
void __VERIFIER_atomic_read_unlock(void) { r = r - 1; }

void *writer(void *arg) {
  while (!__VERIFIER_atomic_try_write_lock()) {
  }
  x = x + 1;
  y = y + 1;
  __VERIFIER_atomic_write_unlock();
  return 0;
}

void *reader(void *arg) {
  while (!__VERIFIER_atomic_try_read_lock()) {
  }
  int a = x;
  int b = y;
  __VERIFIER_atomic_read_unlock();
  if (a != b) reach_error();
  return 0;
}

int main(void) {
  pthread_t tw, tr1, tr2;
  pthread_create(&tw, 0, writer, 0);
  pthread_create(&tr1, 0, reader, 0);
  pthread_create(&tr2, 0, reader, 0);
  pthread_join(tw, 0);
  pthread_join(tr1, 0);
  pthread_join(tr2, 0);
  if (x != 1 || y != 1) reach_error();
  return 0;
}
