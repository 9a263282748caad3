#include "interleave/model.h"
#include "interleave/testing.h"

namespace bank {

void TwoAdds() {
  interleave::Shared<int> value("value", 0);
  interleave::Lock lock("lock");
  auto add = [&] {
    lock.acquire();
    value.write(value.read() + 1);
    lock.release();
  };
  interleave::Thread a(add, "a"), b(add, "b");
  a.start();
  b.start();
  a.join();
  b.join();
  interleave::expect(value.read() == 2, "both adds counted");
}

INTERLEAVE_TEST(Counter, TwoThreadsAddTwo) { TwoAdds(); }

}  // namespace bank
