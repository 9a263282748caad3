// Two threads increment the second field of a block main allocated, unlocked: the report
// names the block by its allocation site and the field by its offset ("heap block allocated
// at heap_race.c:18 (main) +4"), the same in the replay's process.
#include <pthread.h>
#include <stdlib.h>

struct pair {
  int first;
  int second;
};

void *bump(void *arg) {
  ((struct pair *)arg)->second += 1;
  return 0;
}

int main(void) {
  struct pair *shared = calloc(1, sizeof *shared);
  pthread_t a, b;
  pthread_create(&a, 0, bump, shared);
  pthread_create(&b, 0, bump, shared);
  pthread_join(a, 0);
  pthread_join(b, 0);
  free(shared);
  return 0;
}
