// Throwaway smoke test: proves gtest, gmock, Boost.Context, CLI11 and
// nlohmann_json build and link through //third_party.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <boost/context/fiber.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace {

namespace ctx = boost::context;
using ::testing::ElementsAre;

TEST(Smoke, FiberSwitchesInAndBack) {
  std::vector<int> trace;
  ctx::fiber f{[&trace](ctx::fiber&& main) {
    trace.push_back(1);
    main = std::move(main).resume();
    trace.push_back(3);
    return std::move(main);
  }};
  f = std::move(f).resume();
  trace.push_back(2);
  f = std::move(f).resume();
  EXPECT_FALSE(f);
  EXPECT_THAT(trace, ElementsAre(1, 2, 3));
}

TEST(Smoke, Cli11Parses) {
  CLI::App app{"smoke"};
  int n = 0;
  app.add_option("-n", n);
  std::vector<std::string> args{"-n", "42"};
  std::vector<const char*> argv{"smoke"};
  for (const auto& a : args) argv.push_back(a.c_str());
  app.parse(static_cast<int>(argv.size()), argv.data());
  EXPECT_EQ(n, 42);
}

TEST(Smoke, JsonRoundTrips) {
  nlohmann::json j = {{"verdict", "PASS"}, {"executions", 6}};
  auto back = nlohmann::json::parse(j.dump());
  EXPECT_EQ(back["verdict"], "PASS");
  EXPECT_EQ(back["executions"].get<int>(), 6);
}

}  // namespace
