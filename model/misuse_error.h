// MisuseError: the model backend's error for a lock misuse of the program under test.
#ifndef INTERLEAVE_MODEL_MISUSE_ERROR_H_
#define INTERLEAVE_MODEL_MISUSE_ERROR_H_

#include <string>

#include "model/error.h"
#include "model/trace.h"

namespace interleave {

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

#endif  // INTERLEAVE_MODEL_MISUSE_ERROR_H_
