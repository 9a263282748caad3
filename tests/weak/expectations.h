// The expectations the weak-memory algorithm tests put on a search: a fixed variant PASSes,
// exhaustively, with no execution cut at the step bound; a buggy one is a BUG of a given kind
// with no suspected livelock. Failure messages carry the verdict, the finding kinds and the
// counts.
#ifndef INTERLEAVE_TESTS_WEAK_EXPECTATIONS_H_
#define INTERLEAVE_TESTS_WEAK_EXPECTATIONS_H_

#include <gtest/gtest.h>

#include <string>

#include "checker/result.h"
#include "checker/verdict.h"

namespace interleave::testing {

// The verdict and every finding kind, for failure messages.
inline std::string DescribeSearch(const Result& result) {
  std::string text = std::string(VerdictName(result.verdict)) + " " + result.error;
  for (const auto& [kind, count] : result.finding_counts) {
    text += "\n" + std::string(FindingKindName(kind)) + " x" + std::to_string(count);
  }
  text += "\nexecutions " + std::to_string(result.stats.executions) + ", step_bound_hits " +
          std::to_string(result.stats.step_bound_hits);
  return text;
}

inline void ExpectPass(const Result& result) {
  EXPECT_EQ(result.verdict, Verdict::kPass) << DescribeSearch(result);
  EXPECT_TRUE(result.stats.exhaustive) << DescribeSearch(result);
  EXPECT_EQ(result.stats.step_bound_hits, 0) << DescribeSearch(result);
  EXPECT_GT(result.stats.executions, 1) << DescribeSearch(result);
}

inline void ExpectBug(const Result& result, FindingKind kind) {
  EXPECT_EQ(result.verdict, Verdict::kBug) << DescribeSearch(result);
  EXPECT_TRUE(result.HasFinding(kind)) << DescribeSearch(result);
  EXPECT_TRUE(result.stats.exhaustive) << DescribeSearch(result);
  EXPECT_EQ(result.stats.step_bound_hits, 0) << DescribeSearch(result);
  EXPECT_FALSE(result.HasFinding(FindingKind::kLivelock)) << DescribeSearch(result);
}

}  // namespace interleave::testing

#endif  // INTERLEAVE_TESTS_WEAK_EXPECTATIONS_H_
