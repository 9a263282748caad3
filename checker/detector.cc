#include "checker/detector.h"

#include "checker/detectors/deadlock.h"
#include "checker/detectors/invariant.h"
#include "checker/detectors/lost_update.h"

namespace interleave {

std::vector<std::unique_ptr<Detector>> AllDetectors() {
  std::vector<std::unique_ptr<Detector>> detectors;
  detectors.push_back(std::make_unique<LostUpdateDetector>());
  detectors.push_back(std::make_unique<DeadlockDetector>());
  detectors.push_back(std::make_unique<InvariantDetector>());
  return detectors;
}

}  // namespace interleave
