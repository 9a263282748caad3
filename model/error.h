// ModelError: a scenario broke a rule of the model (used a model object outside an execution,
// misused a primitive the tool cannot give meaning to, behaved nondeterministically). The
// execution that raises it ends and the checker reports the verdict ERROR with the message;
// it is never a finding about the program under test. One declaration for both backends of the
// model API (model/backend/members.h); the model's MisuseError is in model/misuse_error.h.
#ifndef INTERLEAVE_MODEL_ERROR_H_
#define INTERLEAVE_MODEL_ERROR_H_

#include <stdexcept>
#include <string>

namespace interleave {

class ModelError : public std::runtime_error {
 public:
  explicit ModelError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace interleave

#endif  // INTERLEAVE_MODEL_ERROR_H_
