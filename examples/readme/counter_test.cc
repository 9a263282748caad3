// counter_test.cc
#include "interleave/sync.h"
#include "interleave/testing.h"

namespace bank {
namespace sync = ::interleave::sync;

INTERLEAVE_TEST(Counter, TwoThreadsAddTwo) {
  sync::mutex mutex;
  sync::shared<int> value{0};
  auto add = [&] {
    sync::lock_guard<sync::mutex> lock(mutex);  // Without this line: LOST UPDATE.
    ++value;
  };
  sync::thread a(add), b(add);
  a.join();
  b.join();
  interleave::expect(value == 2, "both adds are counted");
}

}  // namespace bank
