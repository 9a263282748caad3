// bug (deadlock): two threads wait for `gate_open`, but the opener wakes only one with pthread_cond_signal: when both are already waiting, the other waits forever.
#include <pthread.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t c = PTHREAD_COND_INITIALIZER;
int gate_open = 0;

void *waiter(void *arg) {
  pthread_mutex_lock(&m);
  while (!gate_open) pthread_cond_wait(&c, &m);
  pthread_mutex_unlock(&m);
  return 0;
}

void *opener(void *arg) {
  pthread_mutex_lock(&m);
  gate_open = 1;
  pthread_cond_signal(&c);
  pthread_mutex_unlock(&m);
  return 0;
}

int main(void) {
  pthread_t w1, w2, o;
  pthread_create(&w1, 0, waiter, 0);
  pthread_create(&w2, 0, waiter, 0);
  pthread_create(&o, 0, opener, 0);
  pthread_join(w1, 0);
  pthread_join(w2, 0);
  pthread_join(o, 0);
  return 0;
}
