// The native backend's ThreadPoolExecutor and Future (native/model/executor.h).
#include "model/executor.h"

#include <string>
#include <utility>

#include "model/text.h"

namespace interleave {

namespace internal {

FutureCore::~FutureCore() {
  // Quiet: whoever drops the last reference need not have observed the task (nobody read
  // it), so reading its exception here is bookkeeping, not the scenario's access.
  native::Quiet quiet;
  if (exception && !retrieved) {
    native::RecordError("SWALLOWED EXCEPTION: the " + name + " raised \"" +
                        ExceptionText(exception) + "\" and nobody read it");
  }
  exception = nullptr;  // Freed here, Quiet, not by the member's destructor after.
}

void FutureCore::Await() {
  native::CheckTerminated();
  {
    native::Quiet quiet;
    std::unique_lock lock(mu);
    native::WaitUntil(lock, finished, [this] { return done; });
    retrieved = true;
  }
  native::Observe(this);  // As the model: result() sees the task's history.
}

bool FutureCore::Poll() {
  native::CheckTerminated();
  bool finished_now = false;
  {
    native::Quiet quiet;
    std::lock_guard lock(mu);
    finished_now = done;
  }
  if (finished_now) native::Observe(this);  // As the model: done() true sees the task.
  return finished_now;
}

void FutureCore::Finish(std::exception_ptr raised) {
  native::Publish(this);  // The task's history, for result(), exception() and done().
  native::Quiet quiet;
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
    throw ModelError("ThreadPoolExecutor at " + LineText(where) +
                     ": max_workers must be greater than 0 (Python raises ValueError)");
  }
}

ThreadPoolExecutor::~ThreadPoolExecutor() noexcept(false) { shutdown(true); }

// The executor's happens-before edges are the model's: a submit (and shutdown) publishes on
// the executor, a worker observes it each time it takes a task (or the shutdown), and a task's
// end publishes on its future. A worker going idle publishes nothing, so the submit that finds
// it idle does not observe it (CPython's idle semaphore would; the model has no such edge).
void ThreadPoolExecutor::Enqueue(std::shared_ptr<internal::FutureCore> future,
                                 std::function<void()> run, const std::source_location& where) {
  native::CheckTerminated();
  native::Publish(this);
  std::unique_lock lock(mu_, std::defer_lock);
  bool start_worker = false;
  {
    native::Quiet quiet;
    future->name = "future of the task submitted at " + LineText(where);
    lock.lock();
    if (shutdown_) {
      lock.unlock();
      throw ModelError("submit at " + LineText(where) + " after shutdown of " + name_ +
                       " (Python raises RuntimeError)");
    }
    tasks_.push_back({std::move(future), std::move(run)});
    // CPython's _adjust_thread_count: an idle worker takes the task, else a new one starts.
    if (idle_ > 0) {
      --idle_;
    } else if (static_cast<int>(workers_.size()) < max_workers_) {
      const std::string worker = name_ + "_" + std::to_string(static_cast<int>(workers_.size()));
      workers_.emplace_back([this] { Work(); }, worker);
      start_worker = true;
    }
  }
  // Outside the Quiet section (the lock still held): the start edge, as the model's.
  if (start_worker) workers_.back().start();
  native::Quiet quiet;
  lock.unlock();
  changed_.notify_all();
}

void ThreadPoolExecutor::Work() {
  while (true) {
    Task task;
    {
      native::Quiet quiet;
      std::unique_lock lock(mu_);
      native::WaitUntil(lock, changed_, [this] { return !tasks_.empty() || shutdown_; });
      if (!tasks_.empty()) {
        task = std::move(tasks_.front());
        tasks_.pop_front();
      }
    }
    native::Observe(this);               // The model's get: it sees the submits and the shutdown.
    if (task.future == nullptr) return;  // Shut down and nothing left.
    std::exception_ptr raised;
    try {
      task.run();
    } catch (const native::Terminated&) {
      throw;
    } catch (...) {
      raised = std::current_exception();
    }
    task.future->Finish(std::move(raised));
    native::Quiet quiet;
    task = {};  // The future's reference count is bookkeeping (see StartThread).
    std::lock_guard lock(mu_);
    ++idle_;
  }
}

void ThreadPoolExecutor::shutdown(bool wait, std::source_location) {
  native::Publish(this);
  {
    native::Quiet quiet;
    std::lock_guard lock(mu_);
    shutdown_ = true;
    changed_.notify_all();
  }
  if (!wait) return;
  for (Thread& worker : workers_) worker.join();  // Each join is an edge, as in the model.
}

}  // namespace interleave
