#include "reports/play_html.h"

#include <gtest/gtest.h>

#include <string>

namespace interleave {
namespace {

// A two-node game: one choice between two threads, one leading to a bug.
PlayTree SmallTree() {
  PlayTree tree;
  tree.scenario = "demo";
  tree.title = "demo (0.0, bug): a <b>bold</b> title & more";
  tree.settings = "time any";
  tree.minimal = "LOST UPDATE in 3 steps with 1 preemption (1 choice)";
  tree.minimal_path = {1};
  tree.command = "interleave play demo";
  tree.start_steps = {"step 1  main: start t1"};
  tree.start_last_thread = 0;
  PlayNode start;
  start.total_steps = 1;
  start.state = {"value = 0"};
  start.waiting = {"2 t2: blocked in acquire on lock, held by t1"};
  start.question = "Who runs step 2?";
  start.choices = {{.label = "0 main",
                    .next = "log  (demo.cc:3)",
                    .child = 1,
                    .steps = {"step 2  main: log \"</script><script>alert(1)</script>\""},
                    .thread = 0,
                    .last_thread = 0},
                   {.label = "1 t1",
                    .next = "read value  (demo.cc:9)",
                    .child = 2,
                    .steps = {"step 2  t1: read value = 0"},
                    .thread = 1,
                    .last_thread = 1}};
  PlayNode ok;
  ok.total_steps = 2;
  ok.end = "The program ended after 2 steps: value=2";
  PlayNode bug;
  bug.total_steps = 2;
  bug.end = "The program ended after 2 steps: value=1";
  bug.findings = {"LOST UPDATE: t1 overwrote t2's update"};
  tree.nodes = {start, ok, bug};
  return tree;
}

TEST(PlayHtmlTest, IsOneSelfContainedPage) {
  const std::string page = RenderPlayHtml(SmallTree());
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(page.find("http://"), std::string::npos);
  EXPECT_EQ(page.find("https://"), std::string::npos);
  EXPECT_EQ(page.find("<link"), std::string::npos);
  EXPECT_EQ(page.find("src="), std::string::npos);
}

TEST(PlayHtmlTest, TextCannotBreakOutOfTheScript) {
  const std::string page = RenderPlayHtml(SmallTree());
  // Exactly one script element: the log line's "</script>" is escaped inside the data.
  EXPECT_EQ(page.find("<script>"), page.rfind("<script>"));
  EXPECT_NE(page.find("\\u003c/script>"), std::string::npos);
  EXPECT_EQ(page.find("</script>"), page.rfind("</script>"));
  // The title is HTML-escaped.
  EXPECT_NE(page.find("a &lt;b&gt;bold&lt;/b&gt; title &amp; more"), std::string::npos);
}

TEST(PlayHtmlTest, CarriesTheTreeAndTheMinimalCounterexample) {
  const std::string page = RenderPlayHtml(SmallTree());
  EXPECT_NE(page.find("const minimalPath = [1];"), std::string::npos);
  EXPECT_NE(page.find("const startLast = 0;"), std::string::npos);
  EXPECT_NE(page.find("LOST UPDATE in 3 steps with 1 preemption (1 choice)"), std::string::npos);
  EXPECT_NE(page.find("\"LOST UPDATE: t1 overwrote t2's update\""), std::string::npos);
  EXPECT_NE(
      page.find("[\"1 t1\",\"read value  (demo.cc:9)\",2,[\"step 2  t1: read value = 0\"],1,1]"),
      std::string::npos);
  EXPECT_NE(page.find("interleave play demo"), std::string::npos);
}

TEST(PlayHtmlTest, AProgramWithoutABugSaysSo) {
  PlayTree tree = SmallTree();
  tree.minimal.clear();
  tree.minimal_path.clear();
  const std::string page = RenderPlayHtml(tree);
  EXPECT_NE(page.find("No interleaving of this program has a bug"), std::string::npos);
}

}  // namespace
}  // namespace interleave
