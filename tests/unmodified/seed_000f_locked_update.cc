// pass: seed 000 "Lock" (000.f): the same update holds the database's std::mutex from the read to the write back, so the two updates are serialized and value == 2 in every interleaving.
#include <cassert>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

class FakeDatabaseWithLock {
 public:
  void update(int name) {
    std::printf("Thread %d: starting update\n", name);
    std::printf("Thread %d: about to lock\n", name);
    {
      std::lock_guard<std::mutex> lock(lock_);
      std::printf("Thread %d: lock acquired\n", name);
      int local_copy = value_;
      local_copy += 1;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      value_ = local_copy;
      std::printf("Thread %d: lock released\n", name);
    }
    std::printf("Thread %d: finishing update\n", name);
  }

  int value() {
    std::lock_guard<std::mutex> lock(lock_);
    return value_;
  }

 private:
  std::mutex lock_;
  int value_ = 0;
};

int main() {
  FakeDatabaseWithLock database;
  std::printf("Testing update. Starting value is %d\n", database.value());
  std::thread first(&FakeDatabaseWithLock::update, &database, 0);
  std::thread second(&FakeDatabaseWithLock::update, &database, 1);
  first.join();
  second.join();
  std::printf("Testing update. Ending value is %d\n", database.value());
  assert(database.value() == 2);
  return 0;
}
