// bug (data race): two threads take a reference on a heap-allocated context by `ctx->refs++` with no lock: unordered writes to one heap field.
#include <pthread.h>
#include <stdlib.h>

struct context {
  int id;
  int refs;
};

void *get_ref(void *arg) {
  struct context *ctx = arg;
  ctx->refs++;
  return 0;
}

int main(void) {
  struct context *ctx = calloc(1, sizeof *ctx);
  if (ctx == 0) return 1;
  pthread_t t1, t2;
  pthread_create(&t1, 0, get_ref, ctx);
  pthread_create(&t2, 0, get_ref, ctx);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  free(ctx);
  return 0;
}
