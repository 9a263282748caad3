#include <iostream>
#include "std/sync.h"
#include "checker/dpor.h"
#include "checker/explorer.h"
#include "checker/minimize.h"
#include "reports/text_report.h"
#include "model/api.h"
using namespace interleave;
struct Account {
  sync::mutex mutex;
  sync::shared<int> balance{100};
};
void TransferNested(Account& from, Account& to, int amount) {
  sync::lock_guard<sync::mutex> a(from.mutex);
  sync::lock_guard<sync::mutex> b(to.mutex);
  from.balance -= amount;
  to.balance += amount;
}
sync::shared<int> hits;
int main(int argc, char**) {
  std::function<void()> body = argc > 1 ? std::function<void()>([] {
    sync::thread a([] { hits++; });
    sync::thread b([] { hits += 1; });
    a.join();
    b.join();
    expect(hits == 2, "both increments counted");
  }) : std::function<void()>([] {
    Account x, y;
    sync::thread a([&] { TransferNested(x, y, 10); });
    sync::thread b([&] { TransferNested(y, x, 20); });
    a.join();
    b.join();
  });
  DporStrategy dpor;
  ExploreOptions options;
  Result r = Explore("mirror", body, dpor, options);
  MinimizeCounterexample(body, options, r);
  std::cout << RenderText(r);
}
