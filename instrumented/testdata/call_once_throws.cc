// std::call_once whose callable throws: the flag is not set, and the next call runs the
// callable again (as glibc's pthread_once resets its control when the exception unwinds it).
// Two threads: whichever calls first throws, the other's call then runs it to the end. PASS
// (before: the second call waited for ever, a DEADLOCK in a correct program).
#include <cassert>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace {

std::once_flag flag;
int calls = 0;

void Init() {
  if (++calls == 1) throw std::runtime_error("the first call fails");
}

int Call() {
  try {
    std::call_once(flag, Init);
    return 1;
  } catch (const std::runtime_error&) {
    return 0;
  }
}

}  // namespace

int main() {
  int other = 0;
  std::thread thread([&] { other = Call(); });
  const int mine = Call();
  thread.join();
  assert(calls == 2 && mine + other == 1);
  return 0;
}
