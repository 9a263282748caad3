// Seed 001 ("Python threads 101"), sections "Basic Threading" (001.a), "From `print` to
// `logging.info`" (001.b), "What if I don't join?" (001.c), "Many threads are better than one"
// (001.d), "Sequential counting" and "Threaded counting" (001.e); SCENARIOS.md.
//
// - 001.a / 001.b (seed): main starts one thread that logs, sleeps 2 s and logs again, and joins
//   it. PASS in both modes. Outcome: whether the thread's "starting" line comes before main's
//   "thread has started" line (both orders in `any`; in `virtual` too, since both happen at time
//   0). "finishing" is always before main's last line (expect).
// - 001.c (seed): the same without the join. The thread is not a daemon, so the program waits
//   for it at exit: PASS. Outcome: which of "Main    : all done" and "Thread 1: finishing" comes
//   first: both in `any`; in `virtual` "all done" (time 0) always precedes "finishing" (time 2).
// - 001.d (seed): 4 threads, every one joined. PASS; every "finishing" precedes "all done".
// - 001.e: "Threaded counting" has `threads.append(x)` outside the loop, so only the last thread
//   is joined. bug: UNJOINED THREAD: "Main    : all done" is logged while up to 3 counting
//   threads still run (outcome: how many "finishing" lines came before it; in `virtual` too,
//   as nothing sleeps). The fix appends inside the loop: PASS, all 4 finished before "all done".
//   "Sequential counting" (the single-thread baseline) is a seed variant of the same id: PASS.
// The counting loops only touch a thread-local count, which has no visible operation; the count
// is a parameter anyway (seed: 160 000 000 and 4 x 40 000 000).
#include <deque>
#include <string>
#include <vector>

#include "model/model.h"
#include "scenarios/registry.h"

namespace interleave::scenarios {
namespace {

// The lines logged so far, in the order this execution ran them, to declare outcomes about
// that order. log() lines have no object, so the checker treats two threads' lines as
// commuting and explores one order of them; a line whose order is an outcome is written with
// mark(), which also takes the next position on the console (an Atomic, as logging's handler
// lock serialises the stream), so that the checker explores every order of marked lines.
// Plain code between two visible operations runs atomically, so appending right after the
// console step keeps the execution's order. Outcomes only compare marked lines, or lines
// ordered by join.
class Transcript {
 public:
  void info(const std::string& line, std::source_location where = std::source_location::current()) {
    log(line, where);  // At the caller's line, which seed_lines.txt maps to the seed's line.
    lines_.push_back(line);
  }
  void mark(const std::string& line, std::source_location where = std::source_location::current()) {
    log(line, where);
    console_.fetch_add(1, std::memory_order_seq_cst, where);
    lines_.push_back(line);
  }
  // The position of the first `line`, or -1.
  int position(const std::string& line) const {
    for (size_t i = 0; i < lines_.size(); ++i) {
      if (lines_[i] == line) return static_cast<int>(i);
    }
    return -1;
  }
  // How many lines logged before `line` start with `prefix` and end with `suffix`.
  int count_before(const std::string& line, const std::string& prefix,
                   const std::string& suffix) const {
    int count = 0;
    for (const std::string& logged : lines_) {
      if (logged == line) break;
      if (logged.starts_with(prefix) && logged.ends_with(suffix)) ++count;
    }
    return count;
  }

 private:
  Atomic<int> console_{"console", 0};
  std::vector<std::string> lines_;
};

// "Basic Threading": print.
void BasicThreading(const ScenarioParams&) {
  Transcript out;
  auto thread_function = [&out](int name) {
    out.mark("Thread " + std::to_string(name) + " starting");
    sleep(2);
    out.info("Thread " + std::to_string(name) + " finishing");
  };

  out.info("Main: Before starting thread");
  Thread x([&] { thread_function(1); });
  x.start();
  out.mark("Main: Thread has started");
  x.join();
  out.info("Main: Thread is finished");

  outcome("thread starting before main's 'has started'",
          out.position("Thread 1 starting") < out.position("Main: Thread has started"));
  expect(out.position("Thread 1 finishing") < out.position("Main: Thread is finished"),
         "the thread finishes before 'Thread is finished'");
}

// "From print to logging.info": the same program with logging.
void BasicThreadingLogging(const ScenarioParams&) {
  Transcript out;
  auto thread_function = [&out](int name) {
    out.mark("Thread " + std::to_string(name) + ": starting");
    sleep(2);
    out.info("Thread " + std::to_string(name) + ": finishing");
  };

  out.info("Main    : before creating thread");
  Thread x([&] { thread_function(1); });
  out.info("Main    : before running thread");
  x.start();
  out.mark("Main    : wait for the thread to finish");
  x.join();
  out.info("Main    : all done");

  outcome(
      "thread starting before main's 'wait'",
      out.position("Thread 1: starting") < out.position("Main    : wait for the thread to finish"));
  expect(out.position("Thread 1: finishing") < out.position("Main    : all done"),
         "the thread finishes before 'all done'");
}

// "What if I don't join?": x is a non-daemon thread; the program waits for it at exit (x going
// out of scope), so its "finishing" is logged in every interleaving, before or after main's
// "all done".
void NoJoin(const ScenarioParams&) {
  Transcript out;
  auto thread_function = [&out](int name) {
    out.info("Thread " + std::to_string(name) + ": starting");
    sleep(2);
    out.mark("Thread " + std::to_string(name) + ": finishing");
  };

  out.info("Main    : before creating thread");
  {
    Thread x([&] { thread_function(1); });
    out.info("Main    : before running thread");
    x.start();
    // logging.info("Main    : wait for the thread to finish")
    // x.join()
    out.mark("Main    : all done");
  }  // Program exit: the interpreter waits for the non-daemon thread x.

  outcome("first", out.position("Main    : all done") < out.position("Thread 1: finishing")
                       ? "Main    : all done"
                       : "Thread 1: finishing");
  expect(out.position("Thread 1: finishing") >= 0, "the non-daemon thread finishes");
}

// "Many threads are better than one".
void ManyThreads(const ScenarioParams& p) {
  const int thread_count = p["threads"];
  Transcript out;
  auto thread_function = [&out](int name) {
    out.info("Thread " + std::to_string(name) + ": starting");
    sleep(2);
    out.info("Thread " + std::to_string(name) + ": finishing");
  };

  out.info("Main    : before creating threads");
  std::deque<Thread> threads;  // A deque: Thread is not copyable and must not move once started.
  for (int index = 0; index < thread_count; ++index) {
    Thread& x = threads.emplace_back([&thread_function, index] { thread_function(index); });
    out.info("Main    : before running thread");
    x.start();
  }
  for (Thread& thread : threads) {
    out.info("Main    : wait for the thread to finish");
    thread.join();
  }
  out.info("Main    : all done");

  const int finished = out.count_before("Main    : all done", "Thread ", ": finishing");
  outcome("threads finished before 'all done'", finished);
  expect(finished == thread_count, "every thread finishes before 'all done'");
}

// "Sequential counting": one function call on the main thread.
void SequentialCounting(const ScenarioParams& p) {
  const int count_to = p["count_to"];
  Transcript out;
  auto thread_function_count_to = [&out](int name, int count_to) {
    out.info("Thread " + std::to_string(name) + ": starting");
    int count = 0;
    for (int i = 0; i < count_to; ++i) count += 1;
    out.info("Thread " + std::to_string(name) + ": finishing");
    return count;
  };

  out.info("Main    : before counting");
  const int count = thread_function_count_to(1, count_to);
  out.info("Main    : all done");
  outcome("count", count);
}

// "Threaded counting". `append_inside_loop` false is the seed: `threads.append(x)` is indented
// one level too little, so only the last x is joined.
template <bool append_inside_loop>
void ThreadedCounting(const ScenarioParams& p) {
  const int thread_count = p["threads"];
  const int count_to = p["count_to"];
  Transcript out;
  auto thread_function_count_to = [&out](int name, int count_to) {
    out.info("Thread " + std::to_string(name) + ": starting");
    int count = 0;
    for (int i = 0; i < count_to; ++i) count += 1;
    out.mark("Thread " + std::to_string(name) + ": finishing");
  };

  out.info("Main    : before creating threads");
  // Python keeps every started thread alive whatever names it; `created` is that, and `x`
  // names only the last one, as the loop variable does.
  std::deque<Thread> created;
  std::vector<Thread*> threads;
  Thread* x = nullptr;
  for (int index = 0; index < thread_count; ++index) {
    x = &created.emplace_back([&thread_function_count_to, index, count_to] {
      thread_function_count_to(index, count_to);
    });
    out.info("Main    : before running thread");
    x->start();
    if (append_inside_loop) threads.push_back(x);
  }
  if (!append_inside_loop) threads.push_back(x);
  for (Thread* thread : threads) {
    out.info("Main    : wait for the thread to finish");
    thread->join();
  }
  out.mark("Main    : all done");

  const int finished = out.count_before("Main    : all done", "Thread ", ": finishing");
  outcome("threads finished before 'all done'", finished);
  if (append_inside_loop) {
    expect(finished == thread_count, "every counting thread finishes before 'all done'");
  }
  // Program exit: the interpreter waits for the non-daemon threads nobody joined. Done here
  // rather than in ~deque, whose destructor is noexcept and cannot pass the execution's
  // unwinding through a waiting ~Thread.
  for (Thread& thread : created) thread.wait_at_exit();
}

INTERLEAVE_SCENARIO({
    .name = "basic_threading",
    .id = "001.a",
    .variant = "seed",
    .seed = "001 \"Basic Threading\"",
    .description = "one thread started and joined; print",
    .params = {},
    .expected = {Verdict::kPass, {}},
    .body = BasicThreading,
});

INTERLEAVE_SCENARIO({
    .name = "basic_threading_logging",
    .id = "001.b",
    .variant = "seed",
    .seed = "001 \"From `print` to `logging.info`\"",
    .description = "one thread started and joined; logging",
    .params = {},
    .expected = {Verdict::kPass, {}},
    .body = BasicThreadingLogging,
});

INTERLEAVE_SCENARIO({
    .name = "thread_no_join",
    .id = "001.c",
    .variant = "seed",
    .seed = "001 \"What if I don't join?\"",
    .description = "a non-daemon thread never joined; the program waits for it at exit",
    .params = {},
    .expected = {Verdict::kPass, {}},
    .body = NoJoin,
});

INTERLEAVE_SCENARIO({
    .name = "many_threads_joined",
    .id = "001.d",
    .variant = "seed",
    .seed = "001 \"Many threads are better than one\"",
    .description = "4 threads started, each joined",
    .params = {{"threads", 4, "threads started (seed: 4)", 1, 60}},
    .expected = {Verdict::kPass, {}},
    .body = ManyThreads,
});

INTERLEAVE_SCENARIO({
    .name = "sequential_counting",
    .id = "001.e",
    .variant = "seed",
    .seed = "001 \"Sequential counting\"",
    .description = "the counting baseline on the main thread alone",
    .params = {{"count_to", 4, "count (seed: 160 000 000)", 0, 200'000'000}},
    .expected = {Verdict::kPass, {}},
    .body = SequentialCounting,
});

INTERLEAVE_SCENARIO({
    .name = "threaded_counting_unjoined",
    .id = "001.e",
    .variant = "bug",
    .seed = "001 \"Threaded counting\"",
    .description = "threads.append(x) outside the loop: only the last counting thread is joined",
    .params = {{"threads", 4, "counting threads (seed: 4)", 1, 60},
               {"count_to", 2, "count per thread (seed: 40 000 000)", 0, 10'000'000}},
    .expected = {Verdict::kBug, {FindingKind::kUnjoinedThread}},
    .body = ThreadedCounting<false>,
});

INTERLEAVE_SCENARIO({
    .name = "threaded_counting",
    .id = "001.e",
    .variant = "fix",
    .seed = "001 \"Threaded counting\"",
    .description = "threads.append(x) inside the loop: every counting thread is joined",
    .params = {{"threads", 4, "counting threads (seed: 4)", 1, 60},
               {"count_to", 2, "count per thread (seed: 40 000 000)", 0, 10'000'000}},
    .expected = {Verdict::kPass, {}},
    .body = ThreadedCounting<true>,
});

}  // namespace
}  // namespace interleave::scenarios
