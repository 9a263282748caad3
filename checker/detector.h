// Detector: looks at one finished execution and returns what is wrong with it. One detector
// per file in detectors/, each naming the defect it finds and how; detectors never print.
#ifndef INTERLEAVE_CHECKER_DETECTOR_H_
#define INTERLEAVE_CHECKER_DETECTOR_H_

#include <memory>
#include <string_view>
#include <vector>

#include "checker/result.h"
#include "model/trace.h"

namespace interleave {

class Detector {
 public:
  virtual ~Detector() = default;
  virtual std::string_view name() const = 0;
  // Appends the findings of `trace` to `findings`.
  virtual void Inspect(const Trace& trace, std::vector<Finding>& findings) const = 0;
};

// Every detector, most specific first (the order findings are listed in).
std::vector<std::unique_ptr<Detector>> AllDetectors();

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_DETECTOR_H_
