// Unit tests of the per-execution capture of stdout and stderr (model/output_capture.h).
#include "model/output_capture.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <thread>

#include "model/execution.h"
#include "model/testing/choosers.h"

namespace interleave {
namespace {

using ::testing::HasSubstr;

// Points fds 1 and 2 at a memfd for the test's life (the "terminal"), and reads it back.
class FakeTerminal {
 public:
  FakeTerminal() {
    std::fflush(stdout);
    std::fflush(stderr);
    saved_out_ = dup(STDOUT_FILENO);
    saved_err_ = dup(STDERR_FILENO);
    memfd_ = memfd_create("terminal", 0);
    dup2(memfd_, STDOUT_FILENO);
    dup2(memfd_, STDERR_FILENO);
  }
  ~FakeTerminal() {
    std::fflush(stdout);
    std::fflush(stderr);
    dup2(saved_out_, STDOUT_FILENO);
    dup2(saved_err_, STDERR_FILENO);
    close(saved_out_);
    close(saved_err_);
    close(memfd_);
  }
  std::string Text() {
    std::fflush(stdout);
    std::fflush(stderr);
    const off_t size = lseek(memfd_, 0, SEEK_CUR);
    std::string text(static_cast<std::size_t>(size), '\0');
    if (size > 0 && pread(memfd_, text.data(), text.size(), 0) != size) text.clear();
    return text;
  }

 private:
  int saved_out_ = -1;
  int saved_err_ = -1;
  int memfd_ = -1;
};

TEST(OutputCaptureTest, EachExecutionKeepsItsOwnOutputAndTheTerminalGetsOnlyTheTools) {
  FakeTerminal terminal;
  Trace first;
  Trace second;
  Trace quiet;
  {
    output_capture::Session capture;
    ASSERT_TRUE(capture.on()) << capture.error();
    testing::LowestFirst chooser;
    first = Execution::Run(
        [] {
          std::printf("one\n");
          std::fprintf(stderr, "on stderr\n");
        },
        chooser);
    std::printf("the tool, between executions\n");
    second = Execution::Run([] { std::printf("two\n"); }, chooser);
    quiet = Execution::Run([] {}, chooser);
    std::fprintf(capture.tool_stderr(), "the tool's progress\n");
  }
  EXPECT_THAT(first.output, HasSubstr("one\n"));
  EXPECT_THAT(first.output, HasSubstr("on stderr\n"));
  EXPECT_EQ(first.output.size(), std::string("one\non stderr\n").size());
  EXPECT_EQ(second.output, "two\n");  // Not the first's again.
  EXPECT_EQ(quiet.output, "");
  const std::string shown = terminal.Text();
  EXPECT_THAT(shown, HasSubstr("the tool, between executions\n"));
  EXPECT_THAT(shown, HasSubstr("the tool's progress\n"));
  EXPECT_THAT(shown, ::testing::Not(HasSubstr("one")));
  EXPECT_THAT(shown, ::testing::Not(HasSubstr("two")));
}

TEST(OutputCaptureTest, KeepsTheFirstBytesAndSaysHowManyMore) {
  FakeTerminal terminal;
  Trace trace;
  {
    output_capture::Session capture;
    ASSERT_TRUE(capture.on()) << capture.error();
    testing::LowestFirst chooser;
    trace = Execution::Run(
        [] {
          const std::string line(99, 'x');
          for (std::size_t i = 0; i < output_capture::kMaxBytes / 100 + 10; ++i) {
            std::printf("%s\n", line.c_str());
          }
        },
        chooser);
  }
  EXPECT_THAT(trace.output, HasSubstr("more bytes of output not kept]\n"));
  EXPECT_LT(trace.output.size(), output_capture::kMaxBytes + 100);
  EXPECT_EQ(terminal.Text(), "");
}

// The fds stay on the capture between executions (two dup2 per execution cost more than a
// small program's steps); Unpark, from any OS thread, puts them back, passing on what was
// written since the last execution.
TEST(OutputCaptureTest, UnparkFromAnotherThreadPutsTheTerminalBack) {
  FakeTerminal terminal;
  Trace trace;
  {
    output_capture::Session capture;
    ASSERT_TRUE(capture.on()) << capture.error();
    std::thread search([&trace] {
      testing::LowestFirst chooser;
      trace = Execution::Run([] { std::printf("inside\n"); }, chooser);
    });
    search.join();
    std::printf("after the search\n");  // Still the capture's: passed on by Unpark.
    output_capture::Unpark();
    std::printf("the report\n");
    std::fflush(stdout);
    EXPECT_EQ(terminal.Text(), "after the search\nthe report\n");
  }
  EXPECT_EQ(trace.output, "inside\n");
}

TEST(OutputCaptureTest, WithoutASessionNothingIsCaptured) {
  FakeTerminal terminal;
  testing::LowestFirst chooser;
  const Trace trace = Execution::Run([] { std::printf("printed\n"); }, chooser);
  EXPECT_EQ(trace.output, "");
  EXPECT_EQ(terminal.Text(), "printed\n");
}

TEST(OutputCaptureTest, OneSessionAtATime) {
  output_capture::Session outer;
  ASSERT_TRUE(outer.on()) << outer.error();
  output_capture::Session inner;
  EXPECT_FALSE(inner.on());
  EXPECT_THAT(inner.error(), HasSubstr("already"));
}

}  // namespace
}  // namespace interleave
