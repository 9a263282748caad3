// A block allocated with `new` (or, with VIA_MAKE_UNIQUE, by std::make_unique, whose new is
// inlined into main at -O2), raced on by two threads: the report names the block by the line of
// main that allocated it, not by libstdc++'s operator new (which calls malloc) nor by the
// runtime's own call of main. BUG: DATA RACE on "heap block allocated at new_block_race.cc:16".
#include <memory>
#include <thread>

#ifdef VIA_MAKE_UNIQUE
#define NEW_COUNTER std::make_unique<int>(0)
#else
#define NEW_COUNTER std::unique_ptr<int>(new int(0))
#endif

int main() {
  // The allocation.
  std::unique_ptr<int> counter = NEW_COUNTER;
  std::thread other([&] { ++*counter; });
  ++*counter;
  other.join();
}
