// The tool's version, as reports state it.
#ifndef INTERLEAVE_REPORTS_VERSION_H_
#define INTERLEAVE_REPORTS_VERSION_H_

namespace interleave {

inline constexpr const char* kToolVersion = "0.5.0";

}  // namespace interleave

#endif  // INTERLEAVE_REPORTS_VERSION_H_
