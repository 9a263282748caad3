// ModelError: a scenario broke a rule of the model (used a model object outside an execution,
// misused a primitive the tool cannot give meaning to, behaved nondeterministically). The
// execution that raises it ends and the checker reports the verdict ERROR with the message;
// it is never a finding about the program under test.
#ifndef INTERLEAVE_MODEL_ERROR_H_
#define INTERLEAVE_MODEL_ERROR_H_

#include <stdexcept>
#include <string>

#include "model/trace.h"

namespace interleave {

class ModelError : public std::runtime_error {
 public:
  explicit ModelError(const std::string& message) : std::runtime_error(message) {}
};

// A lock misused the way a real program can misuse it (release of an unheld Lock, a Mutex or
// RLock released by a thread that does not hold it; Python raises RuntimeError). Unlike other
// ModelErrors it is about the program under test: the execution ends with EndReason::kMisuse,
// and the LOCK MISUSE detector reports `misuse`.
class MisuseError : public ModelError {
 public:
  MisuseError(const std::string& message, const LockMisuse& misuse)
      : ModelError(message), misuse_(misuse) {}
  const LockMisuse& misuse() const { return misuse_; }

 private:
  LockMisuse misuse_;
};

}  // namespace interleave

#endif  // INTERLEAVE_MODEL_ERROR_H_
