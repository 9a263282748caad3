// pass: the heap-allocated context carries its own mutex and every reference count change holds it; main frees the context after both joins.
#include <assert.h>
#include <pthread.h>
#include <stdlib.h>

struct context {
  pthread_mutex_t lock;
  int refs;
};

void *get_ref(void *arg) {
  struct context *ctx = arg;
  pthread_mutex_lock(&ctx->lock);
  ctx->refs++;
  pthread_mutex_unlock(&ctx->lock);
  return 0;
}

int main(void) {
  struct context *ctx = malloc(sizeof *ctx);
  if (ctx == 0) return 1;
  pthread_mutex_init(&ctx->lock, 0);
  ctx->refs = 0;
  pthread_t t1, t2;
  pthread_create(&t1, 0, get_ref, ctx);
  pthread_create(&t2, 0, get_ref, ctx);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  assert(ctx->refs == 2);
  pthread_mutex_destroy(&ctx->lock);
  free(ctx);
  return 0;
}
