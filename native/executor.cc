// The native backend's ThreadPoolExecutor and Future (native/model/executor.h).
#include "model/executor.h"

#include <string>
#include <utility>

namespace interleave {

std::string ExceptionText(const std::exception_ptr& exception) {
  if (!exception) return "";
  try {
    std::rethrow_exception(exception);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "an exception that is not a std::exception";
  }
}

namespace internal {

FutureCore::~FutureCore() {
  if (exception && !retrieved) {
    native::RecordError("SWALLOWED EXCEPTION: the " + name + " raised \"" +
                        ExceptionText(exception) + "\" and nobody read it");
  }
}

void FutureCore::Await() {
  native::CheckTerminated();
  std::unique_lock lock(mu);
  native::WaitUntil(lock, finished, [this] { return done; });
  retrieved = true;
}

bool FutureCore::Poll() {
  native::CheckTerminated();
  std::lock_guard lock(mu);
  return done;
}

void FutureCore::Finish(std::exception_ptr raised) {
  {
    std::lock_guard lock(mu);
    exception = std::move(raised);
    done = true;
  }
  finished.notify_all();
}

}  // namespace internal

ThreadPoolExecutor::ThreadPoolExecutor(int max_workers, std::source_location where)
    : max_workers_(max_workers),
      name_("ThreadPoolExecutor-" + std::to_string(native::NextNumber("ThreadPoolExecutor-"))) {
  if (max_workers < 1) {
    throw ModelError("ThreadPoolExecutor at " + native::Where(where) +
                     ": max_workers must be greater than 0 (Python raises ValueError)");
  }
}

ThreadPoolExecutor::~ThreadPoolExecutor() noexcept(false) { shutdown(true); }

void ThreadPoolExecutor::Enqueue(std::shared_ptr<internal::FutureCore> future,
                                 std::function<void()> run, const std::source_location& where) {
  native::CheckTerminated();
  future->name = "future of the task submitted at " + native::Where(where);
  std::unique_lock lock(mu_);
  if (shutdown_) {
    throw ModelError("submit at " + native::Where(where) + " after shutdown of " + name_ +
                     " (Python raises RuntimeError)");
  }
  tasks_.push_back({std::move(future), std::move(run)});
  // CPython's _adjust_thread_count: an idle worker takes the task, else a new one starts.
  if (idle_ > 0) {
    --idle_;
  } else if (static_cast<int>(workers_.size()) < max_workers_) {
    const std::string worker = name_ + "_" + std::to_string(static_cast<int>(workers_.size()));
    workers_.emplace_back([this] { Work(); }, worker);
    workers_.back().start();
  }
  lock.unlock();
  changed_.notify_all();
}

void ThreadPoolExecutor::Work() {
  std::unique_lock lock(mu_);
  while (true) {
    native::WaitUntil(lock, changed_, [this] { return !tasks_.empty() || shutdown_; });
    if (tasks_.empty()) return;  // Shut down and nothing left.
    Task task = std::move(tasks_.front());
    tasks_.pop_front();
    lock.unlock();
    std::exception_ptr raised;
    try {
      task.run();
    } catch (const native::Terminated&) {
      throw;
    } catch (...) {
      raised = std::current_exception();
    }
    task.future->Finish(std::move(raised));
    task = {};
    lock.lock();
    ++idle_;
  }
}

void ThreadPoolExecutor::shutdown(bool wait, std::source_location) {
  {
    std::lock_guard lock(mu_);
    shutdown_ = true;
  }
  changed_.notify_all();
  if (!wait) return;
  for (Thread& worker : workers_) worker.join();
}

}  // namespace interleave
