// errno is one per thread: a thread's failing call sets its own errno, which another thread's
// failing call in between does not change, and every execution's main starts with errno 0.
// Before, the model threads shared the one OS thread's errno: in the schedule where `second`
// runs between `first`'s close() and its check, `first` saw ENOENT.
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

int turn;
pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

void* first(void* arg) {
  (void)arg;
  assert(close(-1) == -1 && errno == EBADF);
  pthread_mutex_lock(&lock);  // A step: `second` may run here...
  pthread_mutex_unlock(&lock);
  assert(errno == EBADF);
  __atomic_load_n(&turn, __ATOMIC_SEQ_CST);  // ... and here.
  assert(errno == EBADF);
  return 0;
}

void* second(void* arg) {
  (void)arg;
  pthread_mutex_lock(&lock);
  assert(open("/nonexistent/interleave", O_RDONLY) == -1 && errno == ENOENT);
  pthread_mutex_unlock(&lock);
  __atomic_store_n(&turn, 1, __ATOMIC_SEQ_CST);
  assert(open("/nonexistent/interleave", O_RDONLY) == -1 && errno == ENOENT);
  return 0;
}

int main(void) {
  assert(errno == 0);  // C11 7.5: zero at program startup, in every execution.
  errno = EINTR;       // Left behind for the next execution's check above.
  pthread_t a, b;
  pthread_create(&a, 0, first, 0);
  pthread_create(&b, 0, second, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
