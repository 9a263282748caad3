// Checks whose searches Bazel's shards split (shard_count in BUILD; reports/gtest_front.h):
// every shard runs every test, each its part of the search. With INTERLEAVE_INJECT_BUG set,
// the lock orders of one Mazurkiewicz class break an invariant: exactly one shard's part holds
// that class, so exactly one shard fails (shard_bug_test.sh).
#include <cstdlib>
#include <string>

#include "interleave/testing.h"
#include "model/model.h"

namespace {

using interleave::Lock;
using interleave::LockGuard;
using interleave::Shared;
using interleave::Thread;

// Three threads each take the lock twice and append their name: 90 lock orders, each a class.
void ThreeThreadsTakeTurns() {
  Lock lock("lock");
  Shared<std::string> order("order", "");
  auto turns = [&](const std::string& name) {
    for (int i = 0; i < 2; ++i) {
      const LockGuard guard(lock);
      order.write(order.read() + name);
    }
  };
  Thread a([&] { turns("a"); }, "A");
  Thread b([&] { turns("b"); }, "B");
  Thread c([&] { turns("c"); }, "C");
  a.start();
  b.start();
  c.start();
  a.join();
  b.join();
  c.join();
  const std::string final_order = order.read();
  interleave::outcome("order", final_order);
  // The injected bug: one lock order of the 90 is "wrong".
  const bool inject = std::getenv("INTERLEAVE_INJECT_BUG") != nullptr;
  interleave::expect(!inject || final_order != "ccbbaa", "the lock order is not ccbbaa");
}

INTERLEAVE_TEST(Sharded, ThreeThreadsTakeTurns) { ThreeThreadsTakeTurns(); }

}  // namespace
