// Seed 004, the website checker: ping_website / notify_owner / check_website and its
// "Cucurrent Approach" (004.a); SCENARIOS.md, core defects.
//
// Main creates NUM_WORKERS worker threads, puts every address of WEBSITE_LIST on task_queue,
// starts the workers and waits in task_queue.join() until each address has had its task_done().
// A worker loops `while True: address = task_queue.get(); check_website(address);
// task_queue.task_done()`. check_website pings the site (requests.head: here a sleep for the
// network latency, then a data choice of the answer: up, status_code >= 400, or a
// RequestException) and, when the site is down, notifies its owner (a log and a 0.5 s sleep).
//
// 004.a bug (s004_website_checker): the workers are non-daemon threads and nothing ever tells
// them to stop: after the last task_done main's join returns and main ends, but each worker is
// back in task_queue.get() on the empty queue, blocked forever, and the interpreter waits for
// them at exit: HANG AT EXIT, in both time modes (the seed ran in a notebook, whose kernel never
// exits, so it did not show).
// 004.a fixes, PASS in both modes:
// - s004_website_checker_daemon: the workers are daemon threads, so the program does not wait
//   for them; they are cut off while blocked in get() on a queue nobody will ever put to again,
//   after their last task_done.
// - s004_website_checker_sentinel: after task_queue.join() main puts one stop sentinel (Python's
//   None) per worker; a worker that gets it leaves its loop, and main joins the workers.
// In every variant main checks, after task_queue.join(), that the set of owners notified equals
// the set of sites whose answer was chosen down: a notification completes before its task_done,
// so join() cannot return before it.
//
// Scaled down: `websites` addresses, the first of the seed's 33; `workers` is the seed's
// NUM_WORKERS = 2. The workers' `while True` needs no bound parameter: every iteration takes an
// item, and there are `websites` of them (plus the sentinels).
#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/model.h"
#include "scenarios/registry.h"

namespace interleave::scenarios {
namespace {

const std::vector<std::string> WEBSITE_LIST = {
    "http://envato.com",
    "http://amazon.co.uk",
    "http://amazon.com",
    "http://facebook.com",
    "http://google.com",
    "http://google.fr",
    "http://google.es",
    "http://google.co.uk",
    "http://internet.org",
    "http://gmail.com",
    "http://stackoverflow.com",
    "http://github.com",
    "http://heroku.com",
    "http://really-cool-available-domain.com",
    "http://djangoproject.com",
    "http://rubyonrails.org",
    "http://basecamp.com",
    "http://trello.com",
    "http://yiiframework.com",
    "http://shopify.com",
    "http://another-really-interesting-domain.co",
    "http://airbnb.com",
    "http://instagram.com",
    "http://snapchat.com",
    "http://youtube.com",
    "http://baidu.com",
    "http://yahoo.com",
    "http://live.com",
    "http://linkedin.com",
    "http://yandex.ru",
    "http://netflix.com",
    "http://wordpress.com",
    "http://bing.com",
};

// Python's None on the task queue: the stop sentinel of the sentinel fix (no address is "None").
const std::string None = "None";

class WebsiteDownException : public std::runtime_error {
 public:
  WebsiteDownException() : std::runtime_error("WebsiteDownException") {}
};

// time.time(): the virtual clock in seconds (0 throughout in time mode `any`).
double time_time() { return static_cast<double>(Execution::Current("time").now()) / 1e6; }

// The seed's module-level functions. `down` and `notified` are the checker's record of what
// happened, not program state: plain sets, updated within one step of the thread that acts.
struct WebsiteChecker {
  // Check if a website is down. A website is considered down if either the status_code >= 400
  // or if the timeout expires. Throw a WebsiteDownException if any of the website down
  // conditions are met.
  void ping_website(const std::string& address, double timeout = 20) {
    (void)timeout;  // The request's latency is 0.1 s; the answer is a data choice.
    // response = requests.head(address, timeout=timeout)
    sleep(0.1);
    const int answer = choose(0, 2);  // 0: status_code 200; 1: status_code 405; 2: timeout.
    if (answer == 1) {
      down.insert(address);
      log("Website " + address + " returned status_code=405");
      throw WebsiteDownException();
    }
    if (answer == 2) {  // except requests.exceptions.RequestException
      down.insert(address);
      log("Timeout expired for website " + address);
      throw WebsiteDownException();
    }
  }

  // Send the owner of the address a notification that their website is down. For now, we're
  // just going to sleep for 0.5 seconds but this is where you would send an email, push
  // notification or text-message.
  void notify_owner(const std::string& address) {
    log("Notifying the owner of " + address + " website");
    sleep(0.5);
    notified.insert(address);
  }

  // Utility function: check if a website is down, if so, notify the user.
  void check_website(const std::string& address) {
    try {
      ping_website(address);
    } catch (const WebsiteDownException&) {
      notify_owner(address);
    }
  }

  std::set<std::string> down;      // Sites whose answer was chosen down.
  std::set<std::string> notified;  // Owners whose notification was sent.
};

std::string SetText(const std::set<std::string>& sites) {
  std::string text = "{";
  for (const std::string& site : sites) text += (text.size() > 1 ? ", " : "") + site;
  return text + "}";
}

// After task_queue.join(): every site chosen down has had its owner notified, and no other.
void CheckNotified(const WebsiteChecker& checker) {
  outcome("down", SetText(checker.down));
  outcome("notified", SetText(checker.notified));
  expect(checker.notified == checker.down,
         "the set of owners notified equals the set of sites chosen down");
}

std::vector<std::string> Websites(const ScenarioParams& p) {
  const int n = std::min<int>(p["websites"], static_cast<int>(WEBSITE_LIST.size()));
  return {WEBSITE_LIST.begin(), WEBSITE_LIST.begin() + n};
}

// The seed's program: non-daemon workers that never stop (daemon = false), or the daemon fix.
void ThreadedSquirrel(const ScenarioParams& p, bool daemon) {
  const int NUM_WORKERS = p["workers"];
  const std::vector<std::string> websites = Websites(p);
  WebsiteChecker checker;
  Queue<std::string> task_queue(0, "task_queue");

  auto worker = [&] {
    // Constantly check the queue for addresses
    while (true) {
      std::string address = task_queue.get();
      checker.check_website(address);

      // Mark the processed task as done
      task_queue.task_done();
    }
  };

  const double start_time = time_time();

  // Create the worker threads
  std::vector<Thread> threads;
  for (int _ = 0; _ < NUM_WORKERS; ++_) threads.emplace_back(worker, "", daemon);

  // Add the websites to the task queue
  for (const std::string& item : websites) task_queue.put(item);

  // Start all the workers
  for (Thread& thread : threads) thread.start();

  // Wait for all the tasks in the queue to be processed
  task_queue.join();

  const double end_time = time_time();

  log("Time for ThreadedSquirrel: " + std::to_string(end_time - start_time) + "secs");
  CheckNotified(checker);

  // Main ends. Program exit, spelled out because std::vector's destructor is noexcept and so
  // cannot wait: the non-daemon workers are waited for (forever), daemon workers are cut off.
  for (Thread& thread : threads) thread.wait_at_exit();
}

// The sentinel fix: one None per worker after the join; a worker that gets it stops.
void ThreadedSquirrelSentinel(const ScenarioParams& p) {
  const int NUM_WORKERS = p["workers"];
  const std::vector<std::string> websites = Websites(p);
  WebsiteChecker checker;
  Queue<std::string> task_queue(0, "task_queue");

  auto worker = [&] {
    // Check the queue for addresses until the stop sentinel
    while (true) {
      std::string address = task_queue.get();
      if (address == None) break;
      checker.check_website(address);

      // Mark the processed task as done
      task_queue.task_done();
    }
  };

  const double start_time = time_time();

  // Create the worker threads
  std::vector<Thread> threads;
  for (int _ = 0; _ < NUM_WORKERS; ++_) threads.emplace_back(worker);

  // Add the websites to the task queue
  for (const std::string& item : websites) task_queue.put(item);

  // Start all the workers
  for (Thread& thread : threads) thread.start();

  // Wait for all the tasks in the queue to be processed
  task_queue.join();

  const double end_time = time_time();

  log("Time for ThreadedSquirrel: " + std::to_string(end_time - start_time) + "secs");
  CheckNotified(checker);

  // Stop the workers: one sentinel each, then wait for them
  for (int _ = 0; _ < NUM_WORKERS; ++_) task_queue.put(None);
  for (Thread& thread : threads) thread.join();
}

const std::vector<ScenarioParam> kParams = {
    {"websites", 2, "addresses checked, the first of WEBSITE_LIST (seed: 33)", 0, 33},
    {"workers", 2, "worker threads (seed: NUM_WORKERS = 2)", 1, 60},
};

INTERLEAVE_SCENARIO({
    .name = "s004_website_checker",
    .id = "004.a",
    .variant = "bug",
    .seed = "004 website checker, \"Cucurrent Approach\"",
    .description = "non-daemon workers loop on task_queue.get() forever; main ends after join()",
    .params = kParams,
    .expected = {Verdict::kBug, {FindingKind::kHangAtExit}},
    .body = [](const ScenarioParams& p) { ThreadedSquirrel(p, /*daemon=*/false); },
});

INTERLEAVE_SCENARIO({
    .name = "s004_website_checker_daemon",
    .id = "004.a",
    .variant = "fix",
    .seed = "004 website checker, \"Cucurrent Approach\"",
    .description = "the same workers as daemon threads: the program does not wait for them",
    .params = kParams,
    .expected = {Verdict::kPass, {}},
    .body = [](const ScenarioParams& p) { ThreadedSquirrel(p, /*daemon=*/true); },
});

INTERLEAVE_SCENARIO({
    .name = "s004_website_checker_sentinel",
    .id = "004.a",
    .variant = "fix",
    .seed = "004 website checker, \"Cucurrent Approach\"",
    .description = "main puts one stop sentinel per worker after join() and joins the workers",
    .params = kParams,
    .expected = {Verdict::kPass, {}},
    .body = ThreadedSquirrelSentinel,
});

}  // namespace
}  // namespace interleave::scenarios
