// Seed 001 ("Python threads 101"), sections "Sequential, no session", "Sequential, sessions",
// "Multithread, no session" and "Multithread, session" (001.f); SCENARIOS.md, "Programs without
// a defect".
//
// The seed downloads sites = [2 URLs] * 50 = 100 pages with requests, either one after the
// other on the main thread, or in 5 daemon threads (each joined) that each take a slice of 20,
// and logs how long it took. Model: requests.get / session.get is a sleep of one network
// latency (0.1 s) returning a stand-in page (nothing is fetched; its length is logged as the
// seed logs len(response.content)); a Session is the same get (the model has no connection
// reuse, so sessions change nothing here); time.time() is the virtual clock. The site count
// scales down with `copies` (sites = 2 * copies; seed: 50) and the slice per thread is
// len(sites) / threads, as the seed's 20 is 100 / 5.
//
// seed: PASS in both modes (the threads share nothing but the read-only list of sites).
// Outcomes: "downloaded" (len(sites)) in both modes; in `virtual` also the makespan, as
// "duration" (seconds) and "latencies" (duration / latency): with the defaults, 10 sites,
// sequential: 10 latencies (1.0 s); 5 threads of 2 sites: 2 latencies (0.2 s). The seed's
// figures are 100 and 20. The expect checks that the makespan is len(sites) latencies
// sequentially and len(sites) / threads latencies with threads. In `any` there is no clock
// (sleep is a yield), so no makespan is declared there.
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "model/model.h"
#include "scenarios/registry.h"

namespace interleave::scenarios {
namespace {

constexpr double kLatency = 0.1;  // Seconds per request (the seed's is whatever the network took).

struct Response {
  std::string content;
};

// requests.get(url): one network round trip.
Response requests_get(const std::string& url) {
  sleep(kLatency);
  return Response{"<html><!-- stand-in for " + url + " --></html>"};
}

// requests.Session(): the same requests; the model does not model connection reuse.
class Session {
 public:
  Response get(const std::string& url) { return requests_get(url); }
};

// time.time() on the virtual clock, in seconds; 0 in time mode `any`.
double time_time() { return static_cast<double>(Execution::Current("time.time").now()) / 1e6; }

bool IsVirtual() { return Execution::Current("time mode").time_mode() == TimeMode::kVirtual; }

std::vector<std::string> Sites(int copies) {
  std::vector<std::string> sites;
  for (int copy = 0; copy < copies; ++copy) {
    sites.push_back("https://realpython.com/intro-to-python-threading/");
    sites.push_back("https://realpython.com/python-concurrency/");
  }
  return sites;
}

// "Sequential, no session".
void download_site(const std::string& url) {
  Response response = requests_get(url);
  log("Read " + std::to_string(response.content.size()) + " from " + url);
}

void download_all_sites(const std::vector<std::string>& sites) {
  for (const std::string& url : sites) download_site(url);
}

// "Sequential, sessions".
void download_site(const std::string& url, Session& session) {
  Response response = session.get(url);
  log("Read " + std::to_string(response.content.size()) + " from " + url);
}

void download_all_sites_session(const std::vector<std::string>& sites) {
  Session session;  // with requests.Session() as session:
  for (const std::string& url : sites) download_site(url, session);
}

// Declares the outcomes and checks the makespan: `expected_latencies` round trips.
void Report(const std::vector<std::string>& sites, double start_time, int expected_latencies) {
  const double duration = time_time() - start_time;
  log("Downloaded " + std::to_string(sites.size()) + " in " + std::to_string(duration) +
      " seconds");
  outcome("downloaded", static_cast<int>(sites.size()));
  if (IsVirtual()) {
    const int latencies = static_cast<int>(duration / kLatency + 0.5);
    outcome("duration", duration);
    outcome("latencies", latencies);
    expect(latencies == expected_latencies,
           "the makespan is " + std::to_string(expected_latencies) + " latencies");
  }
}

template <bool session>
void Sequential(const ScenarioParams& p) {
  const std::vector<std::string> sites = Sites(p["copies"]);
  const double start_time = time_time();
  if (session) {
    download_all_sites_session(sites);
  } else {
    download_all_sites(sites);
  }
  Report(sites, start_time, static_cast<int>(sites.size()));
}

// "Multithread, no session" and "Multithread, session".
template <bool session>
void Multithread(const ScenarioParams& p) {
  const std::vector<std::string> sites = Sites(p["copies"]);
  const int thread_count = p["threads"];
  const int slice = static_cast<int>(sites.size()) / thread_count;  // The seed's 20.

  // Each thread's argument, sites[index*20:(index+1)*20]; a deque, so that a slice a running
  // thread reads never moves.
  std::deque<std::vector<std::string>> parts;
  std::deque<Thread> threads;  // Threads must not move once started.
  const double start_time = time_time();
  for (int index = 0; index < thread_count; ++index) {
    std::vector<std::string>& part =
        parts.emplace_back(sites.begin() + index * slice, sites.begin() + (index + 1) * slice);
    Thread& x = threads.emplace_back(
        [&part] {
          if (session) {
            download_all_sites_session(part);
          } else {
            download_all_sites(part);
          }
        },
        "", /*daemon=*/true);
    x.start();
  }
  log("Main    : wait for the thread to finish");
  for (Thread& thread : threads) {
    thread.join();
  }
  Report(sites, start_time, slice);
}

const std::vector<ScenarioParam> kSequentialParams = {
    {"copies", 5, "sites = 2 URLs * copies (seed: 50, 100 sites)", 0, 100'000},
};
const std::vector<ScenarioParam> kThreadParams = {
    {"copies", 5, "sites = 2 URLs * copies (seed: 50, 100 sites)", 0, 100'000},
    {"threads", 5, "download threads, each taking len(sites) / threads sites (seed: 5 x 20)", 1,
     60},
};

INTERLEAVE_SCENARIO({
    .name = "downloads_sequential",
    .id = "001.f",
    .variant = "seed",
    .seed = "001 \"Sequential, no session\"",
    .description = "download every site in turn; makespan len(sites) latencies",
    .params = kSequentialParams,
    .expected = {Verdict::kPass, {}},
    .body = Sequential<false>,
});

INTERLEAVE_SCENARIO({
    .name = "downloads_sequential_session",
    .id = "001.f",
    .variant = "seed",
    .seed = "001 \"Sequential, sessions\"",
    .description = "download every site in turn through one session",
    .params = kSequentialParams,
    .expected = {Verdict::kPass, {}},
    .body = Sequential<true>,
});

INTERLEAVE_SCENARIO({
    .name = "downloads_threads",
    .id = "001.f",
    .variant = "seed",
    .seed = "001 \"Multithread, no session\"",
    .description = "5 daemon threads download a slice each; makespan one slice of latencies",
    .params = kThreadParams,
    .expected = {Verdict::kPass, {}},
    .body = Multithread<false>,
});

INTERLEAVE_SCENARIO({
    .name = "downloads_threads_session",
    .id = "001.f",
    .variant = "seed",
    .seed = "001 \"Multithread, session\"",
    .description = "5 daemon threads download a slice each, one session per thread",
    .params = kThreadParams,
    .expected = {Verdict::kPass, {}},
    .body = Multithread<true>,
});

}  // namespace
}  // namespace interleave::scenarios
