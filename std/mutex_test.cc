#include "std/mutex.h"

#include <gtest/gtest.h>

#include "std/condition_variable.h"

namespace interleave::sync {
namespace {

mutex global_mutex;

TEST(Compile, Builds) { SUCCEED(); }

}  // namespace
}  // namespace interleave::sync
