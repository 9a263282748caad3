// The one-line GoogleTest front: a test whose body is explored by the checker.
//
//   INTERLEAVE_TEST(Queue, PutThenGet) {        // explored with dpor, default ExploreOptions;
//     BoundedQueue q(1);                        // fails with the text report unless PASS
//     sync::thread producer([&] { q.put(1); });
//     q.get();
//     producer.join();
//   }
//
//   TEST(Queue, WakeUpsAreLoops) {              // a body with options, or an expected bug
//     EXPECT_NO_BUG(Body, {.spurious_wakeups = true});
//     EXPECT_BUG(interleave::FindingKind::kDeadlock, BuggyBody);
//   }
//
// A check explores its body exhaustively with dpor (ExploreOptions::jobs workers) and passes
// when the verdict is the expected one: PASS for INTERLEAVE_TEST and EXPECT_NO_BUG (an
// INCOMPLETE or WARNING search fails: nothing unchecked passes), BUG with a finding of `kind`
// for EXPECT_BUG. On a mismatch the counterexample is minimized (checker/minimize.h) and the
// failure message carries, in this order: the expectation and what was found, where Bazel
// keeps the reports (the text, JSON and HTML files are written to $TEST_UNDECLARED_OUTPUTS_DIR,
// which Bazel zips into bazel-testlogs/PKG/TARGET/test.outputs/outputs.zip: that path is the
// one printed, from $TEST_TARGET, since the sandbox directory is gone after the test), the
// replay line, and the text report. Reports are named after the test: Suite.Name.txt, and
// Suite.Name_2.txt for a test's second check.
//
// Replay. The replay line is the test's own command:
//   bazel test //pkg:t --test_filter=Suite.Name --test_env=INTERLEAVE_REPLAY=TOKEN
// With $INTERLEAVE_REPLAY set, a check runs the token's one interleaving instead of searching
// and always fails: with the report and "replayed: DEADLOCK confirmed at step 31" when the
// replay reproduced the finding, or with what differs when the token is stale (the code changed
// since it was printed) or malformed. A test's K-th check (K > 1) prints "K@TOKEN"; a check
// replays only a token meant for its position in the test (a plain token is the first check's).
//
// Bazel test sharding (shard_count = n in the test's BUILD rule): every shard runs every test
// (the library removes GoogleTest's GTEST_SHARD_INDEX/GTEST_TOTAL_SHARDS before main, and
// touches TEST_SHARD_STATUS_FILE), and a check that must PASS explores part TEST_SHARD_INDEX+1
// of TEST_TOTAL_SHARDS of its search (ExploreOptions::part, checker/split.h). So the test
// passes only when every shard's part passed, each exhaustive over its part, and a bug fails
// the shard whose part holds it, with its reports in that shard's outputs. Each shard also
// writes its part's JSON report, Suite.Name.part-I-of-N.json, for `interleave merge`. A check
// that expects a bug (EXPECT_BUG) needs the whole search to know which kinds it finds: the
// first shard runs it whole and the others pass it. Options with parts > 1 are used as given.
// Other GoogleTest tests in a sharded binary run in every shard too.
//
// Thread-safety: checks run on the test's thread, one at a time (GoogleTest's own rule).
#ifndef INTERLEAVE_REPORTS_GTEST_FRONT_H_
#define INTERLEAVE_REPORTS_GTEST_FRONT_H_

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "checker/explorer.h"
#include "checker/result.h"
#include "checker/verdict.h"

namespace interleave {

// Explores `body` under `options` with dpor (or replays $INTERLEAVE_REPLAY) and compares the
// verdict with `expected`; the AssertionResult the macros below assert. `expected` must be
// PASS, or BUG with the kinds that must be found.
::testing::AssertionResult CheckInterleavings(const std::function<void()>& body,
                                              const Expectation& expected,
                                              const ExploreOptions& options = {});

// EXPECT_NO_BUG / EXPECT_BUG's checks.
::testing::AssertionResult NoBug(const std::function<void()>& body,
                                 const ExploreOptions& options = {});
::testing::AssertionResult Bug(FindingKind kind, const std::function<void()>& body,
                               const ExploreOptions& options = {});

namespace gtest_front_internal {

// Where Bazel keeps a test's undeclared outputs after it ran, from the label in $TEST_TARGET:
// "//examples:queue_test" -> "bazel-testlogs/examples/queue_test/test.outputs/outputs.zip"
// ("@repo//pkg:t" -> "bazel-testlogs/external/repo/pkg/t/..."). Empty for an empty label.
std::string TestOutputsZip(const std::string& test_target);

// The line that replays `token` for the current test: the Bazel command when $TEST_TARGET is
// set, else the test binary's own filter flag.
std::string ReplayLine(const std::string& test_name, const std::string& token);

}  // namespace gtest_front_internal
}  // namespace interleave

// A failed check adds a non-fatal failure whose message is the check's (no "Value of:"); the
// switch keeps a following `else` from binding to the macro's `if`, as GoogleTest's own do.
#define INTERLEAVE_EXPECT_(check)                                       \
  switch (0)                                                            \
  case 0:                                                               \
  default:                                                              \
    if (const ::testing::AssertionResult interleave_check_ = (check)) { \
    } else                                                              \
      ADD_FAILURE() << interleave_check_.message()

// A test whose body is explored exhaustively with dpor and must PASS. The body is a function
// body: it runs once per interleaving, on the checker's threads, so it must not use
// GoogleTest's assertions (use interleave::expect or assert: a failed one is a finding).
#define INTERLEAVE_TEST(Suite, Name)                                                      \
  static void InterleaveBody_##Suite##_##Name();                                          \
  TEST(Suite, Name) {                                                                     \
    INTERLEAVE_EXPECT_(::interleave::CheckInterleavings(&InterleaveBody_##Suite##_##Name, \
                                                        ::interleave::Expectation{}));    \
  }                                                                                       \
  static void InterleaveBody_##Suite##_##Name()

// EXPECT_NO_BUG(body[, options]): the body (a callable) explored under the options must PASS.
#define EXPECT_NO_BUG(...) INTERLEAVE_EXPECT_(::interleave::NoBug(__VA_ARGS__))
// EXPECT_BUG(kind, body[, options]): the search must find a bug of `kind` (a FindingKind).
#define EXPECT_BUG(kind, ...) INTERLEAVE_EXPECT_(::interleave::Bug(kind, __VA_ARGS__))

#endif  // INTERLEAVE_REPORTS_GTEST_FRONT_H_
