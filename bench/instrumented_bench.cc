// Unmodified programs (issue 17): the pthread 4 x 3 locked increments (bench/testdata), built
// with g++'s -fsanitize=thread instrumentation against libinterleave_rt.so, explored
// exhaustively by dpor from fresh globals and heap in every execution. Each iteration runs the
// program (its own checker) as a child with --report=json and reads the search's executions
// and seconds; executions/s is over the search's time, executions/cpu-s over the child's CPU
// time (user + system: the one-core rate, whatever the machine's load). The count must be
// 369,600, as the model's (bench/increments_bench).
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

std::string g_program;

struct Run {
  double executions = 0;
  double seconds = 0;
  double cpu_seconds = 0;
  std::string verdict;
};

Run RunProgram() {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) std::abort();
  rusage before{};
  getrusage(RUSAGE_CHILDREN, &before);
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(pipe_fds[1], STDOUT_FILENO);
    close(pipe_fds[0]);
    setenv("INTERLEAVE_EXEC_ARGS", "run\x1fpthread_increments\x1f--report=json", 1);
    execl(g_program.c_str(), "pthread_increments", nullptr);
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

void BM_PthreadIncrements4x3(benchmark::State& state) {
  Run last;
  double cpu = 0;
  double search = 0;
  for (auto _ : state) {
    last = RunProgram();
    cpu += last.cpu_seconds;
    search += last.seconds;
    if (last.verdict != "PASS" || last.executions != 369600) {
      state.SkipWithError("expected PASS in 369,600 executions");
      break;
    }
  }
  const double iterations = static_cast<double>(state.iterations());
  state.counters["executions"] = last.executions;
  state.counters["executions/s"] = search > 0 ? last.executions * iterations / search : 0;
  state.counters["executions/cpu-s"] = cpu > 0 ? last.executions * iterations / cpu : 0;
}
BENCHMARK(BM_PthreadIncrements4x3)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

}  // namespace

int main(int argc, char** argv) {
  // The program: the first argument, or beside this binary under bench/.
  if (argc > 1 && argv[1][0] != '-') {
    g_program = argv[1];
    --argc;
    ++argv;
  } else {
    g_program = "bench/pthread_increments";
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  return 0;
}
