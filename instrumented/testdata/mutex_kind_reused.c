// A mutex in a stack frame, made recursive by the first call and normal by the second at the
// same address: the second call's relock waits for itself. DEADLOCK (before: PASS, the kind was
// read once per address, at the first lock).
#include <pthread.h>

static int counter;

__attribute__((noinline)) static void critical(int kind) {
  pthread_mutex_t mutex;
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, kind);
  pthread_mutex_init(&mutex, &attr);
  pthread_mutex_lock(&mutex);
  pthread_mutex_lock(&mutex);  // Recursive: fine. Normal: waits for itself.
  ++counter;
  pthread_mutex_unlock(&mutex);
  pthread_mutex_unlock(&mutex);
  pthread_mutex_destroy(&mutex);
}

static void* worker(void* arg) {
  (void)arg;
  critical(PTHREAD_MUTEX_RECURSIVE);
  critical(PTHREAD_MUTEX_NORMAL);
  return 0;
}

int main(void) {
  pthread_t thread;
  pthread_create(&thread, 0, worker, 0);
  pthread_join(thread, 0);
  return 0;
}
