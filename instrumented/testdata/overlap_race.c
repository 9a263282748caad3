// Two threads touch the same bytes through accesses of different sizes: a 4-byte write of
// the upper half of a union and 8-byte reads of the whole. The reads can see the write
// between them, so the assert can fail.
#include <assert.h>
#include <pthread.h>
#include <stdint.h>

union word {
  uint64_t whole;
  uint32_t half[2];
} shared_word;

void* write_half(void* arg) {
  shared_word.half[1] = 1;
  return arg;
}

void* read_whole_twice(void* arg) {
  uint64_t first = shared_word.whole;
  uint64_t second = shared_word.whole;
  assert(first == second);
  return arg;
}

int main(void) {
  pthread_t writer, reader;
  pthread_create(&writer, NULL, write_half, NULL);
  pthread_create(&reader, NULL, read_whole_twice, NULL);
  pthread_join(writer, NULL);
  pthread_join(reader, NULL);
  return 0;
}
