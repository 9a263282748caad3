#include "reports/weak_explain.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <vector>

namespace interleave {
namespace {

bool IsRelease(MemoryOrder order) {
  return order == MemoryOrder::kRelease || order == MemoryOrder::kAcqRel ||
         order == MemoryOrder::kSeqCst;
}

bool IsAcquire(MemoryOrder order) {
  return order == MemoryOrder::kAcquire || order == MemoryOrder::kAcqRel ||
         order == MemoryOrder::kSeqCst;
}

// The model's Atomic<T>, or a word of an unmodified program that atomic operations made a
// location of the memory model (instrumented/: its words are kShared objects, and a
// modification order marks the atomic ones).
bool IsAtomic(const Trace& trace, ObjectId object) {
  if (object < 0 || object >= static_cast<ObjectId>(trace.objects.size())) return false;
  const ObjectInfo& info = trace.objects[object];
  return info.kind == ObjectKind::kAtomic || !info.modification_order.empty();
}

// An atomic load or read-modify-write that records the store it read.
bool IsAtomicRead(const Trace& trace, const TraceEvent& event) {
  return (event.kind == OpKind::kRead || event.kind == OpKind::kUpdate) &&
         IsAtomic(trace, event.object) && event.reads_from >= 0;
}

bool InModificationOrder(const Trace& trace, const TraceEvent& event) {
  const std::vector<int>& mo = trace.objects[event.object].modification_order;
  return std::find(mo.begin(), mo.end(), event.step) != mo.end();
}

// An atomic store, or a read-modify-write that wrote.
bool IsAtomicStore(const Trace& trace, const TraceEvent& event) {
  if (!IsAtomic(trace, event.object)) return false;
  // A plain write to an unmodified program's atomic word is in no modification order.
  if (event.kind == OpKind::kWrite) {
    return trace.objects[event.object].kind == ObjectKind::kAtomic ||
           InModificationOrder(trace, event);
  }
  return event.kind == OpKind::kUpdate && InModificationOrder(trace, event);
}

const TraceEvent* EventAt(const Trace& trace, int step) {
  if (step < 1 || step > static_cast<int>(trace.events.size())) return nullptr;
  return &trace.events[static_cast<std::size_t>(step - 1)];
}

std::string ThreadName(const Trace& trace, ThreadId thread) {
  if (thread < 0 || thread >= static_cast<ThreadId>(trace.threads.size())) return "?";
  return trace.threads[thread].name;
}

std::string ObjectName(const Trace& trace, ObjectId object) {
  if (object < 0 || object >= static_cast<ObjectId>(trace.objects.size())) return "?";
  return trace.objects[object].name;
}

// "a relaxed", "an acquire".
std::string WithArticle(MemoryOrder order) {
  const std::string name(MemoryOrderName(order));
  return (name.front() == 'a' ? "an " : "a ") + name;
}

std::string StoreNoun(const TraceEvent& event) {
  return event.kind == OpKind::kUpdate ? "read-modify-write" : "store";
}

std::string LoadNoun(const TraceEvent& event) {
  return event.kind == OpKind::kUpdate ? "read-modify-write" : "load";
}

// Whether `store` happens before `load` (the load's thread has seen the store's step).
bool HappensBefore(const TraceEvent& store, const TraceEvent& load) {
  return store.clock.Get(store.thread) <= load.clock.Get(store.thread);
}

// A fence of `thread` strictly between steps `after` and `before` whose order passes `test`.
template <typename Test>
const TraceEvent* FenceBetween(const Trace& trace, ThreadId thread, int after, int before,
                               Test test) {
  for (int s = after + 1; s < before; ++s) {
    const TraceEvent* event = EventAt(trace, s);
    if (event != nullptr && event->thread == thread && event->kind == OpKind::kFence &&
        test(event->order)) {
      return event;
    }
  }
  return nullptr;
}

bool ThreadHasFence(const Trace& trace, ThreadId thread) {
  return std::any_of(trace.events.begin(), trace.events.end(), [&](const TraceEvent& event) {
    return event.thread == thread && event.kind == OpKind::kFence;
  });
}

int MoIndex(const std::vector<int>& mo, int step) {
  const auto it = std::find(mo.begin(), mo.end(), step);
  return it == mo.end() ? -1 : static_cast<int>(it - mo.begin());
}

std::string Steps(std::vector<int> steps) {
  std::sort(steps.begin(), steps.end());
  steps.erase(std::unique(steps.begin(), steps.end()), steps.end());
  std::string text;
  for (size_t i = 0; i < steps.size(); ++i) {
    text += (i == 0 ? "" : i + 1 == steps.size() ? " and " : ", ") + std::to_string(steps[i]);
  }
  return text;
}

// Message passing: a load L' of `load`'s thread before it that read a store W' of `store`'s
// thread made after `store`. Returns {W', L'} or {nullptr, nullptr}.
std::pair<const TraceEvent*, const TraceEvent*> MessageChain(const Trace& trace,
                                                             const TraceEvent& store,
                                                             const TraceEvent& load) {
  for (int s = load.step - 1; s > store.step; --s) {
    const TraceEvent* read = EventAt(trace, s);
    if (read == nullptr || read->thread != load.thread || !IsAtomicRead(trace, *read)) continue;
    const TraceEvent* source = EventAt(trace, read->reads_from);
    if (source != nullptr && source->thread == store.thread && source->step > store.step) {
      return {source, read};
    }
  }
  return {nullptr, nullptr};
}

// Store buffering: a store S_A of `load`'s thread before it, to another atomic, and a load L_B
// of `store`'s thread after `store` that read a store older than S_A in its modification order.
// Returns {S_A, L_B} or {nullptr, nullptr}.
std::pair<const TraceEvent*, const TraceEvent*> StoreBuffering(const Trace& trace,
                                                               const TraceEvent& store,
                                                               const TraceEvent& load) {
  for (int a = load.step - 1; a >= 1; --a) {
    const TraceEvent* mine = EventAt(trace, a);
    if (mine->thread != load.thread || mine->object == load.object ||
        !IsAtomicStore(trace, *mine)) {
      continue;
    }
    const std::vector<int>& mo = trace.objects[mine->object].modification_order;
    const int mine_at = MoIndex(mo, mine->step);
    for (const TraceEvent& theirs : trace.events) {
      if (theirs.thread != store.thread || theirs.step <= store.step ||
          theirs.object != mine->object || !IsAtomicRead(trace, theirs)) {
        continue;
      }
      const int read_at = MoIndex(mo, theirs.reads_from);
      if (read_at >= 0 && mine_at >= 0 && read_at < mine_at) return {mine, &theirs};
    }
  }
  return {nullptr, nullptr};
}

void ExplainWeakRead(const Trace& trace, const TraceEvent& load, ReadExplanation& read) {
  // The store it "missed": the newest in modification order that had run before it.
  const TraceEvent& store = *EventAt(trace, read.newer.back());
  const std::string loader = ThreadName(trace, load.thread);
  const std::string storer = ThreadName(trace, store.thread);
  std::string missed;
  for (size_t i = 0; i < read.newer.size(); ++i) {
    missed += (i == 0 ? "" : " nor ") + std::string("step ") + std::to_string(read.newer[i]) +
              " (" + StoreText(trace, read.newer[i]) + ")";
    read.involved.push_back(read.newer[i]);
  }
  read.why = "not from " + missed + ": ";
  if (HappensBefore(store, load)) {
    // Coherence forbids this; the trace says otherwise. Say what it says, claim nothing more.
    read.why += "step " + std::to_string(store.step) + " happens before this load";
    return;
  }
  read.why += "no happens-before from step " + std::to_string(store.step) + " to this " +
              LoadNoun(load) + " (" + WithArticle(store.order) + " " + StoreNoun(store) + " and " +
              WithArticle(load.order) + " " + LoadNoun(load);

  if (const auto [sent, received] = MessageChain(trace, store, load); sent != nullptr) {
    const TraceEvent* release_fence =
        FenceBetween(trace, store.thread, store.step, sent->step, IsRelease);
    const TraceEvent* acquire_fence =
        FenceBetween(trace, load.thread, received->step, load.step, IsAcquire);
    const bool release = IsRelease(sent->order) || release_fence != nullptr;
    const bool acquire = IsAcquire(received->order) || acquire_fence != nullptr;
    read.involved.push_back(sent->step);
    read.involved.push_back(received->step);
    const std::string s = std::to_string(store.step);
    const std::string w = std::to_string(sent->step);
    const std::string r = std::to_string(received->step);
    const std::string l = std::to_string(load.step);
    std::vector<std::string> missing;
    std::vector<std::string> fixes;
    if (!release) {
      missing.push_back("the " + StoreNoun(*sent) + " at step " + w + " is " +
                        std::string(MemoryOrderName(sent->order)) +
                        " with no release fence before it");
      fixes.push_back("make step " + w + " a release " + StoreNoun(*sent) +
                      " (or put a release fence between steps " + s + " and " + w + ")");
    }
    if (!acquire) {
      missing.push_back("the " + LoadNoun(*received) + " at step " + r + " is " +
                        std::string(MemoryOrderName(received->order)) +
                        " with no acquire fence after it");
      fixes.push_back((release ? "make step " : "step ") + r + " an acquire " +
                      LoadNoun(*received) + " (or put an acquire fence between steps " + r +
                      " and " + l + ")");
    }
    read.why += "; " + loader + " read " + ObjectName(trace, received->object) + " at step " + r +
                " from " + storer + "'s " + StoreNoun(*sent) + " at step " + w +
                ", made after step " + s;
    if (missing.empty()) {
      read.why += ")";  // A release sequence broken by another thread's store; say no more.
      return;
    }
    read.why += ", but ";
    for (size_t i = 0; i < missing.size(); ++i) read.why += (i == 0 ? "" : " and ") + missing[i];
    read.why += ": no release/acquire pair)";
    for (size_t i = 0; i < fixes.size(); ++i) read.forbid += (i == 0 ? "" : " and ") + fixes[i];
    read.forbid += ": step " + s + " then happens before step " + l;
    return;
  }

  if (const auto [mine, theirs] = StoreBuffering(trace, store, load); mine != nullptr) {
    read.involved.push_back(mine->step);
    read.involved.push_back(theirs->step);
    read.why += "; no release/acquire pair or fence orders them, and " + storer + "'s " +
                LoadNoun(*theirs) + " of " + ObjectName(trace, theirs->object) + " at step " +
                std::to_string(theirs->step) + " missed " + loader + "'s " + StoreNoun(*mine) +
                " at step " + std::to_string(mine->step) + " too: store buffering)";
    read.forbid = "seq_cst on both stores and both loads (steps " +
                  Steps({mine->step, load.step, store.step, theirs->step}) +
                  "), or a seq_cst fence between each thread's store and load";
    return;
  }

  read.why += "; no release/acquire pair between " + storer + " and " + loader + " orders them";
  if (!ThreadHasFence(trace, store.thread) && !ThreadHasFence(trace, load.thread)) {
    read.why += ", no fence";
  }
  read.why += ")";
}

}  // namespace

bool WeakMemoryNotes::HasWeakReads() const {
  return std::any_of(reads.begin(), reads.end(), [](const auto& r) { return r.second.weak; });
}

std::string StoredValue(const Trace& trace, int step) {
  const TraceEvent* event = EventAt(trace, step);
  if (event == nullptr) return "";
  if (event->kind == OpKind::kWrite) return event->value;
  // A read-modify-write's value: "fetch_add: 0 -> 1", "compare_exchange 0 -> 1".
  const auto arrow = event->value.rfind(" -> ");
  return arrow == std::string::npos ? "" : event->value.substr(arrow + 4);
}

std::string StoreText(const Trace& trace, int step) {
  const TraceEvent* event = EventAt(trace, step);
  if (step == kInitialValue || event == nullptr) return "the initial value";
  std::string what = "store";
  if (event->kind == OpKind::kUpdate) {
    what = event->value.substr(0, event->value.find_first_of(" :"));
    // An unmodified program's read-modify-write shows only the value it read ("0").
    if (what.empty() || std::isalpha(static_cast<unsigned char>(what[0])) == 0) {
      what = "read-modify-write";
    }
  }
  const std::string value = StoredValue(trace, step);
  return ThreadName(trace, event->thread) + "'s " + what + " " + ObjectName(trace, event->object) +
         (value.empty() ? "" : " = " + value);
}

WeakMemoryNotes ExplainWeakMemory(const Trace& trace) {
  WeakMemoryNotes notes;
  if (trace.memory_model != MemoryModel::kRc11) return notes;
  notes.annotate = std::any_of(trace.events.begin(), trace.events.end(), [](const auto& event) {
    return event.kind == OpKind::kFence ||
           (event.order != MemoryOrder::kNone && event.order != MemoryOrder::kSeqCst);
  });
  if (!notes.annotate) return notes;

  // Each store's index in its atomic's modification order, by step (a long spin loop has many
  // reads of a long modification order: no search per read).
  std::vector<int> mo_index(trace.events.size() + 1, -1);
  for (const ObjectInfo& object : trace.objects) {
    for (size_t i = 0; i < object.modification_order.size(); ++i) {
      const int step = object.modification_order[i];
      if (step > 0 && step < static_cast<int>(mo_index.size())) {
        mo_index[static_cast<size_t>(step)] = static_cast<int>(i);
      }
    }
  }
  std::set<ObjectId> weakly_read;
  for (const TraceEvent& event : trace.events) {
    if (!IsAtomicRead(trace, event)) continue;
    ReadExplanation read;
    read.step = event.step;
    read.reads_from = event.reads_from;
    read.involved.push_back(event.step);
    if (event.reads_from == kInitialValue) {
      read.source = "from the initial value";
    } else {
      read.source = "from step " + std::to_string(event.reads_from) + " (" +
                    ThreadName(trace, EventAt(trace, event.reads_from) != nullptr
                                          ? EventAt(trace, event.reads_from)->thread
                                          : kNoThread) +
                    ")";
      read.involved.push_back(event.reads_from);
    }
    const std::vector<int>& mo = trace.objects[event.object].modification_order;
    const int read_at = event.reads_from == kInitialValue ? MoIndex(mo, kInitialValue)
                        : event.reads_from < static_cast<int>(mo_index.size())
                            ? mo_index[static_cast<size_t>(event.reads_from)]
                            : -1;
    if (read_at >= 0) {
      for (size_t i = static_cast<size_t>(read_at) + 1; i < mo.size(); ++i) {
        if (mo[i] != kInitialValue && mo[i] < event.step) read.newer.push_back(mo[i]);
      }
    }
    if (!read.newer.empty()) {
      read.weak = true;
      weakly_read.insert(event.object);
      ExplainWeakRead(trace, event, read);
    }
    notes.reads.emplace(event.step, std::move(read));
  }

  for (ObjectId o = 0; o < static_cast<ObjectId>(trace.objects.size()); ++o) {
    const std::vector<int>& mo = trace.objects[o].modification_order;
    if (trace.objects[o].kind != ObjectKind::kAtomic || mo.size() < 2) continue;
    const bool reordered = !std::is_sorted(mo.begin(), mo.end());
    if (!reordered && !(mo.size() > 2 && weakly_read.count(o) > 0)) continue;
    std::string text = trace.objects[o].name + ":";
    for (size_t i = 0; i < mo.size(); ++i) {
      text += i == 0 ? " " : ", ";
      if (mo[i] == kInitialValue) {
        text += "the initial value";
        continue;
      }
      const TraceEvent* event = EventAt(trace, mo[i]);
      const std::string value = StoredValue(trace, mo[i]);
      text += "step " + std::to_string(mo[i]) + " (" +
              ThreadName(trace, event != nullptr ? event->thread : kNoThread) +
              (value.empty() ? "" : ": " + trace.objects[o].name + " = " + value) + ")";
    }
    if (reordered) text += " (not the order the stores ran)";
    notes.modification_orders.emplace(o, std::move(text));
  }
  return notes;
}

}  // namespace interleave
