// Accesses of different sizes that overlap are checkable when one thread makes them all
// (program order orders them), and a heap block given back holds a new variable when it is
// taken again: neither is an ERROR (runtime.cc WordAt).
#include <assert.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

union word {
  uint64_t whole;
  uint32_t half[2];
} mine;
int other;
pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
void* block;

void* count(void* arg) {
  pthread_mutex_lock(&lock);
  other++;
  pthread_mutex_unlock(&lock);
  return arg;
}

void* read_whole(void* arg) { return (void*)(uintptr_t)(*(uint64_t*)block == 1); }

void* read_half(void* arg) { return (void*)(uintptr_t)(((uint32_t*)block)[1] == 2); }

int main(void) {
  pthread_t counter, first, second;
  void* result;
  pthread_create(&counter, NULL, count, NULL);  // Alive (unjoined) until the end.
  mine.half[1] = 1;
  assert(mine.whole == (uint64_t)1 << 32);

  block = malloc(sizeof(uint64_t));
  *(uint64_t*)block = 1;
  pthread_create(&first, NULL, read_whole, NULL);
  pthread_join(first, &result);
  assert(result != NULL);
  free(block);
  block = malloc(2 * sizeof(uint32_t));  // The same bytes: the arena gives back its last block.
  ((uint32_t*)block)[1] = 2;
  pthread_create(&second, NULL, read_half, NULL);
  pthread_join(second, &result);
  assert(result != NULL);

  pthread_mutex_lock(&lock);
  other++;
  pthread_mutex_unlock(&lock);
  pthread_join(counter, NULL);
  assert(other == 2);
  return 0;
}
