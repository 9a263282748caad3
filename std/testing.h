// Test support for the std mirror's tests: explore a std-style program with dpor, and explain a
// result in a failure message.
#ifndef INTERLEAVE_STD_TESTING_H_
#define INTERLEAVE_STD_TESTING_H_

#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <string>

#include "checker/dfs.h"
#include "checker/dpor.h"
#include "checker/explorer.h"
#include "checker/result.h"

namespace interleave::sync_testing {

// The program explored by dpor (on the calling OS thread: no watchdog).
inline Result Check(const std::string& name, const std::function<void()>& body,
                    ExploreOptions options = {}) {
  DporStrategy dpor;
  options.stall_seconds = 0;
  return Explore(name, body, dpor, options);
}

// The verdict, the error, each kind found with its count, the counterexample's findings.
inline std::string Explain(const Result& result) {
  std::string text = std::string(VerdictName(result.verdict)) + " " + result.error;
  for (const auto& [kind, count] : result.finding_counts) {
    text += "\n" + std::string(FindingKindName(kind)) + " x" + std::to_string(count);
  }
  for (const Finding& finding : result.findings) text += "\n" + finding.summary;
  return text;
}

// dpor's reduction loses nothing: on `body`, it reaches the verdict, the outcomes and the
// finding kinds of dfs's search of every interleaving, in no more executions.
inline void ExpectDporAgreesWithDfs(const std::string& name, const std::function<void()>& body) {
  DfsStrategy dfs;
  const Result every = Explore(name, body, dfs, {.stall_seconds = 0});
  const Result reduced = Check(name, body);
  ASSERT_TRUE(every.stats.exhaustive) << name;
  EXPECT_EQ(reduced.verdict, every.verdict) << name;
  EXPECT_EQ(OutcomeNames(reduced), OutcomeNames(every)) << name;
  EXPECT_EQ(FindingKinds(reduced), FindingKinds(every)) << name;
  EXPECT_LE(reduced.stats.executions, every.stats.executions) << name;
}

}  // namespace interleave::sync_testing

#endif  // INTERLEAVE_STD_TESTING_H_
