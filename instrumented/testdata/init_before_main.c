// A semaphore (value 1) and a barrier (count 2) initialised by a constructor, before main: the
// runtime reads their value and count from glibc's objects. PASS (before: the semaphore was 0,
// a DEADLOCK, and the barrier did not wait, a failed assert and a DATA RACE).
#include <assert.h>
#include <pthread.h>
#include <semaphore.h>

static sem_t lock;
static pthread_barrier_t barrier;
static int counter;

__attribute__((constructor)) static void setup(void) {
  sem_init(&lock, 0, 1);
  pthread_barrier_init(&barrier, 0, 2);
}

static void* worker(void* arg) {
  (void)arg;
  sem_wait(&lock);
  ++counter;
  sem_post(&lock);
  pthread_barrier_wait(&barrier);
  return 0;
}

int main(void) {
  pthread_t thread;
  pthread_create(&thread, 0, worker, 0);
  sem_wait(&lock);
  ++counter;
  sem_post(&lock);
  pthread_barrier_wait(&barrier);
  sem_wait(&lock);
  assert(counter == 2);
  sem_post(&lock);
  pthread_join(thread, 0);
  return 0;
}
