#include "model/escapes.h"

#include <assert.h>
#include <cxxabi.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <poll.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdarg.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <typeinfo>

#include "model/execution.h"

#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/asan_interface.h>
#endif

// glibc's assert() calls these; <assert.h> declares them only without NDEBUG, and an optimised
// build (-c opt) defines NDEBUG, so they are declared here, as glibc declares them.
extern "C" {
[[noreturn]] void __assert_fail(const char* assertion, const char* file, unsigned int line,
                                const char* function) noexcept;
[[noreturn]] void __assert_perror_fail(int errnum, const char* file, unsigned int line,
                                       const char* function) noexcept;
}

namespace interleave::escapes {
namespace {

// The real function after ours, looked up once. No function-local static: its guard may wait
// on a futex through syscall(), which is interposed here too.
template <typename F>
F Next(std::atomic<void*>& cache, const char* name) {
  void* function = cache.load(std::memory_order_acquire);
  if (function == nullptr) {
    function = dlsym(RTLD_NEXT, name);
    if (function == nullptr) {
      std::fprintf(stderr, "interleave: cannot find the real %s\n", name);
      std::abort();
    }
    cache.store(function, std::memory_order_release);
  }
  return reinterpret_cast<F>(function);
}

#define INTERLEAVE_REAL(name)                                            \
  [] {                                                                   \
    static std::atomic<void*> cache{nullptr};                            \
    return ::interleave::escapes::Next<decltype(&::name)>(cache, #name); \
  }()

bool InScenario() { return Execution::InScenarioCode(); }

[[noreturn]] void Escape(const std::string& what) { Execution::Running()->Escape(what); }

std::string Seconds(const timespec& t) {
  char text[64];
  std::snprintf(text, sizeof text, "%.3g s", static_cast<double>(t.tv_sec) + t.tv_nsec * 1e-9);
  return text;
}

bool Positive(const timespec* t) { return t != nullptr && (t->tv_sec > 0 || t->tv_nsec > 0); }

// Whether reading `fd` would block now: a pipe, FIFO, socket or terminal in blocking mode
// with nothing to read. Regular files and other devices never wait for another party.
bool ReadWouldBlock(int fd) {
  struct stat info {};
  if (fstat(fd, &info) != 0) return false;
  const bool may_wait = S_ISFIFO(info.st_mode) || S_ISSOCK(info.st_mode) ||
                        (S_ISCHR(info.st_mode) && isatty(fd) != 0);
  if (!may_wait) return false;
  const int flags = fcntl(fd, F_GETFL);
  if (flags == -1 || (flags & O_NONBLOCK) != 0) return false;
  pollfd probe{fd, POLLIN, 0};
  return INTERLEAVE_REAL(poll)(&probe, 1, 0) == 0;
}

void CheckRead(int fd, const char* call) {
  if (ReadWouldBlock(fd)) {
    Escape(std::string(call) + " on file descriptor " + std::to_string(fd) +
           ", which has nothing to read (a pipe, socket or terminal)");
  }
}

// libstdc++'s __cxa_throw (declared in namespace __cxxabiv1, hence no INTERLEAVE_REAL).
using CxaThrow = void (*)(void*, std::type_info*, void (*)(void*));
CxaThrow RealCxaThrow() {
  static std::atomic<void*> cache{nullptr};
  return Next<CxaThrow>(cache, "__cxa_throw");
}

// "in function 'int main()'", or nothing.
std::string InFunction(const char* function) {
  if (function == nullptr || *function == '\0') return "";
  return std::string("in function '") + function + "'";
}

// Where glibc's assert says it failed: __FILE__ (a string literal: static storage) and line.
std::optional<SourceLine> AssertLine(const char* file, unsigned int line) {
  if (file == nullptr || line == 0) return std::nullopt;
  return SourceLine{file, static_cast<int>(line)};
}

}  // namespace

void ResolveRealCalls() {
  INTERLEAVE_REAL(nanosleep);
  INTERLEAVE_REAL(clock_nanosleep);
  INTERLEAVE_REAL(usleep);
  INTERLEAVE_REAL(sleep);
  INTERLEAVE_REAL(pthread_mutex_lock);
  INTERLEAVE_REAL(pthread_mutex_timedlock);
  INTERLEAVE_REAL(pthread_cond_wait);
  INTERLEAVE_REAL(pthread_cond_timedwait);
  INTERLEAVE_REAL(pthread_cond_clockwait);
  INTERLEAVE_REAL(pthread_join);
  INTERLEAVE_REAL(sem_wait);
  INTERLEAVE_REAL(sem_timedwait);
  INTERLEAVE_REAL(syscall);
  INTERLEAVE_REAL(poll);
  INTERLEAVE_REAL(ppoll);
  INTERLEAVE_REAL(select);
  INTERLEAVE_REAL(pselect);
  INTERLEAVE_REAL(epoll_wait);
  INTERLEAVE_REAL(read);
  INTERLEAVE_REAL(recv);
  INTERLEAVE_REAL(recvfrom);
  INTERLEAVE_REAL(recvmsg);
  INTERLEAVE_REAL(accept);
  INTERLEAVE_REAL(__assert_fail);
  INTERLEAVE_REAL(__assert_perror_fail);
  RealCxaThrow();
}

}  // namespace interleave::escapes

using interleave::escapes::AssertLine;
using interleave::escapes::CheckRead;
using interleave::escapes::Escape;
using interleave::escapes::InFunction;
using interleave::escapes::InScenario;
using interleave::escapes::Positive;
using interleave::escapes::RealCxaThrow;
using interleave::escapes::Seconds;

// The interposers: the same signatures as glibc's declarations (exception specifications
// included). None throws: an escape leaves the thread's fiber (Execution::LeaveThread), which
// no catch in the scenario and no noexcept caller can stop.
extern "C" {

// A failed assert() in scenario code: the thread fails (ASSERTION FAILED, with the
// interleaving) instead of the process. Elsewhere glibc's message and abort().
__attribute__((visibility("default"))) void __assert_fail(const char* assertion, const char* file,
                                                          unsigned int line,
                                                          const char* function) noexcept {
  if (InScenario()) {
    interleave::Execution::Running()->Fail(
        interleave::FailureKind::kAssertion,
        "assert(" + std::string(assertion != nullptr ? assertion : "?") + ") failed",
        AssertLine(file, line), InFunction(function));
  }
  INTERLEAVE_REAL(__assert_fail)(assertion, file, line, function);
  __builtin_unreachable();
}

// assert_perror(errnum) with a non-zero errnum in scenario code: the same.
__attribute__((visibility("default"))) void __assert_perror_fail(int errnum, const char* file,
                                                                 unsigned int line,
                                                                 const char* function) noexcept {
  if (InScenario()) {
    interleave::Execution::Running()->Fail(interleave::FailureKind::kAssertion,
                                           "assert_perror failed: unexpected error " +
                                               std::to_string(errnum) + " (" +
                                               std::strerror(errnum) + ")",
                                           AssertLine(file, line), InFunction(function));
  }
  INTERLEAVE_REAL(__assert_perror_fail)(errnum, file, line, function);
  __builtin_unreachable();
}

}  // extern "C"

// Every throw: in scenario code its backtrace is kept (Execution::NoteThrow), so that an
// exception that leaves a thread is reported at the line that threw it.
namespace __cxxabiv1 {
extern "C" __attribute__((visibility("default"))) void __cxa_throw(void* object,
                                                                   std::type_info* type,
                                                                   void (*destructor)(void*)) {
  if (InScenario()) interleave::Execution::Running()->NoteThrow(object);
#ifdef __SANITIZE_ADDRESS__
  // What ASan's own __cxa_throw interceptor does, which RTLD_NEXT skips when this definition
  // is in a shared library loaded after ASan's runtime: the frames the throw skips leave no
  // poisoned redzones behind.
  __asan_handle_no_return();
#endif
  RealCxaThrow()(object, type, destructor);
  __builtin_unreachable();
}
}  // namespace __cxxabiv1

extern "C" {

__attribute__((visibility("default"), weak)) int nanosleep(const timespec* request,
                                                           timespec* remaining) {
  if (InScenario() && Positive(request)) {
    Escape("a real sleep (nanosleep, std::this_thread::sleep_for) of " + Seconds(*request));
  }
  return INTERLEAVE_REAL(nanosleep)(request, remaining);
}

__attribute__((visibility("default"), weak)) int clock_nanosleep(clockid_t clock, int flags,
                                                                 const timespec* request,
                                                                 timespec* remaining) {
  if (InScenario() && Positive(request)) {
    bool blocks = true;
    if ((flags & TIMER_ABSTIME) != 0) {
      timespec now{};
      clock_gettime(clock, &now);
      blocks = request->tv_sec > now.tv_sec ||
               (request->tv_sec == now.tv_sec && request->tv_nsec > now.tv_nsec);
    }
    if (blocks) Escape("a real sleep (clock_nanosleep, std::this_thread::sleep_until)");
  }
  return INTERLEAVE_REAL(clock_nanosleep)(clock, flags, request, remaining);
}

__attribute__((visibility("default"), weak)) int usleep(useconds_t microseconds) {
  if (InScenario() && microseconds > 0) {
    Escape("a real sleep (usleep) of " + std::to_string(microseconds) + " us");
  }
  return INTERLEAVE_REAL(usleep)(microseconds);
}

__attribute__((visibility("default"), weak)) unsigned int sleep(unsigned int seconds) {
  if (InScenario() && seconds > 0) {
    Escape("a real sleep (sleep) of " + std::to_string(seconds) + " s");
  }
  return INTERLEAVE_REAL(sleep)(seconds);
}

__attribute__((visibility("default"), weak)) int pthread_mutex_lock(
    pthread_mutex_t* mutex) noexcept {
  if (InScenario()) [[unlikely]] {
    // A free mutex (or a recursive one this thread holds) is taken at once: harmless.
    // The next definition, not the global one: under a dynamically linked ThreadSanitizer the
    // global one is its interceptor, which would count this lock a second time.
    const int result = INTERLEAVE_REAL(pthread_mutex_trylock)(mutex);
    if (result != EBUSY) return result;
    Escape("a real mutex (pthread_mutex_lock, std::mutex) held by another thread");
  }
  return INTERLEAVE_REAL(pthread_mutex_lock)(mutex);
}

__attribute__((visibility("default"), weak)) int pthread_mutex_timedlock(
    pthread_mutex_t* mutex, const timespec* deadline) noexcept {
  if (InScenario()) {
    // The next definition, not the global one: under a dynamically linked ThreadSanitizer the
    // global one is its interceptor, which would count this lock a second time.
    const int result = INTERLEAVE_REAL(pthread_mutex_trylock)(mutex);
    if (result != EBUSY) return result;
    Escape("a real mutex (pthread_mutex_timedlock, std::timed_mutex) held by another thread");
  }
  return INTERLEAVE_REAL(pthread_mutex_timedlock)(mutex, deadline);
}

__attribute__((visibility("default"), weak)) int pthread_cond_wait(pthread_cond_t* condition,
                                                                   pthread_mutex_t* mutex) {
  if (InScenario()) Escape("a real condition variable wait (pthread_cond_wait)");
  return INTERLEAVE_REAL(pthread_cond_wait)(condition, mutex);
}

__attribute__((visibility("default"), weak)) int pthread_cond_timedwait(pthread_cond_t* condition,
                                                                        pthread_mutex_t* mutex,
                                                                        const timespec* deadline) {
  if (InScenario()) Escape("a real condition variable wait (pthread_cond_timedwait)");
  return INTERLEAVE_REAL(pthread_cond_timedwait)(condition, mutex, deadline);
}

__attribute__((visibility("default"), weak)) int pthread_cond_clockwait(pthread_cond_t* condition,
                                                                        pthread_mutex_t* mutex,
                                                                        clockid_t clock,
                                                                        const timespec* deadline) {
  if (InScenario()) {
    Escape(
        "a real condition variable wait (pthread_cond_clockwait, "
        "std::condition_variable::wait_for)");
  }
  return INTERLEAVE_REAL(pthread_cond_clockwait)(condition, mutex, clock, deadline);
}

__attribute__((visibility("default"), weak)) int pthread_join(pthread_t thread, void** result) {
  if (InScenario()) {
    // A real thread that has ended is joined at once: harmless.
    const int joined = pthread_tryjoin_np(thread, result);
    if (joined != EBUSY) return joined;
    Escape("a join of a real thread that is still running (pthread_join, std::thread::join)");
  }
  return INTERLEAVE_REAL(pthread_join)(thread, result);
}

__attribute__((visibility("default"), weak)) int sem_wait(sem_t* semaphore) {
  if (InScenario()) {
    if (sem_trywait(semaphore) == 0) return 0;
    if (errno == EAGAIN) Escape("a real semaphore wait (sem_wait) on a semaphore at zero");
  }
  return INTERLEAVE_REAL(sem_wait)(semaphore);
}

__attribute__((visibility("default"), weak)) int sem_timedwait(sem_t* semaphore,
                                                               const timespec* deadline) {
  if (InScenario()) {
    if (sem_trywait(semaphore) == 0) return 0;
    if (errno == EAGAIN) Escape("a real semaphore wait (sem_timedwait) on a semaphore at zero");
  }
  return INTERLEAVE_REAL(sem_timedwait)(semaphore, deadline);
}

// std::atomic<T>::wait, std::latch, std::counting_semaphore, ... wait on a futex this way.
// Weak: the instrumented runtime (instrumented/entry_points.cc) models futexes instead.
__attribute__((visibility("default"), weak)) long syscall(long number, ...) noexcept {
  va_list args;
  va_start(args, number);
  long a[6];
  for (long& arg : a) arg = va_arg(args, long);
  va_end(args);
  if (number == SYS_futex && InScenario()) {
    const int op = static_cast<int>(a[1]) & FUTEX_CMD_MASK;
    if (op == FUTEX_WAIT || op == FUTEX_WAIT_BITSET) {
      const auto* word = reinterpret_cast<const uint32_t*>(a[0]);
      const auto* timeout = reinterpret_cast<const timespec*>(a[3]);
      // A changed word returns at once (EAGAIN); so does a zero relative timeout.
      const bool zero_timeout = op == FUTEX_WAIT && timeout != nullptr && !Positive(timeout);
      if (__atomic_load_n(word, __ATOMIC_SEQ_CST) == static_cast<uint32_t>(a[2]) && !zero_timeout) {
        Escape("a real futex wait (std::atomic::wait, std::latch, std::counting_semaphore)");
      }
    }
  }
  return INTERLEAVE_REAL(syscall)(number, a[0], a[1], a[2], a[3], a[4], a[5]);
}

__attribute__((visibility("default"))) int poll(pollfd* fds, nfds_t count, int timeout) {
  if (InScenario() && timeout != 0) {
    const int ready = INTERLEAVE_REAL(poll)(fds, count, 0);
    if (ready != 0) return ready;
    Escape("poll with a timeout on file descriptors none of which is ready");
  }
  return INTERLEAVE_REAL(poll)(fds, count, timeout);
}

__attribute__((visibility("default"))) int ppoll(pollfd* fds, nfds_t count, const timespec* timeout,
                                                 const sigset_t* mask) {
  if (InScenario() && (timeout == nullptr || Positive(timeout))) {
    const timespec zero{};
    const int ready = INTERLEAVE_REAL(ppoll)(fds, count, &zero, mask);
    if (ready != 0) return ready;
    Escape("ppoll with a timeout on file descriptors none of which is ready");
  }
  return INTERLEAVE_REAL(ppoll)(fds, count, timeout, mask);
}

__attribute__((visibility("default"))) int select(int count, fd_set* read_fds, fd_set* write_fds,
                                                  fd_set* except_fds, timeval* timeout) {
  if (InScenario() && (timeout == nullptr || timeout->tv_sec > 0 || timeout->tv_usec > 0)) {
    fd_set r = read_fds != nullptr ? *read_fds : fd_set{};
    fd_set w = write_fds != nullptr ? *write_fds : fd_set{};
    fd_set e = except_fds != nullptr ? *except_fds : fd_set{};
    timeval zero{};
    const int ready = INTERLEAVE_REAL(select)(count, read_fds != nullptr ? &r : nullptr,
                                              write_fds != nullptr ? &w : nullptr,
                                              except_fds != nullptr ? &e : nullptr, &zero);
    if (ready != 0) {
      if (read_fds != nullptr) *read_fds = r;
      if (write_fds != nullptr) *write_fds = w;
      if (except_fds != nullptr) *except_fds = e;
      return ready;
    }
    Escape("select with a timeout on file descriptors none of which is ready");
  }
  return INTERLEAVE_REAL(select)(count, read_fds, write_fds, except_fds, timeout);
}

__attribute__((visibility("default"))) int pselect(int count, fd_set* read_fds, fd_set* write_fds,
                                                   fd_set* except_fds, const timespec* timeout,
                                                   const sigset_t* mask) {
  if (InScenario() && (timeout == nullptr || Positive(timeout))) {
    fd_set r = read_fds != nullptr ? *read_fds : fd_set{};
    fd_set w = write_fds != nullptr ? *write_fds : fd_set{};
    fd_set e = except_fds != nullptr ? *except_fds : fd_set{};
    const timespec zero{};
    const int ready = INTERLEAVE_REAL(pselect)(count, read_fds != nullptr ? &r : nullptr,
                                               write_fds != nullptr ? &w : nullptr,
                                               except_fds != nullptr ? &e : nullptr, &zero, mask);
    if (ready != 0) {
      if (read_fds != nullptr) *read_fds = r;
      if (write_fds != nullptr) *write_fds = w;
      if (except_fds != nullptr) *except_fds = e;
      return ready;
    }
    Escape("pselect with a timeout on file descriptors none of which is ready");
  }
  return INTERLEAVE_REAL(pselect)(count, read_fds, write_fds, except_fds, timeout, mask);
}

__attribute__((visibility("default"))) int epoll_wait(int epoll, epoll_event* events, int count,
                                                      int timeout) {
  if (InScenario() && timeout != 0) {
    const int ready = INTERLEAVE_REAL(epoll_wait)(epoll, events, count, 0);
    if (ready != 0) return ready;
    Escape("epoll_wait with a timeout on an epoll set none of whose descriptors is ready");
  }
  return INTERLEAVE_REAL(epoll_wait)(epoll, events, count, timeout);
}

__attribute__((visibility("default"))) ssize_t read(int fd, void* buffer, size_t size) {
  if (InScenario() && size > 0) CheckRead(fd, "read");
  return INTERLEAVE_REAL(read)(fd, buffer, size);
}

__attribute__((visibility("default"))) ssize_t recv(int fd, void* buffer, size_t size, int flags) {
  if (InScenario() && (flags & MSG_DONTWAIT) == 0) CheckRead(fd, "recv");
  return INTERLEAVE_REAL(recv)(fd, buffer, size, flags);
}

__attribute__((visibility("default"))) ssize_t recvfrom(int fd, void* buffer, size_t size,
                                                        int flags, sockaddr* from,
                                                        socklen_t* from_size) {
  if (InScenario() && (flags & MSG_DONTWAIT) == 0) CheckRead(fd, "recvfrom");
  return INTERLEAVE_REAL(recvfrom)(fd, buffer, size, flags, from, from_size);
}

__attribute__((visibility("default"))) ssize_t recvmsg(int fd, msghdr* message, int flags) {
  if (InScenario() && (flags & MSG_DONTWAIT) == 0) CheckRead(fd, "recvmsg");
  return INTERLEAVE_REAL(recvmsg)(fd, message, flags);
}

__attribute__((visibility("default"))) int accept(int fd, sockaddr* address,
                                                  socklen_t* address_size) {
  if (InScenario()) CheckRead(fd, "accept");
  return INTERLEAVE_REAL(accept)(fd, address, address_size);
}

}  // extern "C"
