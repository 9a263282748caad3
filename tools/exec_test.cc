#include "tools/exec.h"

#include <gtest/gtest.h>

#include "tools/cc.h"

namespace interleave {
namespace {

TEST(ExecArgsTest, OptionsBeforeTheProgramAndItsArgumentsAfter) {
  ExecArgs parsed;
  std::string error;
  ASSERT_TRUE(ParseExecArgs({"--strategy=dfs", "--", "./prog", "a", "--b"}, parsed, error));
  EXPECT_EQ(parsed.program, "./prog");
  EXPECT_EQ(parsed.program_args, (std::vector<std::string>{"a", "--b"}));
  EXPECT_EQ(parsed.options, (std::vector<std::string>{"--strategy=dfs"}));
}

// --part goes to the program's own checker, which runs `run`'s command line (tools/cli.h).
TEST(ExecArgsTest, PartGoesToTheProgramsChecker) {
  ExecArgs parsed;
  std::string error;
  ASSERT_TRUE(ParseExecArgs({"--part=2/4", "--report=json", "--", "./prog"}, parsed, error));
  EXPECT_EQ(parsed.options, (std::vector<std::string>{"--part=2/4", "--report=json"}));
}

TEST(ExecArgsTest, TheReplayLineForm) {
  ExecArgs parsed;
  std::string error;
  ASSERT_TRUE(ParseExecArgs({"--program=./lost", "run", "lost", "--replay=v2:x"}, parsed, error));
  EXPECT_EQ(parsed.program, "./lost");
  EXPECT_EQ(parsed.options, (std::vector<std::string>{"--replay=v2:x"}));
}

TEST(ExecArgsTest, RefusesNoProgramAndJobs) {
  ExecArgs parsed;
  std::string error;
  EXPECT_FALSE(ParseExecArgs({"--strategy=dfs"}, parsed, error));
  EXPECT_NE(error.find("needs a program"), std::string::npos);
  EXPECT_FALSE(ParseExecArgs({"--"}, parsed, error));
  // Given twice, an option is refused, never the last one kept silently.
  // A whole number from 1 to 256, as the search's own --jobs takes it (leading zeros too).
  ASSERT_TRUE(ParseExecArgs({"--jobs=0002", "--", "p"}, parsed, error)) << error;
  EXPECT_EQ(parsed.jobs, 2);
  parsed = {};
  EXPECT_FALSE(ParseExecArgs({"--jobs=2", "--jobs=1", "--", "p"}, parsed, error));
  EXPECT_NE(error.find("--jobs is given twice"), std::string::npos) << error;
  EXPECT_FALSE(ParseExecArgs({"--jobs=2", "--report=trace", "--", "p"}, parsed, error));
  EXPECT_NE(error.find("--report: 'trace' is not one of text, json, html"), std::string::npos)
      << error;
  EXPECT_FALSE(ParseExecArgs({"--jobs=2", "--color", "red", "--", "p"}, parsed, error));
  EXPECT_FALSE(ParseExecArgs({"--program=a", "--program=b"}, parsed, error));
  EXPECT_NE(error.find("--program is given twice"), std::string::npos) << error;
}

// --jobs=N: N processes run the parts (--part=I/N) and the program merges their reports, so
// the report options go to the merge, and what does not split is refused.
TEST(ExecArgsTest, JobsSplitTheRunOptionsFromTheMergesReportOptions) {
  ExecArgs parsed;
  std::string error;
  ASSERT_TRUE(ParseExecArgs(
      {"--jobs=3", "--report", "json", "--out=r.json", "--time=any", "--", "./p"}, parsed, error))
      << error;
  EXPECT_EQ(parsed.jobs, 3);
  EXPECT_EQ(parsed.options, (std::vector<std::string>{"--time=any"}));
  EXPECT_EQ(parsed.report_options, (std::vector<std::string>{"--report", "json", "--out=r.json"}));
  ASSERT_TRUE(ParseExecArgs({"--jobs", "2", "--strategy=dfs", "--", "./p"}, parsed, error));
  EXPECT_EQ(parsed.jobs, 2);
  EXPECT_EQ(parsed.options, (std::vector<std::string>{"--strategy=dfs"}));
  // One job is the plain exec.
  ASSERT_TRUE(ParseExecArgs({"--jobs=1", "--report=json", "--", "./p"}, parsed, error));
  EXPECT_EQ(parsed.options, (std::vector<std::string>{"--report=json"}));
}

TEST(ExecArgsTest, JobsRefuseWhatDoesNotSplit) {
  ExecArgs parsed;
  std::string error;
  EXPECT_FALSE(ParseExecArgs({"--jobs=2", "--part=1/2", "--", "./p"}, parsed, error));
  EXPECT_NE(error.find("--part"), std::string::npos);
  EXPECT_FALSE(ParseExecArgs({"--jobs=2", "--replay=v2:x", "--", "./p"}, parsed, error));
  EXPECT_NE(error.find("--replay"), std::string::npos);
  EXPECT_FALSE(ParseExecArgs({"--jobs=2", "--strategy=random", "--", "./p"}, parsed, error));
  EXPECT_NE(error.find("random"), std::string::npos);
  for (const char* bad : {"--jobs=0", "--jobs=x", "--jobs=", "--jobs=1000", "--jobs=257"}) {
    EXPECT_FALSE(ParseExecArgs({bad, "--", "./p"}, parsed, error)) << bad;
    EXPECT_NE(error.find("--jobs must be a whole number from 1 to 256"), std::string::npos) << bad;
  }
  EXPECT_FALSE(ParseExecArgs({"--jobs"}, parsed, error));
}

TEST(CcPlanTest, CompilesEachSourceInstrumentedAndLinksTheRuntimeWithoutLibtsan) {
  CcPlan plan;
  std::string error;
  ASSERT_TRUE(
      PlanCc({"-o", "out/p", "a.c", "b.cc", "-O1", "x.o"}, "/rt/libinterleave_rt.so", plan, error));
  ASSERT_EQ(plan.compiles.size(), 2u);
  EXPECT_EQ(plan.compiles[0].front(), "gcc");
  EXPECT_EQ(plan.compiles[1].front(), "g++");
  EXPECT_EQ(plan.compiles[0][1], "-fsanitize=thread");
  // No warning that fences are unsupported: the runtime models them.
  EXPECT_EQ(plan.compiles[1][2], "-Wno-tsan");
  for (const std::string& arg : plan.link) EXPECT_NE(arg, "-fsanitize=thread");
  EXPECT_NE(std::find(plan.link.begin(), plan.link.end(), "/rt/libinterleave_rt.so"),
            plan.link.end());
  EXPECT_NE(std::find(plan.link.begin(), plan.link.end(), "-Wl,-rpath,/rt"), plan.link.end());
  EXPECT_NE(std::find(plan.link.begin(), plan.link.end(), "x.o"), plan.link.end());
}

TEST(CcPlanTest, PreprocessedSourcesAreCompiledAsCAndCxx) {
  CcPlan plan;
  std::string error;
  ASSERT_TRUE(PlanCc({"-o", "p", "task.i", "other.ii"}, "/rt/libinterleave_rt.so", plan, error))
      << error;
  ASSERT_EQ(plan.compiles.size(), 2u);
  EXPECT_EQ(plan.compiles[0].front(), "gcc");
  EXPECT_NE(std::find(plan.compiles[0].begin(), plan.compiles[0].end(), "task.i"),
            plan.compiles[0].end());
  EXPECT_EQ(plan.compiles[1].front(), "g++");
}

// C++ sources are compiled as C++20 (GNU dialect) unless a flag names a standard; C sources
// keep gcc's default (before: g++ 12's gnu++17, so jthread and latch did not compile).
TEST(CcPlanTest, CxxIsCompiledAsCxx20UnlessAStandardIsNamed) {
  CcPlan plan;
  std::string error;
  ASSERT_TRUE(PlanCc({"-o", "p", "a.cc", "b.c"}, "/rt/libinterleave_rt.so", plan, error));
  auto has = [](const std::vector<std::string>& command, const std::string& flag) {
    return std::find(command.begin(), command.end(), flag) != command.end();
  };
  EXPECT_TRUE(has(plan.compiles[0], "-std=gnu++20"));
  EXPECT_FALSE(has(plan.compiles[1], "-std=gnu++20"));
  ASSERT_TRUE(PlanCc({"-o", "p", "-std=c++17", "a.cc"}, "/rt/libinterleave_rt.so", plan, error));
  EXPECT_FALSE(has(plan.compiles[0], "-std=gnu++20"));
  EXPECT_TRUE(has(plan.compiles[0], "-std=c++17"));
}

TEST(CcPlanTest, RefusesNoOutputOrNoSource) {
  CcPlan plan;
  std::string error;
  EXPECT_FALSE(PlanCc({"a.c"}, "/rt/libinterleave_rt.so", plan, error));
  EXPECT_NE(error.find("no output"), std::string::npos);
  EXPECT_FALSE(PlanCc({"-o", "p", "-O2"}, "/rt/libinterleave_rt.so", plan, error));
  EXPECT_FALSE(PlanCc({"-o", "p", "-c", "a.c"}, "/rt/libinterleave_rt.so", plan, error));
}

// gcc keeps the last of two -o, and refuses an output that is an input; cc compiles to a
// temporary object first, so it must refuse both itself (before: the source was overwritten
// by the program, and the first -o dropped).
TEST(CcPlanTest, RefusesTwoOutputsAndAnOutputThatIsAnInput) {
  CcPlan plan;
  std::string error;
  EXPECT_FALSE(PlanCc({"-o", "a", "-o", "b", "s.c"}, "/rt/libinterleave_rt.so", plan, error));
  EXPECT_NE(error.find("two outputs, -o a and -o b"), std::string::npos) << error;
  EXPECT_FALSE(PlanCc({"-oa", "-ob", "s.c"}, "/rt/libinterleave_rt.so", plan, error));
  EXPECT_TRUE(PlanCc({"-o", "a", "-oa", "s.c"}, "/rt/libinterleave_rt.so", plan, error)) << error;
  EXPECT_FALSE(PlanCc({"-o", "s.c", "s.c"}, "/rt/libinterleave_rt.so", plan, error));
  EXPECT_NE(error.find("is the input s.c"), std::string::npos) << error;
  EXPECT_FALSE(PlanCc({"-o", "p.o", "p.o"}, "/rt/libinterleave_rt.so", plan, error));
}

}  // namespace
}  // namespace interleave
