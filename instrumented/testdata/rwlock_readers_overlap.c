// Two threads hold a reader-writer lock in shared mode at once, and one of them writes under
// it: a data race, found only in the schedules where their shared holds overlap. dpor must run
// those (before: the lock was a mutex to dpor, which ordered the two holds one after the other
// only, and said PASS where dfs found the DATA RACE).
#include <pthread.h>

static pthread_rwlock_t lock = PTHREAD_RWLOCK_INITIALIZER;
static int x;

static void* writer_under_read_lock(void* arg) {
  pthread_rwlock_rdlock(&lock);
  x = 1;
  pthread_rwlock_unlock(&lock);
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, writer_under_read_lock, 0);
  pthread_rwlock_rdlock(&lock);
  const int seen = x;
  pthread_rwlock_unlock(&lock);
  pthread_join(t, 0);
  return seen - seen;
}
