// A Treiber stack: two threads push with a compare-exchange loop whose expected value is the
// new node's `next` field (on the heap), one thread pops; what main pops after the joins and
// what the popper got are the two values. A failed compare-exchange writes the value it read to
// `next`: the loop's next round differs in heap memory only, which the spin rule's compare of
// registers and stack does not see. Before, the rule took the second failure for a spin that
// must wait for a newer store: a false DEADLOCK in 52 of 844 graphs.
#include <atomic>
#include <cassert>
#include <thread>

struct Node {
  int value;
  Node* next;
};

std::atomic<Node*> top{nullptr};

void Push(int value) {
  Node* node = new Node{value, top.load(std::memory_order_relaxed)};
  while (!top.compare_exchange_weak(node->next, node, std::memory_order_release,
                                    std::memory_order_relaxed)) {
  }
}

int Pop() {
  Node* node = top.load(std::memory_order_acquire);
  while (node != nullptr && !top.compare_exchange_weak(node, node->next, std::memory_order_acquire,
                                                       std::memory_order_acquire)) {
  }
  return node != nullptr ? node->value : 0;
}

int main() {
  int popped = 0;
  std::thread a([] { Push(1); });
  std::thread b([] { Push(2); });
  std::thread c([&popped] { popped = Pop(); });
  a.join();
  b.join();
  c.join();
  int sum = popped;
  for (int value = Pop(); value != 0; value = Pop()) sum += value;
  assert(sum == 3);
  return 0;
}
