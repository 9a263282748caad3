// Native backend (see "The native backend" in docs/implementation-notes.md): the same as
// model/'s file of this name, copied because "model/..." resolves to native/model/ here.
// ModelError: a scenario broke a rule of the model (used a model object outside an execution,
// misused a primitive the tool cannot give meaning to, behaved nondeterministically). The
// execution that raises it ends and the checker reports the verdict ERROR with the message;
// it is never a finding about the program under test.
#ifndef INTERLEAVE_NATIVE_MODEL_ERROR_H_
#define INTERLEAVE_NATIVE_MODEL_ERROR_H_

#include <stdexcept>
#include <string>

namespace interleave {

class ModelError : public std::runtime_error {
 public:
  explicit ModelError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace interleave

#endif  // INTERLEAVE_NATIVE_MODEL_ERROR_H_
