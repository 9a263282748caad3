// Writes the text, JSON and HTML reports of the weak-memory programs (weak_programs.h), searched
// with dpor under rc11, into a directory: <name>.txt, <name>.json, <name>.html. The browser test
// (reports/weak_reports_test.sh) validates the JSON against its schema and renders the HTML.
// Usage: write_weak_reports DIR
#include <cstdio>
#include <fstream>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "checker/dpor.h"
#include "checker/explorer.h"
#include "checker/minimize.h"
#include "reports/html_report.h"
#include "reports/json_report.h"
#include "model/testing/weak_programs.h"
#include "reports/text_report.h"

int main(int argc, char** argv) {
  using namespace interleave;  // NOLINT(build/namespaces): a small tool.
  if (argc != 2) {
    std::fprintf(stderr, "usage: write_weak_reports DIR\n");
    return 2;
  }
  const std::string dir = argv[1];
  const std::vector<std::pair<std::string, std::function<void()>>> programs = {
      {"store_buffering_relaxed", testing::StoreBufferingRelaxed},
      {"message_passing_relaxed", testing::MessagePassingRelaxed},
      {"cas_spinlock_deadlock", testing::CasSpinlockDeadlock},
  };
  for (const auto& [name, body] : programs) {
    DporStrategy dpor;
    Result result = Explore(name, body, dpor);
    MinimizeCounterexample(body, {}, result);
    const std::vector<std::pair<std::string, std::string>> files = {
        {".txt", RenderText(result, {.show_time = false})},
        {".json", RenderJson(result)},
        {".html", RenderHtml(result)},
    };
    for (const auto& [extension, text] : files) {
      std::ofstream out(dir + "/" + name + extension, std::ios::binary);
      out << text;
      if (!out.good()) {
        std::fprintf(stderr, "cannot write %s/%s%s\n", dir.c_str(), name.c_str(),
                     extension.c_str());
        return 1;
      }
    }
  }
  return 0;
}
