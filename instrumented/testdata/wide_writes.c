// Plain writes wider than 8 bytes: an __int128 store, a 16-byte struct copy, and ranges of 20
// and 11 bytes (8 + 8 + 4, and 8 + 3: the last bytes of a range as an unsigned number). Each writer
// stores its own values; main's assert after the joins holds for one order of the last stores only,
// so the search finds an ASSERTION FAILED (and DATA RACEs), and the report shows every 8 bytes of
// each wide write with its value (runtime.cc Access, FlushWrite), as it does for the 8-byte halves
// of a wide read.
#include <assert.h>
#include <pthread.h>
#include <string.h>

struct pair {
  long first;
  long second;
};

struct five {
  int part[5];
};

__int128 wide;
struct pair pair;
struct five five;
char label[11];

static void* writer(void* arg) {
  const long n = (long)arg;
  wide = ((__int128)(n + 40) << 64) | (unsigned long)(n + 30);
  const struct pair copy = {n + 10, n + 20};
  pair = copy;
  struct five parts = {{n + 50, n + 60, n + 70, n + 80, n + 90}};
  memcpy(&five, &parts, sizeof five);
  memcpy(label, n == 1 ? "thread one" : "thread two", sizeof label);
  return 0;
}

int main(void) {
  pthread_t one, two;
  pthread_create(&one, 0, writer, (void*)1);
  pthread_create(&two, 0, writer, (void*)2);
  pthread_join(one, 0);
  pthread_join(two, 0);
  assert(pair.first == 12);
  return 0;
}
