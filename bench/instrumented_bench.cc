// Unmodified programs (issue 17), built with g++'s -fsanitize=thread instrumentation against
// libinterleave_rt.so and explored exhaustively by dpor from fresh globals and heap in every
// execution: the pthread 4 x 3 locked increments (bench/testdata; 369,600 executions, as the
// model's in bench/increments_bench), and a C++ std::thread bounded queue built with -O2
// (bench/testdata/std_queue.cc; 30,132 executions: libstdc++'s inlined code, std::thread's
// start and join, condition variables). Each iteration runs the program (its own checker) as a
// child with --report=json and reads the search's executions and seconds; executions/s is over
// the search's time, executions/cpu-s over the child's CPU time (user + system: the one-core
// rate, whatever the machine's load).
//
//   bazel run -c opt //bench:instrumented_bench
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <regex>
#include <string>

namespace {

std::string g_increments;  // bench/pthread_increments
std::string g_queue;       // bench/std_queue_program

struct Run {
  double executions = 0;
  double seconds = 0;
  double cpu_seconds = 0;
  std::string verdict;
};

Run RunProgram(const std::string& program, const char* name) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) std::abort();
  rusage before{};
  getrusage(RUSAGE_CHILDREN, &before);
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(pipe_fds[1], STDOUT_FILENO);
    close(pipe_fds[0]);
    setenv("INTERLEAVE_EXEC_ARGS", (std::string("run\x1f") + name + "\x1f--report=json").c_str(),
           1);
    execl(program.c_str(), name, nullptr);
    _exit(127);
  }
  close(pipe_fds[1]);
  std::string json;
  char buffer[4096];
  for (ssize_t n; (n = read(pipe_fds[0], buffer, sizeof buffer)) > 0;) json.append(buffer, n);
  close(pipe_fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  rusage after{};
  getrusage(RUSAGE_CHILDREN, &after);
  auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  Run run;
  run.cpu_seconds = seconds(after.ru_utime) - seconds(before.ru_utime) + seconds(after.ru_stime) -
                    seconds(before.ru_stime);
  std::smatch match;
  if (std::regex_search(json, match, std::regex("\"executions\": ([0-9]+)"))) {
    run.executions = std::stod(match[1]);
  }
  if (std::regex_search(json, match, std::regex("\"seconds\": ([0-9.e+-]+)"))) {
    run.seconds = std::stod(match[1]);
  }
  if (std::regex_search(json, match, std::regex("\"verdict\": \"([A-Z]+)\""))) {
    run.verdict = match[1];
  }
  return run;
}

// Runs `program` once per iteration; each search must PASS in `executions` executions.
void RunSearches(benchmark::State& state, const std::string& program, const char* name,
                 double executions) {
  Run last;
  double cpu = 0;
  double search = 0;
  for (auto _ : state) {
    last = RunProgram(program, name);
    cpu += last.cpu_seconds;
    search += last.seconds;
    if (last.verdict != "PASS" || last.executions != executions) {
      const std::string error = "expected PASS in " + std::to_string(executions) + " executions";
      state.SkipWithError(error.c_str());
      break;
    }
  }
  const double iterations = static_cast<double>(state.iterations());
  state.counters["executions"] = last.executions;
  state.counters["executions/s"] = search > 0 ? last.executions * iterations / search : 0;
  state.counters["executions/cpu-s"] = cpu > 0 ? last.executions * iterations / cpu : 0;
}

void BM_PthreadIncrements4x3(benchmark::State& state) {
  RunSearches(state, g_increments, "pthread_increments", 369600);
}
BENCHMARK(BM_PthreadIncrements4x3)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

void BM_StdQueue3x3(benchmark::State& state) {
  RunSearches(state, g_queue, "std_queue_program", 30132);
}
BENCHMARK(BM_StdQueue3x3)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

}  // namespace

int main(int argc, char** argv) {
  // The programs: the first two arguments, or beside this binary under bench/.
  g_increments = "bench/pthread_increments";
  g_queue = "bench/std_queue_program";
  if (argc > 2 && argv[1][0] != '-' && argv[2][0] != '-') {
    g_increments = argv[1];
    g_queue = argv[2];
    argc -= 2;
    argv += 2;
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  return 0;
}
