// Seed 004, "Pooling between processes" (004.m) and "Thread Objects" (004.n); SCENARIOS.md,
// programs without a defect.
//
// 004.m (s004_pool_map_squares): square(n) prints which worker process computes n and returns
// n*n; main maps it over mylist with multiprocessing.Pool() and prints the result list. The pool
// becomes a ThreadPoolExecutor (a process shares nothing here: square only reads its argument)
// whose workers are named for Python's pids; Pool.map, like the executor's map, returns the
// results in the order of the list whichever worker computed them. PASS in both time modes:
// the result is [1, 4, 9, ...] in every interleaving; the outcomes show which worker computed
// which number (the seed's run split the list between pids 1911 and 1912).
//
// 004.n (s004_square_cube_threads): t1 prints the square and t2 the cube of 10; main starts
// both, prints "main thread idle", joins both and prints "Done!". PASS in both modes; "Done!"
// comes after both results in every interleaving (the joins), which main checks.
//
// Scaled down: `numbers` in mylist (seed: 1..10) and `processes` in the pool (seed: Pool() with
// no argument, one per CPU; the seed's machine had 2).
#include <map>
#include <string>
#include <vector>

#include "model/model.h"
#include "scenarios/registry.h"

namespace interleave::scenarios {
namespace {

std::string ListText(const std::vector<int>& list) {
  std::string text = "[";
  for (std::size_t i = 0; i < list.size(); ++i) {
    text += (i > 0 ? ", " : "") + std::to_string(list[i]);
  }
  return text + "]";
}

void PoolMapSquares(const ScenarioParams& p) {
  // The checker's record of which worker computed which number (an outcome).
  std::map<int, std::string> worker_for;

  auto square = [&worker_for](int n) {
    log("Worker process id for " + std::to_string(n) + ": " + current_thread_name());
    worker_for[n] = current_thread_name();
    return n * n;
  };

  // input list
  std::vector<int> mylist;
  for (int n = 1; n <= p["numbers"]; ++n) mylist.push_back(n);
  std::vector<int> result;
  {
    // creating a pool object
    ThreadPoolExecutor pool(p["processes"]);
    // map list to target function
    result = pool.map(square, mylist);
  }

  log(ListText(result));
  outcome("result", ListText(result));
  std::string workers;
  for (const auto& [n, worker] : worker_for) {
    workers += (workers.empty() ? "" : ", ") + std::to_string(n) + ": " + worker;
  }
  outcome("workers", workers);
  bool squares = result.size() == mylist.size();
  for (std::size_t i = 0; squares && i < result.size(); ++i) {
    squares = result[i] == mylist[i] * mylist[i];
  }
  expect(squares, "p.map(square, mylist) returns the squares in the order of mylist");
}

void SquareCubeThreads(const ScenarioParams&) {
  // The checker's record: how many results were printed before "Done!".
  int printed = 0;

  // function to print cube of given num
  auto print_cube = [&printed](int num) {
    log("Cube: " + std::to_string(num * num * num));
    ++printed;
  };

  // function to print square of given num
  auto print_square = [&printed](int num) {
    log("Square: " + std::to_string(num * num));
    ++printed;
  };

  // creating thread
  Thread t1([&] { print_square(10); });
  Thread t2([&] { print_cube(10); });

  // starting thread 1
  t1.start();
  // starting thread 2
  t2.start();
  // print("\nmain thread idle"): the leading blank line is left out, since the report's
  // table prints a log message as is and a newline would break its row.
  log("main thread idle");
  // wait until thread 1 is completely executed
  t1.join();
  // wait until thread 2 is completely executed
  t2.join();

  // both threads completely executed
  log("Done!");
  outcome("results printed before Done!", printed);
  expect(printed == 2, "\"Done!\" comes after the square and the cube");
}

INTERLEAVE_SCENARIO({
    .name = "s004_pool_map_squares",
    .id = "004.m",
    .variant = "seed",
    .seed = "004 \"Pooling between processes\"",
    .description = "Pool.map(square, mylist): the squares, in order, whichever worker computes",
    .params = {{"numbers", 3, "numbers in mylist (seed: 10)", 0, 10'000},
               {"processes", 2, "pool workers (seed: Pool(), one per CPU: 2)", 1, 60}},
    .expected = {Verdict::kPass, {}},
    .body = PoolMapSquares,
});

INTERLEAVE_SCENARIO({
    .name = "s004_square_cube_threads",
    .id = "004.n",
    .variant = "seed",
    .seed = "004 \"Thread Objects\"",
    .description = "two threads print the square and the cube of 10; main joins both",
    .expected = {Verdict::kPass, {}},
    .body = SquareCubeThreads,
});

}  // namespace
}  // namespace interleave::scenarios
