// std::barrier (C++20; libstdc++ waits on a futex): each of two threads writes its own
// variable, meets the other at the barrier, and then reads the other's. PASS exhaustively.
#include <barrier>
#include <cassert>
#include <thread>

int main() {
  std::barrier meet(2);
  int mine = 0;
  int theirs = 0;
  std::thread other([&] {
    theirs = 1;
    meet.arrive_and_wait();
    assert(mine == 1);
  });
  mine = 1;
  meet.arrive_and_wait();
  assert(theirs == 1);
  other.join();
}
