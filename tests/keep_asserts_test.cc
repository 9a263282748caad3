// A checked body's assert() is a check in every compilation mode: this file is compiled as
// `bazel test -c opt` compiles it (NDEBUG defined before anything is included), and through
// the public headers (include/interleave/keep_asserts.h) the failed assert is still found.
#define NDEBUG  // As -c opt's -DNDEBUG.
#include <cassert>

#include "interleave/model.h"
#include "interleave/testing.h"

namespace {

// Two threads add to x without a lock; the assert states the sum.
void LostUpdate() {
  interleave::Shared<int> x("x", 0);
  auto add = [&x] { x.write(x.read() + 1); };
  interleave::Thread a(add, "A");
  interleave::Thread b(add, "B");
  a.start();
  b.start();
  a.join();
  b.join();
  assert(x.read() == 2);
}

TEST(KeepAssertsTest, AFailedAssertIsFoundUnderNdebug) {
  EXPECT_BUG(interleave::FindingKind::kAssertionFailed, LostUpdate);
}

}  // namespace
