#include "model/weak_memory.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>

namespace interleave {
namespace {

bool IsAcquire(MemoryOrder order) {
  return order == MemoryOrder::kAcquire || order == MemoryOrder::kAcqRel ||
         order == MemoryOrder::kSeqCst;
}

bool IsRelease(MemoryOrder order) {
  return order == MemoryOrder::kRelease || order == MemoryOrder::kAcqRel ||
         order == MemoryOrder::kSeqCst;
}

// Rows of bits, one row per node: the relations psc is built from.
class BitMatrix {
 public:
  explicit BitMatrix(int n) : n_(n), words_((n + 63) / 64), bits_(n * words_, 0) {}
  void Set(int i, int j) { bits_[Index(i, j)] |= Bit(j); }
  bool Get(int i, int j) const { return (bits_[Index(i, j)] & Bit(j)) != 0; }
  uint64_t* Row(int i) { return &bits_[static_cast<std::size_t>(i) * words_]; }
  const uint64_t* Row(int i) const { return &bits_[static_cast<std::size_t>(i) * words_]; }
  int words() const { return words_; }

 private:
  std::size_t Index(int i, int j) const {
    return static_cast<std::size_t>(i) * words_ + static_cast<std::size_t>(j / 64);
  }
  static uint64_t Bit(int j) { return uint64_t{1} << (j % 64); }
  int n_;
  int words_;
  std::vector<uint64_t> bits_;
};

bool Intersects(const uint64_t* a, const uint64_t* b, int words) {
  for (int w = 0; w < words; ++w) {
    if ((a[w] & b[w]) != 0) return true;
  }
  return false;
}

void OrInto(uint64_t* into, const uint64_t* row, int words) {
  for (int w = 0; w < words; ++w) into[w] |= row[w];
}

uint64_t Mix(uint64_t h) {  // splitmix64's finaliser.
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  return h ^ (h >> 31);
}

uint64_t Combine(uint64_t seed, uint64_t value) {
  return Mix(seed ^ Mix(value + 0x9e3779b97f4a7c15ULL));
}

}  // namespace

void WeakMemory::Reset(MemoryModel model) {
  model_ = model;
  weak_ = false;
  locations_.clear();
  location_of_.clear();
  threads_.clear();
  nodes_.clear();
  sc_nodes_ = 0;
  sc_fences_ = 0;
}

void WeakMemory::AddLocation(ObjectId object) {
  if (static_cast<std::size_t>(object) >= location_of_.size()) {
    location_of_.resize(static_cast<std::size_t>(object) + 1, -1);
  }
  location_of_[object] = static_cast<int>(locations_.size());
  Location& location = locations_.emplace_back();
  location.object = object;
  location.messages.emplace_back();  // The initial value: happens before everything.
  location.mo.push_back(0);
  location.position.push_back(0);
}

int WeakMemory::MessageCount(ObjectId object) const {
  if (static_cast<std::size_t>(object) >= location_of_.size() || location_of_[object] < 0) {
    return 0;
  }
  return static_cast<int>(locations_[location_of_[object]].messages.size());
}

WeakMemory::ThreadState& WeakMemory::StateOf(ThreadId thread) {
  if (static_cast<std::size_t>(thread) >= threads_.size()) {
    threads_.resize(static_cast<std::size_t>(thread) + 1);
  }
  return threads_[thread];
}

int WeakMemory::VisibleFrom(const Location& location, const VectorClock& clock) const {
  int from = 0;
  for (std::size_t m = 1; m < location.messages.size(); ++m) {
    const Message& message = location.messages[m];
    if (clock.Get(message.thread) >= message.tick) from = std::max(from, location.position[m]);
  }
  for (const Read& read : location.reads) {
    if (clock.Get(read.thread) >= read.tick) {
      from = std::max(from, location.position[read.message]);
    }
  }
  return from;
}

bool WeakMemory::Taken(const Location& location, int index) const {
  const std::size_t next = static_cast<std::size_t>(index) + 1;
  return next < location.mo.size() &&
         location.messages[location.mo[next]].rmw_source == location.mo[index];
}

void WeakMemory::Insert(Location& location, int message, int index) {
  location.mo.insert(location.mo.begin() + index, message);
  location.position.resize(location.messages.size());
  for (std::size_t i = static_cast<std::size_t>(index); i < location.mo.size(); ++i) {
    location.position[location.mo[i]] = static_cast<int>(i);
  }
}

void WeakMemory::Erase(Location& location, int index) {
  location.mo.erase(location.mo.begin() + index);
  for (std::size_t i = static_cast<std::size_t>(index); i < location.mo.size(); ++i) {
    location.position[location.mo[i]] = static_cast<int>(i);
  }
}

VectorClock WeakMemory::StoreSync(const AtomicAccess& access, Location& location,
                                  MemoryOrder order) {
  auto head = std::find_if(location.release_heads.begin(), location.release_heads.end(),
                           [&](const auto& h) { return h.first == access.thread; });
  if (IsRelease(order)) {
    if (head == location.release_heads.end()) {
      location.release_heads.emplace_back(access.thread, access.clock);
    } else {
      head->second = access.clock;
    }
    return access.clock;
  }
  VectorClock sync;
  const ThreadState& state = StateOf(access.thread);
  if (state.has_release_fence) sync = state.release_fence;
  if (head != location.release_heads.end()) sync.Join(head->second);
  return sync;
}

void WeakMemory::Acquire(const AtomicAccess& access, const Message& message, MemoryOrder order) {
  if (model_ == MemoryModel::kSc) return;  // The execution joins the object's clock instead.
  if (IsAcquire(order)) {
    access.clock.Join(message.sync);
    access.event.clock = access.clock;
  } else {
    StateOf(access.thread).acquire_pending.Join(message.sync);
  }
}

void WeakMemory::AddNode(const AtomicAccess& access, int location, int read, int wrote, bool sc) {
  if (model_ == MemoryModel::kSc) return;
  nodes_.push_back(Node{access.thread, access.clock.Get(access.thread), location, read, wrote, sc,
                        access.clock});
  if (sc) ++sc_nodes_;
  if (sc && location < 0) ++sc_fences_;  // Fences are added for good (no candidate checks).
}

bool WeakMemory::HasNewer(ObjectId object, int message) const {
  const Location& location = locations_[location_of_[object]];
  return location.position[message] + 1 < static_cast<int>(location.mo.size());
}

int WeakMemory::Latest(ObjectId object) const { return locations_[location_of_[object]].mo.back(); }

int WeakMemory::Load(const AtomicAccess& access, ObjectId object, MemoryOrder order, int after) {
  if (model_ == MemoryModel::kSc) order = MemoryOrder::kSeqCst;
  if (order != MemoryOrder::kSeqCst) weak_ = true;
  const int index = location_of_[object];
  Location& location = locations_[index];
  const bool sc = order == MemoryOrder::kSeqCst;
  candidates_.clear();
  const int last = static_cast<int>(location.mo.size()) - 1;
  int from = weak_ ? VisibleFrom(location, access.clock) : last;
  if (after >= 0) from = std::max(from, location.position[after] + 1);
  for (int i = last; i >= from; --i) {
    const int message = location.mo[i];
    if (CheckPsc(sc)) {
      const VectorClock saved = access.clock;
      if (IsAcquire(order)) access.clock.Join(location.messages[message].sync);
      AddNode(access, index, message, -1, sc);
      const bool ok = PscAcyclic();
      nodes_.pop_back();
      if (sc) --sc_nodes_;
      access.clock = saved;
      if (!ok) continue;
    }
    candidates_.push_back(message);
  }
  if (candidates_.empty()) return -1;
  const int message = candidates_[access.choose(static_cast<int>(candidates_.size()))];
  Acquire(access, location.messages[message], order);
  location.reads.push_back(Read{access.thread, access.clock.Get(access.thread), message});
  AddNode(access, index, message, -1, sc);
  access.event.order = order;
  access.event.reads_from = location.messages[message].step;
  access.event.weak_choice = weak_;
  return message;
}

int WeakMemory::Store(const AtomicAccess& access, ObjectId object, MemoryOrder order) {
  if (model_ == MemoryModel::kSc) order = MemoryOrder::kSeqCst;
  if (order != MemoryOrder::kSeqCst) weak_ = true;
  const int index = location_of_[object];
  Location& location = locations_[index];
  const bool sc = order == MemoryOrder::kSeqCst;
  const int end = static_cast<int>(location.mo.size());
  const int from = weak_ ? VisibleFrom(location, access.clock) + 1 : end;
  const int message = static_cast<int>(location.messages.size());
  location.messages.push_back(Message{access.thread, access.event.step,
                                      access.clock.Get(access.thread),
                                      StoreSync(access, location, order), -1});
  candidates_.clear();
  for (int at = end; at >= from; --at) {
    if (at < end && Taken(location, at - 1)) continue;  // Between an RMW and what it read.
    if (CheckPsc(sc)) {
      Insert(location, message, at);
      AddNode(access, index, -1, message, sc);
      const bool ok = PscAcyclic();
      nodes_.pop_back();
      if (sc) --sc_nodes_;
      Erase(location, at);
      if (!ok) continue;
    }
    candidates_.push_back(at);
  }
  if (candidates_.empty()) {
    location.messages.pop_back();
    return -1;
  }
  const int at = candidates_[access.choose(static_cast<int>(candidates_.size()))];
  Insert(location, message, at);
  AddNode(access, index, -1, message, sc);
  access.event.order = order;
  access.event.weak_choice = weak_;
  return message;
}

RmwResult WeakMemory::Update(const AtomicAccess& access, ObjectId object, MemoryOrder success,
                             MemoryOrder failure, FunctionRef<RmwOutcome(int)> outcome,
                             FunctionRef<void(int)> write, bool allow_spurious, int no_spurious_on,
                             int after) {
  if (model_ == MemoryModel::kSc) success = failure = MemoryOrder::kSeqCst;
  if (success != MemoryOrder::kSeqCst || failure != MemoryOrder::kSeqCst) weak_ = true;
  const int index = location_of_[object];
  Location& location = locations_[index];
  const int last = static_cast<int>(location.mo.size()) - 1;
  int from = weak_ ? VisibleFrom(location, access.clock) : last;
  if (after >= 0) from = std::max(from, location.position[after] + 1);
  // Candidates: (message << 1) | writes.
  candidates_.clear();
  for (int i = last; i >= from; --i) {
    const int message = location.mo[i];
    const RmwOutcome result = outcome(message);
    kinds_.clear();
    if (result != RmwOutcome::kFails && !Taken(location, i)) kinds_.push_back(1);
    if (result == RmwOutcome::kFails ||
        (result == RmwOutcome::kMayFailSpuriously && allow_spurious && message != no_spurious_on)) {
      kinds_.push_back(0);
    }
    for (const int writes : kinds_) {
      const MemoryOrder order = writes != 0 ? success : failure;
      const bool sc = order == MemoryOrder::kSeqCst;
      if (CheckPsc(sc)) {
        const VectorClock saved = access.clock;
        if (IsAcquire(order)) access.clock.Join(location.messages[message].sync);
        const int written = static_cast<int>(location.messages.size());
        if (writes != 0) {
          location.messages.push_back(Message{
              access.thread, access.event.step, access.clock.Get(access.thread), {}, message});
          Insert(location, written, i + 1);
        }
        AddNode(access, index, message, writes != 0 ? written : -1, sc);
        const bool ok = PscAcyclic();
        nodes_.pop_back();
        if (sc) --sc_nodes_;
        if (writes != 0) {
          Erase(location, i + 1);
          location.messages.pop_back();
          location.position.resize(location.messages.size());
        }
        access.clock = saved;
        if (!ok) continue;
      }
      candidates_.push_back((message << 1) | writes);
    }
  }
  if (candidates_.empty()) return RmwResult{-1, false};
  const int chosen = candidates_[access.choose(static_cast<int>(candidates_.size()))];
  const int message = chosen >> 1;
  const bool writes = (chosen & 1) != 0;
  const MemoryOrder order = writes ? success : failure;
  const bool sc = order == MemoryOrder::kSeqCst;
  Acquire(access, location.messages[message], order);
  access.event.order = order;
  access.event.reads_from = location.messages[message].step;
  access.event.weak_choice = weak_;
  if (!writes) {
    location.reads.push_back(Read{access.thread, access.clock.Get(access.thread), message});
    AddNode(access, index, message, -1, sc);
    return RmwResult{message, false};
  }
  write(message);
  // The release sequence goes on through the RMW: it carries what the store it read carried.
  VectorClock sync = StoreSync(access, location, order);
  sync.Join(location.messages[message].sync);
  const int written = static_cast<int>(location.messages.size());
  location.messages.push_back(Message{access.thread, access.event.step,
                                      access.clock.Get(access.thread), std::move(sync), message});
  Insert(location, written, location.position[message] + 1);
  location.reads.push_back(Read{access.thread, access.clock.Get(access.thread), message});
  AddNode(access, index, message, written, sc);
  return RmwResult{message, true};
}

void WeakMemory::Fence(const AtomicAccess& access, MemoryOrder order) {
  access.event.order = order;
  if (model_ == MemoryModel::kSc || order == MemoryOrder::kRelaxed) return;
  if (order != MemoryOrder::kSeqCst) weak_ = true;
  ThreadState& state = StateOf(access.thread);
  if (IsAcquire(order)) {
    access.clock.Join(state.acquire_pending);
    access.event.clock = access.clock;
  }
  if (IsRelease(order)) {
    state.release_fence = access.clock;
    state.has_release_fence = true;
  }
  AddNode(access, -1, -1, -1, order == MemoryOrder::kSeqCst);
}

void WeakMemory::ReadLatest(const AtomicAccess& access, ObjectId object) {
  if (model_ == MemoryModel::kSc || object < 0 ||
      static_cast<std::size_t>(object) >= location_of_.size() || location_of_[object] < 0) {
    return;
  }
  const int index = location_of_[object];
  Location& location = locations_[index];
  const int message = location.mo.back();
  location.reads.push_back(Read{access.thread, access.clock.Get(access.thread), message});
  // A relaxed read in the graph (psc's fr edges from it: after a KernelFence, the fence orders
  // what the thread did before it ahead of the stores that overwrite what it read). Reading
  // the latest store adds no cycle: nothing follows it in mo, or in its thread, yet.
  AddNode(access, index, message, -1, false);
  access.event.reads_from = location.messages[message].step;
}

void WeakMemory::KernelFence(const AtomicAccess& access) {
  const MemoryOrder order = access.event.order;
  Fence(access, MemoryOrder::kSeqCst);
  access.event.order = order;
}

bool WeakMemory::PscAcyclic() const {
  const int n = static_cast<int>(nodes_.size());
  auto same_location = [&](int a, int b) {
    return nodes_[a].location >= 0 && nodes_[a].location == nodes_[b].location;
  };
  auto sb = [&](int a, int b) {
    return nodes_[a].thread == nodes_[b].thread && nodes_[a].tick < nodes_[b].tick;
  };
  auto wpos = [&](int a) { return locations_[nodes_[a].location].position[nodes_[a].wrote]; };
  auto rpos = [&](int a) { return locations_[nodes_[a].location].position[nodes_[a].read]; };
  BitMatrix hb(n), hb_before(n), scb(n), eco(n);
  for (int a = 0; a < n; ++a) {
    for (int b = 0; b < n; ++b) {
      if (a != b && nodes_[b].clock.Get(nodes_[a].thread) >= nodes_[a].tick) {
        hb.Set(a, b);
        hb_before.Set(b, a);
      }
    }
  }
  // sb|≠loc ; hb ; sb|≠loc, through the rows of hb.
  BitMatrix after(n);   // after[a]: the union of hb rows of x with sb(a, x), x elsewhere.
  BitMatrix before(n);  // before[b]: y with sb(y, b), y elsewhere.
  for (int a = 0; a < n; ++a) {
    for (int x = 0; x < n; ++x) {
      if (sb(a, x) && !same_location(a, x)) OrInto(after.Row(a), hb.Row(x), hb.words());
      if (sb(x, a) && !same_location(x, a)) before.Set(a, x);
    }
  }
  for (int a = 0; a < n; ++a) {
    const Node& x = nodes_[a];
    for (int b = 0; b < n; ++b) {
      if (a == b) continue;
      const Node& y = nodes_[b];
      bool edge = sb(a, b) || (same_location(a, b) && hb.Get(a, b)) ||
                  Intersects(after.Row(a), before.Row(b), hb.words());
      if (same_location(a, b)) {
        const bool mo = x.wrote >= 0 && y.wrote >= 0 && wpos(a) < wpos(b);
        const bool fr = x.read >= 0 && y.wrote >= 0 && wpos(b) > rpos(a);
        edge = edge || mo || fr;
        const bool eco_edge =
            x.wrote >= 0
                ? ((y.wrote >= 0 && wpos(b) > wpos(a)) || (y.read >= 0 && rpos(b) >= wpos(a)))
                : x.read >= 0 &&
                      ((y.wrote >= 0 && wpos(b) > rpos(a)) || (y.read >= 0 && rpos(b) > rpos(a)));
        if (eco_edge) eco.Set(a, b);
      }
      if (edge) scb.Set(a, b);
    }
  }
  // psc over the SC nodes.
  std::vector<int> sc;
  for (int a = 0; a < n; ++a) {
    if (nodes_[a].sc) sc.push_back(a);
  }
  const int m = static_cast<int>(sc.size());
  const int words = hb.words();
  std::vector<std::vector<int>> psc(static_cast<std::size_t>(m));
  std::vector<uint64_t> left(static_cast<std::size_t>(words));
  std::vector<uint64_t> right(static_cast<std::size_t>(words));
  std::vector<uint64_t> through(static_cast<std::size_t>(words));
  for (int i = 0; i < m; ++i) {
    const int a = sc[i];
    const bool a_fence = nodes_[a].location < 0;
    // left: scb rows of a and (for a fence) of everything hb-after it.
    std::fill(left.begin(), left.end(), 0);
    OrInto(left.data(), scb.Row(a), words);
    std::fill(through.begin(), through.end(), 0);
    if (a_fence) {
      for (int x = 0; x < n; ++x) {
        if (hb.Get(a, x)) {
          OrInto(left.data(), scb.Row(x), words);
          OrInto(through.data(), eco.Row(x), words);  // hb ; eco
        }
      }
    }
    for (int j = 0; j < m; ++j) {
      const int b = sc[j];
      const bool b_fence = nodes_[b].location < 0;
      std::fill(right.begin(), right.end(), 0);
      right[static_cast<std::size_t>(b / 64)] |= uint64_t{1} << (b % 64);
      if (b_fence) OrInto(right.data(), hb_before.Row(b), words);
      bool edge = Intersects(left.data(), right.data(), words);
      if (!edge && a_fence && b_fence) {
        edge = hb.Get(a, b) || Intersects(through.data(), hb_before.Row(b), words);
      }
      if (edge) {
        if (a == b) return false;
        psc[static_cast<std::size_t>(i)].push_back(j);
      }
    }
  }
  // Acyclic: a depth-first search with colours.
  std::vector<int> colour(static_cast<std::size_t>(m), 0);
  std::vector<std::pair<int, std::size_t>> stack;
  for (int root = 0; root < m; ++root) {
    if (colour[root] != 0) continue;
    stack.emplace_back(root, 0);
    colour[root] = 1;
    while (!stack.empty()) {
      auto& [node, next] = stack.back();
      if (next < psc[node].size()) {
        const int to = psc[node][next++];
        if (colour[to] == 1) return false;
        if (colour[to] == 0) {
          colour[to] = 1;
          stack.emplace_back(to, 0);
        }
      } else {
        colour[node] = 2;
        stack.pop_back();
      }
    }
  }
  return true;
}

void WeakMemory::Finish(Trace& trace) const {
  for (const Location& location : locations_) {
    std::vector<int>& order = trace.objects[location.object].modification_order;
    order.clear();
    for (const int message : location.mo) order.push_back(location.messages[message].step);
  }
  trace.memory_model = model_;
  trace.graph_print = 0;
  // Only with a weak operation: while every atomic operation is seq_cst, each interleaving
  // class is a graph of its own already (a load reads the latest store), and the counts stay
  // those of the interleavings (dfs) and their classes (dpor).
  if (model_ != MemoryModel::kRc11 || !weak_) return;
  // Each event as (thread, position in its thread, what it is and did, what it read or
  // follows), summed so that the interleaving order does not matter. An atomic store names its
  // predecessor in mo; an operation on any other object the last change to it that came
  // before. What an event did (its value, a timeout) is the graph's, so equal graphs agree on
  // it, and executions that differ in anything else never share a print.
  std::vector<uint32_t> local;
  std::vector<uint64_t> identity(trace.events.size() + 1, 0);  // By step; 1: the initial value.
  for (const TraceEvent& event : trace.events) {
    if (event.thread < 0) continue;
    if (static_cast<std::size_t>(event.thread) >= local.size()) local.resize(event.thread + 1, 0);
    identity[static_cast<std::size_t>(event.step)] =
        Combine(static_cast<uint64_t>(event.thread) + 2, ++local[event.thread]);
  }
  auto identity_of = [&](int step) {
    return step == kInitialValue ? uint64_t{1} : identity[static_cast<std::size_t>(step)];
  };
  std::vector<int> mo_before(trace.events.size() + 1, -1);  // By step: its mo predecessor.
  for (const Location& location : locations_) {
    for (std::size_t i = 1; i < location.mo.size(); ++i) {
      const int step = location.messages[location.mo[i]].step;
      mo_before[static_cast<std::size_t>(step)] = location.messages[location.mo[i - 1]].step;
    }
  }
  std::vector<uint64_t> last_change(trace.objects.size(), 0);
  const std::hash<std::string> hash_text;
  uint64_t sum = 0;
  for (const TraceEvent& event : trace.events) {
    if (event.thread < 0) continue;
    uint64_t h = Combine(identity_of(event.step), static_cast<uint64_t>(event.kind) * 131 +
                                                      static_cast<uint64_t>(event.object + 1) * 7 +
                                                      static_cast<uint64_t>(event.order));
    h = Combine(h, hash_text(event.value));
    h = Combine(h, static_cast<uint64_t>(event.timed_out) +
                       (static_cast<uint64_t>(event.observes + 1) << 1) +
                       (static_cast<uint64_t>(event.time) << 20));
    const bool atomic = event.object != kNoObject &&
                        static_cast<std::size_t>(event.object) < location_of_.size() &&
                        location_of_[event.object] >= 0;
    if (atomic) {
      if (event.reads_from >= 0) h = Combine(h, identity_of(event.reads_from));
      const int before = mo_before[static_cast<std::size_t>(event.step)];
      if (before >= 0) h = Combine(h, identity_of(before) + 3);
    } else if (event.object != kNoObject) {
      h = Combine(h, last_change[event.object]);
      if (OpModifies(event.kind)) last_change[event.object] = identity_of(event.step);
    }
    sum += Mix(h);
  }
  trace.graph_print = sum == 0 ? 1 : sum;
}

}  // namespace interleave
