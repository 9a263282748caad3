// Native backend: the free functions of the model API on real threads.
//
// - log(message): recorded nowhere; printed as "[thread] message" on stderr when the runner's
//   --log asks for it (a thousand runs would otherwise flood the terminal).
// - sleep(seconds): a real sleep of seconds * time_scale (default 1/100: sleep(0.1) is 1 ms).
//   A terminate() of the calling process ends it early (cooperative terminate, process.h).
// - choose(lo, hi): a uniformly random value in [lo, hi] from the run's generator, seeded
//   with the run's seed (the runner gives run i the seed S + i). Thread-safe.
// - expect(condition, message): a failed one is recorded with its line ("message
//   (file.cc:12)"); the run goes on, as in the model.
// - outcome(name, value): recorded (last value per name wins), as ToText shows it.
#ifndef INTERLEAVE_NATIVE_MODEL_API_H_
#define INTERLEAVE_NATIVE_MODEL_API_H_

#include <source_location>
#include <string>

#include "model/runtime.h"
#include "model/text.h"

namespace interleave {

void log(std::string message, std::source_location where = std::source_location::current());
void sleep(double seconds, std::source_location where = std::source_location::current());
int choose(int lo, int hi, std::source_location where = std::source_location::current());
void expect(bool condition, std::string message,
            std::source_location where = std::source_location::current());

template <typename T>
void outcome(std::string name, const T& value) {
  native::RecordOutcome(std::move(name), ToText(value));
}

}  // namespace interleave

#endif  // INTERLEAVE_NATIVE_MODEL_API_H_
