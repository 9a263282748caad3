// pass: pthread_once runs init_table exactly once and every caller returns only after it finished, so both users see the table filled and `inits` == 1.
#include <assert.h>
#include <pthread.h>

pthread_once_t once = PTHREAD_ONCE_INIT;
int table[4];
int inits = 0;

void init_table(void) {
  for (int i = 0; i < 4; i++) table[i] = i * i;
  inits++;
}

void *user(void *arg) {
  pthread_once(&once, init_table);
  assert(table[3] == 9);
  return 0;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, 0, user, 0);
  pthread_create(&t2, 0, user, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  assert(inits == 1);
  return 0;
}
