// A {pointer, tag} pair in one std::atomic (16 bytes: __tsan_atomic128_load, _store,
// _compare_exchange_weak and _strong), the tag bumped by every update, as ABA-safe stacks do.
// Two threads each push a node with a compare_exchange_weak loop and then bump the tag alone
// (the pointer unchanged: a compare of the pointer half only would lose one of these). Main
// checks the list and the tag: PASS exhaustively. -DLOST_BUMP bumps by a load and a store
// instead: one bump can overwrite the other (BUG), and the report shows the pairs'
// values ("{&nodes+0x10, 2}").
#include <pthread.h>

#include <atomic>
#include <cassert>
#include <cstdint>

struct Node {
  int value;
  Node* next;
};

struct Tagged {
  Node* top;
  uint64_t tag;
};
static_assert(sizeof(Tagged) == 16);

std::atomic<Tagged> head;
Node nodes[2];

void Push(Node* node) {
  Tagged seen = head.load(std::memory_order_relaxed);
  do {
    node->next = seen.top;
  } while (!head.compare_exchange_weak(seen, Tagged{node, seen.tag + 1}, std::memory_order_release,
                                       std::memory_order_relaxed));
}

void Bump() {
  Tagged seen = head.load(std::memory_order_acquire);
#ifdef LOST_BUMP
  head.store(Tagged{seen.top, seen.tag + 1}, std::memory_order_release);
  return;
#endif
  while (!head.compare_exchange_strong(seen, Tagged{seen.top, seen.tag + 1},
                                       std::memory_order_acq_rel, std::memory_order_acquire)) {
  }
}

void* Worker(void* arg) {
  Node* node = static_cast<Node*>(arg);
  Push(node);
  Bump();
  return nullptr;
}

int main() {
  head.store(Tagged{nullptr, 0});
  nodes[0].value = 1;
  nodes[1].value = 2;
  pthread_t a, b;
  pthread_create(&a, nullptr, Worker, &nodes[0]);
  pthread_create(&b, nullptr, Worker, &nodes[1]);
  pthread_join(a, nullptr);
  pthread_join(b, nullptr);
  const Tagged last = head.load();
  assert(last.tag == 4);
  int sum = 0;
  int count = 0;
  for (Node* node = last.top; node != nullptr; node = node->next) {
    sum += node->value;
    ++count;
  }
  assert(count == 2 && sum == 3);
  return 0;
}
