// bug (reach_error): the reader checks for a writer and counts itself in two atomic sections, so the writer can take the lock in between and store x before the reader reads x and y: the reader sees x != y.
extern void __assert_fail(const char *, const char *, unsigned int, const char *) __attribute__((__noreturn__));
void reach_error(void) { __assert_fail("0", "atomic_06_rwlock_split.c", 3, "reach_error"); }

#include <pthread.h>

int w = 0, r = 0;
int x = 0, y = 0;

int __VERIFIER_atomic_try_write_lock(void) {
  if (w != 0 || r != 0) return 0;
  w = 1;
  return 1;
}

int __VERIFIER_atomic_no_writer(void) { return w == 0; }
void __VERIFIER_atomic_count_reader(void) { r = r + 1; }
void __VERIFIER_atomic_write_unlock(void) { w = 0; }
void __VERIFIER_atomic_read_unlock(void) { r = r - 1; }
// x and y are each read and written atomically: the defect is the lock's, not a data race.
int __VERIFIER_atomic_load(int *p) { return *p; }
void __VERIFIER_atomic_store(int *p, int v) { *p = v; }

void *writer(void *arg) {
  while (!__VERIFIER_atomic_try_write_lock()) {
  }
  __VERIFIER_atomic_store(&x, 1);
  __VERIFIER_atomic_store(&y, 1);
  __VERIFIER_atomic_write_unlock();
  return 0;
}

void *reader(void *arg) {
  while (!__VERIFIER_atomic_no_writer()) {
  }
  __VERIFIER_atomic_count_reader();
  int a = __VERIFIER_atomic_load(&x);
  int b = __VERIFIER_atomic_load(&y);
  __VERIFIER_atomic_read_unlock();
  if (a != b) reach_error();
  return 0;
}

int main(void) {
  pthread_t tw, tr;
  pthread_create(&tw, 0, writer, 0);
  pthread_create(&tr, 0, reader, 0);
  pthread_join(tw, 0);
  pthread_join(tr, 0);
  return 0;
}
