// Reading ThreadSanitizer's reports from a native run's stderr, to check that TSan found the
// race the model reports on the same variable (or found none for a verified fix).
//
// Input: everything the runner wrote to stderr with --objects: lines
//   interleave-native: object NAME KIND at 0xADDRESS
// announcing each Shared/Atomic as it is constructed, and TSan's reports, each between lines of
// "==================" and starting "WARNING: ThreadSanitizer: KIND (pid=N)". In a data race
// report every access is "  [Previous ][atomic ]Read|Write of size N at 0xADDRESS by ..."
// followed by its stack, one "    #K function file:line (module+offset)" line per frame.
//
// The object a race is on: the name last announced at the access's address before the report
// (runs are sequential child processes, so the latest announcement at an address is the live
// object; a race on memory no Shared announced has no name).
#ifndef INTERLEAVE_NATIVE_TSAN_REPORT_H_
#define INTERLEAVE_NATIVE_TSAN_REPORT_H_

#include <string>
#include <string_view>
#include <vector>

namespace interleave::native {

struct TsanAccess {
  std::string what;                 // "Write of size 4", "Previous read of size 4".
  std::string address;              // "0x7ffd3e5992a8".
  std::vector<std::string> frames;  // "interleave::Shared<int>::write(...) path/shared.h:41".
};

struct TsanReport {
  std::string kind;  // "data race", "lock-order-inversion (potential deadlock)", ...
  std::vector<TsanAccess> accesses;  // For a data race: the two accesses.
  std::string object;                // The announced name at the accesses' address, or "".
};

// Every report in `log`, in order.
std::vector<TsanReport> ParseTsanLog(std::string_view log);

// Whether `report` is a data race on the Shared variable `variable` in which both accesses come
// from `source` (a path suffix such as "scenarios/lost_update.cc") through Shared<T>::read or
// write. `why` (if not null) says what did not match.
bool IsRaceOn(const TsanReport& report, const std::string& variable, const std::string& source,
              std::string* why = nullptr);

}  // namespace interleave::native

#endif  // INTERLEAVE_NATIVE_TSAN_REPORT_H_
