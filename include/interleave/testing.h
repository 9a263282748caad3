// Checking a user's code in a GoogleTest test: everything a test needs, in one include.
//
//   INTERLEAVE_TEST(Suite, Name) { ...body... }      explore the body with dpor; must PASS
//   EXPECT_NO_BUG(body[, options]);                  the same for a callable, with options
//   EXPECT_BUG(interleave::FindingKind::kDeadlock, body[, options]);
//
// A failure prints the minimized counterexample's text report, where Bazel keeps the text,
// JSON and HTML reports (bazel-testlogs/PKG/TARGET/test.outputs/outputs.zip) and the line that
// replays it: bazel test //pkg:t --test_filter=Suite.Name --test_env=INTERLEAVE_REPLAY=TOKEN
// (reports/gtest_front.h). For more control: Explore (checker/explorer.h) with its
// ExploreOptions and a strategy (DporStrategy, DfsStrategy, BoundedStrategy, RandomStrategy,
// PctStrategy, ReplayStrategy), the Result, VerdictIs (reports/gtest_report.h), replay tokens
// (reports/replay_token.h) and the text report (reports/text_report.h).
#ifndef INTERLEAVE_INCLUDE_INTERLEAVE_TESTING_H_
#define INTERLEAVE_INCLUDE_INTERLEAVE_TESTING_H_

#include "checker/bounded.h"          // IWYU pragma: export
#include "checker/dfs.h"              // IWYU pragma: export
#include "checker/dpor.h"             // IWYU pragma: export
#include "checker/explorer.h"         // IWYU pragma: export
#include "checker/minimize.h"         // IWYU pragma: export
#include "checker/pct.h"              // IWYU pragma: export
#include "checker/random.h"           // IWYU pragma: export
#include "checker/replay.h"           // IWYU pragma: export
#include "checker/result.h"           // IWYU pragma: export
#include "checker/verdict.h"          // IWYU pragma: export
#include "interleave/keep_asserts.h"  // IWYU pragma: export
#include "model/api.h"                // IWYU pragma: export (expect, log, choose, outcome)
#include "reports/gtest_front.h"      // IWYU pragma: export
#include "reports/gtest_report.h"     // IWYU pragma: export
#include "reports/replay_token.h"     // IWYU pragma: export
#include "reports/text_report.h"      // IWYU pragma: export

#endif  // INTERLEAVE_INCLUDE_INTERLEAVE_TESTING_H_
