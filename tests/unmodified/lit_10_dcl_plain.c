// bug (data race): double-checked initialization with a plain int flag: the unlocked first check reads `initialized` while the other thread writes it under the mutex.
#include <pthread.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int initialized = 0;
int config = 0;

int get_config(void) {
  if (!initialized) {
    pthread_mutex_lock(&m);
    if (!initialized) {
      config = 42;
      initialized = 1;
    }
    pthread_mutex_unlock(&m);
  }
  return config;
}

void *user(void *arg) { return (void *)(long)get_config(); }

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, 0, user, 0);
  pthread_create(&t2, 0, user, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  return 0;
}
