// Seed 004 (Multiprocessing_and_Multithreading), processes that share model objects:
//   "Shared memory"                     (004.h) Array and Value filled by a child, read by main;
//   "Queue"                             (004.i) p1 puts squares, p2 reads `while not q.empty()`;
//   "Signaling between Processes"       (004.j) one process waits on an Event, one waits 2 s;
//   "Controlling Access to Resources"   (004.k) two processes write to one stream under a Lock;
//   "Synchronizing Operations"          (004.l) withdraw/deposit on a shared balance Value.
// SCENARIOS.md: 004.i and 004.l in "Core defects", 004.h, 004.j and 004.k in "Programs without
// a defect".
//
// The processes share only what the seed hands them (Value, Array, Queue, Event, Lock, the
// stream); lists and numbers passed as args are copied into the target (captured by value).
//
// 004.h, process_shared_value_array (seed; PASS): p1 writes the squares into the Array and
// their sum into the Value before it ends; main reads both after join, so it sees
// [1, 4, 9, 16] and 30 in every execution.
//
// 004.i, process_queue_empty_check (bug; LOST MESSAGE in both modes): p2 stops at the first
// q.empty() that finds the queue empty, which can be before p1 has put anything, or between
// two puts; the squares put later stay in the queue for good. Nothing here takes time, so
// `virtual` has the same interleavings at time 0. process_queue_counted (fix; PASS): p2 gets
// exactly len(mylist) items, blocking in get() until each comes, and reads them in order.
//
// 004.j, process_event (seed; PASS in both modes): `block` waits until main sets the event at
// 3 s and always sees it set. `nonblock` waits 2 s: in `virtual` it always times out first and
// sees the flag down (False, as in the seed's printout); in `any` its wait may time out before
// or after the set, or be released by it, so it sees False or True. Nobody joins: the program
// waits for both (non-daemon) processes at exit.
//
// 004.k, process_lock_stream (seed; PASS): the two workers append their line to the shared
// stream under the Lock, so no write is lost and the stream holds both lines, in either order.
//
// 004.l, process_bank_balance (bug; LOST UPDATE in both modes): `balance.value =
// balance.value - 1` is a read and a write of the shared Value; a deposit between them is
// overwritten, so the final balance is not 100 (no sleeps, so `virtual` loses it too).
// process_bank_balance_locked (fix; PASS): each update under the Lock, final balance 100.
#include <string>
#include <vector>

#include "model/model.h"
#include "scenarios/registry.h"

namespace interleave::scenarios {
namespace {

// Python's str() of a list of ints: "[1, 4, 9, 16]".
std::string PyList(const std::vector<int>& list) {
  std::string text = "[";
  for (std::size_t i = 0; i < list.size(); ++i) {
    text += (i == 0 ? "" : ", ") + std::to_string(list[i]);
  }
  return text + "]";
}

std::vector<int> Range(int from, int to) {  // [from, to)
  std::vector<int> list;
  for (int i = from; i < to; ++i) list.push_back(i);
  return list;
}

std::string PyBool(bool b) { return b ? "True" : "False"; }

// --- 004.h "Shared memory" --------------------------------------------------------------

void square_list(const std::vector<int>& mylist, Array<int>& result, Value<int>& square_sum) {
  // function to square a given list
  log("p1 got " + PyList(mylist) + " from main process");
  // append squares of mylist to result array
  for (std::size_t idx = 0; idx < mylist.size(); ++idx) {
    const int num = mylist[idx];
    result.write(idx, num * num);
  }

  // square_sum value: sum(result)
  int sum = 0;
  for (std::size_t i = 0; i < result.size(); ++i) sum += result.read(i);
  square_sum.write(sum);

  // print result Array: result[:]
  std::vector<int> slice;
  for (std::size_t i = 0; i < result.size(); ++i) slice.push_back(result.read(i));
  log("Result(in process p1): " + PyList(slice));

  // print square_sum Value
  log("Sum of squares(in process p1): " + std::to_string(square_sum.read()));
}

void SharedMemory(const ScenarioParams& p) {
  // input list
  const std::vector<int> mylist = Range(1, p["numbers"] + 1);

  // creating Array of int data type with space for len(mylist) integers
  Array<int> result("result", std::vector<int>(mylist.size(), 0));

  // creating Value of int data type
  Value<int> square_sum("square_sum");

  // creating new process
  Process p1([mylist, &result, &square_sum] { square_list(mylist, result, square_sum); });

  // starting process
  p1.start();

  // wait until process is finished
  p1.join();

  // print result array
  std::vector<int> slice;
  for (std::size_t i = 0; i < result.size(); ++i) slice.push_back(result.read(i));
  log("Result(in main program): " + PyList(slice));

  // print square_sum Value
  const int sum = square_sum.read();
  log("Sum of squares(in main program): " + std::to_string(sum));

  outcome("result", PyList(slice));
  outcome("square_sum", sum);
  int expected = 0;
  for (int num : mylist) expected += num * num;
  expect(sum == expected, "main reads the sum of squares p1 stored");
}

INTERLEAVE_SCENARIO({
    .name = "process_shared_value_array",
    .id = "004.h",
    .variant = "seed",
    .seed = "004 \"Shared memory\"",
    .description = "a child fills a shared Array and Value; main reads them after join",
    .params = {{"numbers", 4, "length of mylist = [1, ..., numbers] (seed: 4)", 0, 10'000}},
    .expected = {Verdict::kPass, {}},
    .body = SharedMemory,
});

// --- 004.i "Queue" ----------------------------------------------------------------------

void square_list_to_queue(const std::vector<int>& mylist, Queue<int>& q) {
  // function to square a given list; append squares of mylist to queue
  for (int num : mylist) {
    log("putting  " + std::to_string(num) + " To q");
    q.put(num * num);
  }
}

void print_queue(Queue<int>& q) {
  // function to print queue elements
  log("Queue elements:");
  while (!q.empty()) {
    log("reading from q");
    log(std::to_string(q.get()));
  }
  log("Queue is now empty!");
}

// The fix: p2 knows how many items p1 sends and gets exactly that many.
void print_queue_counted(Queue<int>& q, int count) {
  log("Queue elements:");
  std::vector<int> read;
  for (int i = 0; i < count; ++i) {
    log("reading from q");
    read.push_back(q.get());
    log(std::to_string(read.back()));
  }
  log("Queue is now empty!");
  outcome("p2 read", PyList(read));
}

void QueueBetweenProcesses(const ScenarioParams& p, bool counted) {
  // input list
  const std::vector<int> mylist = Range(1, p["numbers"] + 1);

  // creating multiprocessing Queue; every square p1 puts must be read
  Queue<int> q(0, "q");
  q.expect_drained();

  // creating new processes
  if (counted) outcome("p2 read", std::string("-"));  // Declared before "left in q".
  Process p1([mylist, &q] { square_list_to_queue(mylist, q); });
  Process p2([&q, counted, count = static_cast<int>(mylist.size())] {
    if (counted) {
      print_queue_counted(q, count);
    } else {
      print_queue(q);
    }
  });

  // running process p1 to square list
  p1.start();
  p2.start();
  p1.join();

  // running process p2 to get queue elements
  p2.join();

  // Not in the seed: what was left unread (the LOST MESSAGE), an outcome only.
  outcome("left in q", q.qsize());
}

INTERLEAVE_SCENARIO({
    .name = "process_queue_empty_check",
    .id = "004.i",
    .variant = "bug",
    .seed = "004 \"Queue\"",
    .description = "p2 reads while not q.empty() and can stop before p1's puts: squares stay "
                   "in the queue",
    .params = {{"numbers", 2, "squares p1 puts (seed: 4)", 0, 10'000}},
    .expected = {Verdict::kBug, {FindingKind::kLostMessage}},
    .body = [](const ScenarioParams& p) { QueueBetweenProcesses(p, /*counted=*/false); },
});

INTERLEAVE_SCENARIO({
    .name = "process_queue_counted",
    .id = "004.i",
    .variant = "fix",
    .seed = "004 \"Queue\"",
    .description = "p2 gets exactly as many items as p1 puts: every square is read, in order",
    .params = {{"numbers", 2, "squares p1 puts (seed: 4)", 0, 10'000}},
    .expected = {Verdict::kPass, {}},
    .body = [](const ScenarioParams& p) { QueueBetweenProcesses(p, /*counted=*/true); },
});

// --- 004.j "Signaling between Processes" ------------------------------------------------

void wait_for_event(Event& e) {
  // Wait for the event to be set before doing anything
  log("wait_for_event: starting");
  e.wait();
  const bool is_set = e.is_set();
  log("wait_for_event: e.is_set()-> " + PyBool(is_set));
  outcome("wait_for_event: e.is_set()", is_set);
}

void wait_for_event_timeout(Event& e, double t) {
  // Wait t seconds and then timeout
  log("wait_for_event_timeout: starting");
  e.wait(t);
  const bool is_set = e.is_set();
  log("wait_for_event_timeout: e.is_set()-> " + PyBool(is_set));
  outcome("wait_for_event_timeout: e.is_set()", is_set);
}

void SignalingBetweenProcesses(const ScenarioParams&) {
  Event e("e");
  // Declared first, in this order, so that the outcome text does not depend on which process
  // records its value first; each process overwrites its own.
  outcome("wait_for_event: e.is_set()", std::string("-"));
  outcome("wait_for_event_timeout: e.is_set()", std::string("-"));
  Process w1([&e] { wait_for_event(e); }, "block");
  w1.start();

  Process w2([&e] { wait_for_event_timeout(e, 2); }, "nonblock");
  w2.start();

  log("main: waiting before calling Event.set()");
  sleep(3);
  e.set();
  log("main: event is set");
  // No join: the program waits for w1 and w2 at exit.
}

INTERLEAVE_SCENARIO({
    .name = "process_event",
    .id = "004.j",
    .variant = "seed",
    .seed = "004 \"Signaling between Processes\"",
    .description = "one process waits for an Event, another waits 2 s; main sets it at 3 s",
    .params = {},
    .expected = {Verdict::kPass, {}},
    .body = SignalingBetweenProcesses,
});

// --- 004.k "Controlling Access to Resources" (processes) --------------------------------

// sys.stdout, handed to both processes: its text is shared, and write() appends to it (a read
// and a write of the text, which two unlocked writers could interleave and lose). Each line
// written is also logged, as the seed's output shows it.
class Stream {
 public:
  explicit Stream(std::string name) : text_(std::move(name), "") {}
  void write(const std::string& s) {
    text_.write(text_.read() + s);
    log(s.substr(0, s.find('\n')));
  }
  std::string getvalue() const { return text_.read(); }

 private:
  Shared<std::string> text_;
};

void worker_with(Lock& lock, Stream& stream) {
  LockGuard with(lock);
  stream.write("Lock acquired via with\n");
}

void worker_no_with(Lock& lock, Stream& stream) {
  lock.acquire();
  // try:
  stream.write("Lock acquired directly\n");
  // finally:
  lock.release();
}

void LockAroundStream(const ScenarioParams&) {
  Stream stdout_stream("sys.stdout");
  Lock lock("lock");
  Process w([&lock, &stdout_stream] { worker_with(lock, stdout_stream); });
  Process nw([&lock, &stdout_stream] { worker_no_with(lock, stdout_stream); });

  w.start();
  nw.start();

  w.join();
  nw.join();

  const std::string text = stdout_stream.getvalue();
  std::string lines = text.substr(0, text.size() - 1);  // One line, for the outcome.
  for (char& c : lines) {
    if (c == '\n') c = '|';
  }
  outcome("sys.stdout", lines);
  const std::string with = "Lock acquired via with\n";
  const std::string directly = "Lock acquired directly\n";
  expect(text == with + directly || text == directly + with, "the stream holds both lines, whole");
}

INTERLEAVE_SCENARIO({
    .name = "process_lock_stream",
    .id = "004.k",
    .variant = "seed",
    .seed = "004 \"Controlling Access to Resources\" (processes)",
    .description = "two processes write a line each to one stream under a shared Lock",
    .params = {},
    .expected = {Verdict::kPass, {}},
    .body = LockAroundStream,
});

// --- 004.l "Synchronizing Operations" ---------------------------------------------------

// function to withdraw from account
void withdraw(Value<int>& balance, int transactions) {
  for (int i = 0; i < transactions; ++i) {
    balance.write(balance.read() - 1);
  }
}

// function to deposit to account
void deposit(Value<int>& balance, int transactions) {
  for (int i = 0; i < transactions; ++i) {
    balance.write(balance.read() + 1);
  }
}

// The fix: the same, each update under the lock.
void withdraw_locked(Value<int>& balance, Lock& lock, int transactions) {
  for (int i = 0; i < transactions; ++i) {
    lock.acquire();
    balance.write(balance.read() - 1);
    lock.release();
  }
}

void deposit_locked(Value<int>& balance, Lock& lock, int transactions) {
  for (int i = 0; i < transactions; ++i) {
    lock.acquire();
    balance.write(balance.read() + 1);
    lock.release();
  }
}

int perform_transactions(int transactions) {
  // initial balance (in shared memory)
  Value<int> balance("balance", 100);

  // creating new processes
  Process p1([&balance, transactions] { withdraw(balance, transactions); });
  Process p2([&balance, transactions] { deposit(balance, transactions); });

  // starting processes
  p1.start();
  p2.start();

  // wait until processes are finished
  p1.join();
  p2.join();

  // print final balance
  const int final_balance = balance.read();
  log("Final balance = " + std::to_string(final_balance));
  expect(final_balance == 100, "the final balance is 100 after equal withdrawals and deposits");
  return final_balance;
}

int perform_transactions_locked(int transactions) {
  // initial balance (in shared memory)
  Value<int> balance("balance", 100);

  // creating a lock object
  Lock lock("lock");

  // creating new processes
  Process p1([&balance, &lock, transactions] { withdraw_locked(balance, lock, transactions); });
  Process p2([&balance, &lock, transactions] { deposit_locked(balance, lock, transactions); });

  // starting processes
  p1.start();
  p2.start();

  // wait until processes are finished
  p1.join();
  p2.join();

  // print final balance
  const int final_balance = balance.read();
  log("Final balance = " + std::to_string(final_balance));
  expect(final_balance == 100, "the final balance is 100 after equal withdrawals and deposits");
  return final_balance;
}

void BankBalance(const ScenarioParams& p, bool locked) {
  std::string balances;
  for (int i = 0; i < p["runs"]; ++i) {
    // perform same transaction process `runs` times
    const int final_balance = locked ? perform_transactions_locked(p["transactions"])
                                     : perform_transactions(p["transactions"]);
    balances += (balances.empty() ? "" : " ") + std::to_string(final_balance);
  }
  outcome("Final balance", balances);
}

INTERLEAVE_SCENARIO({
    .name = "process_bank_balance",
    .id = "004.l",
    .variant = "bug",
    .seed = "004 \"Synchronizing Operations\"",
    .description = "one process withdraws, one deposits on a shared Value with no lock",
    .params = {{"transactions", 2, "withdrawals and deposits, each (seed: 10000)", 0, 1'000'000},
               {"runs", 1, "perform_transactions calls (seed: 10)", 1, 10'000}},
    .expected = {Verdict::kBug, {FindingKind::kLostUpdate}},
    .body = [](const ScenarioParams& p) { BankBalance(p, /*locked=*/false); },
});

INTERLEAVE_SCENARIO({
    .name = "process_bank_balance_locked",
    .id = "004.l",
    .variant = "fix",
    .seed = "004 \"Synchronizing Operations\"",
    .description = "the same, each update under a Lock passed to both processes",
    .params = {{"transactions", 2, "withdrawals and deposits, each (seed: 10000)", 0, 1'000'000},
               {"runs", 1, "perform_transactions calls (seed: 10)", 1, 10'000}},
    .expected = {Verdict::kPass, {}},
    .body = [](const ScenarioParams& p) { BankBalance(p, /*locked=*/true); },
});

}  // namespace
}  // namespace interleave::scenarios
