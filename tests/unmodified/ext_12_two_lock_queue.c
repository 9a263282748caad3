// pass: a two-lock queue (Michael and Scott): enqueuers serialize on the tail lock, the dequeuer on the head lock, a dummy node keeps them apart and `next` is read and written atomically, so each value comes out exactly once.
extern void __assert_fail(const char *, const char *, unsigned int, const char *) __attribute__((__noreturn__));
void reach_error(void) { __assert_fail("0", "ext_12_two_lock_queue.c", 3, "reach_error"); }

#include <pthread.h>
#include <stdlib.h>

struct node {
  int value;
  struct node *next;
};

struct node *head, *tail;
pthread_mutex_t head_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t tail_lock = PTHREAD_MUTEX_INITIALIZER;
int sum = 0, count = 0;

struct node *__VERIFIER_atomic_load_next(struct node *n) { return n->next; }
void __VERIFIER_atomic_store_next(struct node *n, struct node *next) { n->next = next; }

void enqueue(int value) {
  struct node *n = malloc(sizeof *n);
  if (n == 0) abort();
  n->value = value;
  n->next = 0;
  pthread_mutex_lock(&tail_lock);
  __VERIFIER_atomic_store_next(tail, n);
  tail = n;
  pthread_mutex_unlock(&tail_lock);
}

// 1 and the value in *value when the queue was not empty.
int dequeue(int *value) {
  pthread_mutex_lock(&head_lock);
  struct node *dummy = head;
  struct node *first = __VERIFIER_atomic_load_next(dummy);
  if (first == 0) {
    pthread_mutex_unlock(&head_lock);
    return 0;
  }
  *value = first->value;
  head = first;
  pthread_mutex_unlock(&head_lock);
  free(dummy);
  return 1;
}

void *producer(void *arg) {
  enqueue((int)(long)arg);
  return 0;
}

void *consumer(void *arg) {
  int v;
  for (int i = 0; i < 2; i++) {
    if (dequeue(&v)) {
      sum += v;
      count++;
    }
  }
  return 0;
}

int main(void) {
  head = tail = calloc(1, sizeof(struct node));
  if (head == 0) abort();
  pthread_t p1, p2, c;
  pthread_create(&p1, 0, producer, (void *)1L);
  pthread_create(&p2, 0, producer, (void *)2L);
  pthread_create(&c, 0, consumer, 0);
  pthread_join(p1, 0);
  pthread_join(p2, 0);
  pthread_join(c, 0);
  int v;
  while (dequeue(&v)) {
    sum += v;
    count++;
  }
  if (count != 2 || sum != 3) reach_error();
  free(head);
  return 0;
}
