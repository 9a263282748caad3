#include "model/output_capture.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

namespace interleave::output_capture {
namespace {

// -1: no capture. Read by the crash handler (RestoreFds), so atomics.
std::atomic<int> g_memfd{-1};
std::atomic<int> g_saved_out{-1};
std::atomic<int> g_saved_err{-1};
// From an OS thread's first captured execution to Unpark: fds 1 and 2 are the memfd, for the
// executions of that thread (`g_owner`; one at a time: the fds are the process's). They stay
// there between its executions: pointing them back and forth cost four dup2 calls per
// execution, 60% of a small program's search (4 x 3 locked pthread increments: 8.9 s against
// 5.6 s without the capture).
std::atomic<bool> g_redirected{false};
// The owner: the address of its `t_token` (Unpark may come from another OS thread: `interleave
// exec` prints its report on the process's first thread, after a search on one of its own).
std::atomic<const void*> g_owner{nullptr};
thread_local char t_token = 0;
thread_local bool t_capturing = false;

// dup2 that retries an interrupted call.
void Dup2(int from, int to) {
  while (dup2(from, to) < 0 && errno == EINTR) {
  }
}

}  // namespace

Session::Session() {
  if (g_memfd.load() >= 0) {
    error_ = "a capture is on already";
    return;
  }
  const int memfd = memfd_create("interleave-output", MFD_CLOEXEC);
  if (memfd < 0) {
    error_ = std::string("memfd_create: ") + std::strerror(errno);
    return;
  }
  std::fflush(stdout);
  std::fflush(stderr);
  const int saved_out = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
  const int saved_err = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
  if (saved_out < 0 || saved_err < 0) {
    error_ = std::string("cannot duplicate stdout or stderr: ") + std::strerror(errno);
    if (saved_out >= 0) close(saved_out);
    if (saved_err >= 0) close(saved_err);
    close(memfd);
    return;
  }
  const int tool_err = fcntl(saved_err, F_DUPFD_CLOEXEC, 3);
  tool_stderr_ = tool_err >= 0 ? fdopen(tool_err, "w") : nullptr;
  if (tool_stderr_ != nullptr) setvbuf(tool_stderr_, nullptr, _IONBF, 0);
  g_saved_out.store(saved_out);
  g_saved_err.store(saved_err);
  g_memfd.store(memfd);
  on_ = true;
}

Session::~Session() {
  if (!on_) return;
  Unpark();
  RestoreFds();
  const int memfd = g_memfd.exchange(-1);
  close(memfd);
  close(g_saved_out.exchange(-1));
  close(g_saved_err.exchange(-1));
  if (tool_stderr_ != nullptr) std::fclose(tool_stderr_);
}

namespace {
// What was written to the memfd since the last execution ended (the tool's own messages on
// fds 1 and 2 between executions, or an uncaptured thread's output) goes to the real stderr.
void PassOnStrays(int memfd) {
  const off_t written = lseek(memfd, 0, SEEK_CUR);
  if (written <= 0) return;
  const int err = g_saved_err.load(std::memory_order_relaxed);
  char buffer[4096];
  off_t at = 0;
  while (at < written) {
    const ssize_t n = pread(memfd, buffer, sizeof buffer, at);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    for (ssize_t done = 0; done < n;) {
      const ssize_t w = write(err, buffer + done, static_cast<std::size_t>(n - done));
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) break;
      done += w;
    }
    at += n;
  }
  lseek(memfd, 0, SEEK_SET);
}
}  // namespace

void BeginExecution() {
  const int memfd = g_memfd.load(std::memory_order_relaxed);
  if (memfd < 0) return;
  if (g_owner.load(std::memory_order_relaxed) == &t_token) {  // The fds are the memfd already.
    std::fflush(stdout);
    std::fflush(stderr);
    PassOnStrays(memfd);
    t_capturing = true;
    return;
  }
  bool idle = false;
  if (!g_redirected.compare_exchange_strong(idle, true)) return;  // Another OS thread's.
  g_owner.store(&t_token);
  t_capturing = true;
  std::fflush(stdout);  // The tool's own output goes out before the fds change.
  std::fflush(stderr);
  Dup2(memfd, STDOUT_FILENO);
  Dup2(memfd, STDERR_FILENO);
}

void Unpark() {
  if (g_owner.load() == nullptr) return;
  const int memfd = g_memfd.load(std::memory_order_relaxed);
  std::fflush(stdout);
  std::fflush(stderr);
  if (memfd >= 0) PassOnStrays(memfd);
  Dup2(g_saved_out.load(std::memory_order_relaxed), STDOUT_FILENO);
  Dup2(g_saved_err.load(std::memory_order_relaxed), STDERR_FILENO);
  g_owner.store(nullptr);
  g_redirected.store(false);
}

void EndExecution(std::string& output) {
  output.clear();
  if (!t_capturing) return;
  t_capturing = false;
  std::fflush(stdout);  // What the program left in stdio's buffers is this execution's.
  std::fflush(stderr);
  const int memfd = g_memfd.load(std::memory_order_relaxed);
  const off_t written = lseek(memfd, 0, SEEK_CUR);
  if (written <= 0) return;  // The common case: one system call.
  const std::size_t keep = std::min<std::size_t>(static_cast<std::size_t>(written), kMaxBytes);
  output.resize(keep);
  std::size_t got = 0;
  while (got < keep) {
    const ssize_t n = pread(memfd, output.data() + got, keep - got, static_cast<off_t>(got));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  output.resize(got);
  if (static_cast<std::size_t>(written) > got) {
    if (!output.empty() && output.back() != '\n') output += '\n';
    output += "[... " + std::to_string(static_cast<std::size_t>(written) - got) +
              " more bytes of output not kept]\n";
  }
  lseek(memfd, 0, SEEK_SET);
  if (written > static_cast<off_t>(4 * kMaxBytes)) {
    while (ftruncate(memfd, 0) < 0 && errno == EINTR) {
    }
  }
}

void RestoreFds() {
  const int out = g_saved_out.load();
  const int err = g_saved_err.load();
  if (out < 0 || err < 0) return;
  dup2(out, STDOUT_FILENO);
  dup2(err, STDERR_FILENO);
}

}  // namespace interleave::output_capture
