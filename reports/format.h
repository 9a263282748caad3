// Number formatting shared by every report and the CLI's tables.
#ifndef INTERLEAVE_REPORTS_FORMAT_H_
#define INTERLEAVE_REPORTS_FORMAT_H_

#include <cstdint>
#include <string>

namespace interleave {

// 2345 -> "2,345".
std::string WithThousands(int64_t n);

}  // namespace interleave

#endif  // INTERLEAVE_REPORTS_FORMAT_H_
