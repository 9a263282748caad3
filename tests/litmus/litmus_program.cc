#include "tests/litmus/litmus_program.h"

#include <memory>
#include <sstream>
#include <utility>

#include "model/atomic.h"
#include "model/model.h"

namespace interleave::litmus {
namespace {

bool ParseOrder(const std::string& word, std::memory_order* order) {
  if (word == "rlx") {
    *order = std::memory_order_relaxed;
  } else if (word == "acq") {
    *order = std::memory_order_acquire;
  } else if (word == "rel") {
    *order = std::memory_order_release;
  } else if (word == "acqrel") {
    *order = std::memory_order_acq_rel;
  } else if (word == "sc") {
    *order = std::memory_order_seq_cst;
  } else {
    return false;
  }
  return true;
}

LitmusProgram Error(std::string message) {
  LitmusProgram program;
  program.error = std::move(message);
  return program;
}

}  // namespace

int LitmusProgram::Operations() const {
  int count = 0;
  for (const std::vector<Op>& thread : threads) count += static_cast<int>(thread.size());
  return count;
}

bool LitmusProgram::AllSeqCst() const {
  for (const std::vector<Op>& thread : threads) {
    for (const Op& op : thread) {
      if (op.order != std::memory_order_seq_cst) return false;
    }
  }
  return observed.empty();
}

LitmusProgram ParseLitmus(const std::string& text, const std::string& observed) {
  LitmusProgram program;
  auto location = [&program](const std::string& name) {
    for (std::size_t i = 0; i < program.locations.size(); ++i) {
      if (program.locations[i] == name) return static_cast<int>(i);
    }
    program.locations.push_back(name);
    return static_cast<int>(program.locations.size()) - 1;
  };
  std::stringstream threads(text);
  std::string thread_text;
  while (std::getline(threads, thread_text, '|')) {
    program.threads.emplace_back();
    std::stringstream ops(thread_text);
    std::string op_text;
    while (std::getline(ops, op_text, ';')) {
      std::stringstream words(op_text);
      std::string kind;
      if (!(words >> kind)) continue;
      Op op;
      std::string loc;
      std::string order;
      std::string reg;
      bool ok = true;
      if (kind == "W") {
        op.kind = Op::kStore;
        ok = static_cast<bool>(words >> loc >> op.value >> order);
      } else if (kind == "R") {
        op.kind = Op::kLoad;
        ok = static_cast<bool>(words >> loc >> reg >> order);
      } else if (kind == "F") {
        op.kind = Op::kFence;
        ok = static_cast<bool>(words >> order);
      } else if (kind == "FAA" || kind == "XCHG") {
        op.kind = kind == "FAA" ? Op::kFetchAdd : Op::kExchange;
        ok = static_cast<bool>(words >> loc >> op.value >> order >> reg);
      } else {
        ok = false;
      }
      std::string rest;
      if (!ok || !ParseOrder(order, &op.order) || (words >> rest)) {
        return Error("cannot parse \"" + op_text + "\"");
      }
      if (!loc.empty()) op.location = location(loc);
      if (!reg.empty() && reg != "-") {
        if (reg != "r" + std::to_string(program.registers)) {
          return Error("register " + reg + ": registers must be r0, r1, ... in order");
        }
        op.reg = program.registers++;
      }
      program.threads.back().push_back(op);
    }
  }
  if (program.threads.empty()) return Error("no threads");
  std::stringstream names(observed);
  std::string name;
  while (names >> name) program.observed.push_back(location(name));
  return program;
}

std::function<void()> LitmusBody(const LitmusProgram& program) {
  return [&program] {
    std::vector<std::unique_ptr<Atomic<int>>> atomics;
    for (const std::string& name : program.locations) {
      atomics.push_back(std::make_unique<Atomic<int>>(name, 0));
    }
    std::vector<int> registers(static_cast<std::size_t>(program.registers), -1);
    std::vector<Thread> threads;
    threads.reserve(program.threads.size());
    for (std::size_t t = 0; t < program.threads.size(); ++t) {
      threads.emplace_back(
          [&, t] {
            for (const Op& op : program.threads[t]) {
              Atomic<int>* atomic =
                  op.location >= 0 ? atomics[static_cast<std::size_t>(op.location)].get() : nullptr;
              int read = 0;
              switch (op.kind) {
                case Op::kStore:
                  atomic->store(op.value, op.order);
                  break;
                case Op::kLoad:
                  read = atomic->load(op.order);
                  break;
                case Op::kFence:
                  atomic_fence(op.order);
                  break;
                case Op::kFetchAdd:
                  read = atomic->fetch_add(op.value, op.order);
                  break;
                case Op::kExchange:
                  read = atomic->exchange(op.value, op.order);
                  break;
              }
              if (op.reg >= 0) registers[static_cast<std::size_t>(op.reg)] = read;
            }
          },
          "T" + std::to_string(t));
    }
    for (Thread& thread : threads) thread.start();
    for (Thread& thread : threads) thread.join();
    for (int r = 0; r < program.registers; ++r) {
      outcome("r" + std::to_string(r), registers[static_cast<std::size_t>(r)]);
    }
    for (const int location : program.observed) {
      outcome(program.locations[static_cast<std::size_t>(location)],
              atomics[static_cast<std::size_t>(location)]->load(std::memory_order_relaxed));
    }
  };
}

std::set<std::string> OutcomeTexts(const LitmusProgram& program, const std::string& compact) {
  std::vector<std::string> columns;
  for (int r = 0; r < program.registers; ++r) columns.push_back("r" + std::to_string(r));
  for (const int location : program.observed) {
    columns.push_back(program.locations[static_cast<std::size_t>(location)]);
  }
  std::set<std::string> texts;
  std::stringstream words(compact);
  std::string word;
  while (words >> word) {
    std::string text;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (i > 0) text += ", ";
      text += columns[i] + "=" + (i < word.size() ? std::string(1, word[i]) : "?");
    }
    if (word.size() != columns.size()) text += " (bad table entry " + word + ")";
    texts.insert(text);
  }
  return texts;
}

}  // namespace interleave::litmus
