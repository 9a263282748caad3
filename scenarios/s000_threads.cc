// Seed 000 (seeds/000_be73cdff864dbde8.txt, "Python Thread"), sections "Starting a Thread" (000.a),
// "Daemon Thread" (000.b), "Working with many threads" (000.c) and "Using a ThreadPoolExecutor"
// (000.d); SCENARIOS.md, "Timing and lifetime" and "Programs without a defect".
//
// Every program runs the seed's thread_function: log "starting", sleep 2 s, log "finishing".
//
// 000.a starting_a_thread (seed): a non-daemon thread is started and never joined (the seed
//   comments `x.join()` out). The program still waits for it at exit, so nothing is cut off:
//   PASS in both modes. Outcome "last log": in `any` both orders of "Main    : all done" and
//   "Thread 1: finishing" occur; in `virtual` main logs at 0 s and the thread finishes at 2 s,
//   so "Thread 1: finishing" is always last.
// 000.b daemon_thread (bug): the same thread as a daemon. Main ends without waiting and the
//   daemon is killed at exit: DAEMON CUT OFF (a warning). `any`: in the interleavings where the
//   daemon has not logged "finishing" before main ends; `virtual`: in every one (main ends at
//   0 s, the daemon would finish at 2 s). daemon_thread_joined (fix): the commented-out
//   `x.join()` restored; PASS, "finishing" always before "all done". (dpor does not yet treat
//   the kill at exit as racing with the daemon's steps, so in `any` its outcome set of
//   daemon_thread shows only "Main    : all done" last; dfs also finds "Thread 1: finishing".)
// 000.c working_with_many_threads (seed): `threads` threads (seed: 3) started, then joined in
//   order. PASS; outcome "last to finish": which thread logged "finishing" last (any one in
//   `any`; in `virtual` they all finish at 2 s, a tie, so any one too).
// 000.d thread_pool_executor_map (seed): executor.map(thread_function, range(threads)) with
//   max_workers=threads (seed: 3); leaving the `with` block waits for every task. PASS;
//   outcome "last to finish" as in 000.c; "Main    : all done" always comes last (outcome
//   "last log").
#include <string>
#include <type_traits>
#include <vector>

#include "model/model.h"
#include "scenarios/registry.h"

namespace interleave::scenarios {
namespace {

// The seed's thread_function.
void thread_function(int name) {
  log("Thread " + std::to_string(name) + ": starting");
  sleep(2);
  log("Thread " + std::to_string(name) + ": finishing");
}

// Outcomes about who logged last. A log is a step on no object, independent of every other
// step, so dpor explores one order of two threads' logs and an outcome read off that order
// would be arbitrary. Python's logging writes every record, under its handler's lock, to one
// stream; the scenarios that declare such an outcome model that stream's last line as an
// Atomic (no data race, one write per record) and declare the outcome within the write's
// step: the writes are dependent, so every order of them is explored, and the value left is
// the last writer's (a later outcome() of the same name replaces an earlier one).
struct LastLine {
  template <typename T>
  void write(const std::string& name, const T& v, SourceLine at = std::source_location::current()) {
    // At the caller's line; a line itself unquoted: ToText would add quotes that the store's own
    // ToText doubles in the trace (`write stream := ""Main    : all done""`).
    if constexpr (std::is_convertible_v<const T&, std::string>) {
      line.store(std::string(v), std::memory_order_seq_cst, at);
    } else {
      line.store(ToText(v), std::memory_order_seq_cst, at);
    }
    outcome(name, v);
  }
  Atomic<std::string> line{"stream"};
};

// "Starting a Thread" and "Daemon Thread": the same main, with or without daemon=True, and
// with the seed's commented-out x.join() restored for the daemon's fix.
void StartOneThread(bool daemon, bool join) {
  LastLine stream;
  log("Main    : before creating thread");
  Thread x(
      [&stream] {
        thread_function(1);
        stream.write("last log", std::string("Thread 1: finishing"));
      },
      "Thread-1", daemon);
  log("Main    : before running thread");
  x.start();
  log("Main    : wait for the thread to finish");
  if (join) x.join();
  log("Main    : all done");
  stream.write("last log", std::string("Main    : all done"));
}  // Program exit: a non-daemon x is waited for, a daemon x is killed where it stands.

INTERLEAVE_SCENARIO({
    .name = "starting_a_thread",
    .id = "000.a",
    .variant = "seed",
    .seed = "000 \"Starting a Thread\"",
    .description = "a non-daemon thread never joined: the program waits for it at exit",
    .expected = {Verdict::kPass, {}},
    .body = [](const ScenarioParams&) { StartOneThread(/*daemon=*/false, /*join=*/false); },
});

INTERLEAVE_SCENARIO({
    .name = "daemon_thread",
    .id = "000.b",
    .variant = "bug",
    .seed = "000 \"Daemon Thread\"",
    .description = "a daemon thread never joined: killed at exit before it logs finishing",
    .expected = {Verdict::kWarning, {FindingKind::kDaemonCutOff}},
    .body = [](const ScenarioParams&) { StartOneThread(/*daemon=*/true, /*join=*/false); },
});

INTERLEAVE_SCENARIO({
    .name = "daemon_thread_joined",
    .id = "000.b",
    .variant = "fix",
    .seed = "000 \"Daemon Thread\"",
    .description = "the daemon thread joined (the seed's commented-out x.join())",
    .expected = {Verdict::kPass, {}},
    .body = [](const ScenarioParams&) { StartOneThread(/*daemon=*/true, /*join=*/true); },
});

INTERLEAVE_SCENARIO({
    .name = "working_with_many_threads",
    .id = "000.c",
    .variant = "seed",
    .seed = "000 \"Working with many threads\"",
    .description = "several threads started, then joined in order",
    .params = {{"threads", 3, "threads started and joined (seed: 3)", 1, 60}},
    .expected = {Verdict::kPass, {}},
    .body =
        [](const ScenarioParams& p) {
          LastLine stream;
          std::vector<Thread> threads;  // threads = list()
          threads.reserve(p["threads"]);
          for (int index = 0; index < p["threads"]; ++index) {
            log("Main    : create and start thread " + std::to_string(index) + ".");
            threads.emplace_back(
                [index, &stream] {
                  thread_function(index);
                  stream.write("last to finish", index);
                },
                "Thread-" + std::to_string(index + 1));
            threads.back().start();
          }
          for (int index = 0; index < p["threads"]; ++index) {
            log("Main    : before joining thread " + std::to_string(index) + ".");
            threads[index].join();
            log("Main    : thread " + std::to_string(index) + " done");
          }
        },
});

INTERLEAVE_SCENARIO({
    .name = "thread_pool_executor_map",
    .id = "000.d",
    .variant = "seed",
    .seed = "000 \"Using a ThreadPoolExecutor\"",
    .description = "executor.map runs thread_function on a pool; the with block waits for all",
    .params = {{"threads", 3, "max_workers and tasks, range(threads) (seed: 3)", 1, 60}},
    .expected = {Verdict::kPass, {}},
    .body =
        [](const ScenarioParams& p) {
          LastLine stream;
          log("Main    : before creating thread");
          {
            ThreadPoolExecutor executor(p["threads"]);  // with ...(max_workers=3) as executor:
            std::vector<int> names;                     // range(3)
            for (int name = 0; name < p["threads"]; ++name) names.push_back(name);
            executor.map(
                [&stream](int name) {
                  thread_function(name);
                  stream.write("last to finish", name);
                },
                names);
          }  // Leaving the `with` block: executor.shutdown(wait=True).
          log("Main    : all done");
          stream.write("last log", std::string("Main    : all done"));
        },
});

}  // namespace
}  // namespace interleave::scenarios
