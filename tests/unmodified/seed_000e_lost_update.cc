// bug (data race, assertion): seed 000 "What's Race Conditions" (000.e): two workers copy `value`, add 1, sleep and write back with no lock, so their reads and writes race and one update can be lost: value == 1 where 2 is expected.
#include <cassert>
#include <chrono>
#include <cstdio>
#include <thread>

class FakeDatabase {
 public:
  void update(int name) {
    std::printf("Thread %d: starting update\n", name);
    int local_copy = value;
    local_copy += 1;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    value = local_copy;
    std::printf("Thread %d: finishing update\n", name);
  }

  int value = 0;
};

int main() {
  FakeDatabase database;
  std::printf("Testing update. Starting value is %d\n", database.value);
  std::thread first(&FakeDatabase::update, &database, 0);
  std::thread second(&FakeDatabase::update, &database, 1);
  first.join();
  second.join();
  std::printf("Testing update. Ending value is %d\n", database.value);
  assert(database.value == 2);
  return 0;
}
