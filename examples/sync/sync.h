// The single-source pattern: a component includes this header and writes `sync::mutex`,
// `sync::condition_variable`, `sync::thread`, `sync::shared<int>`... once. The build picks
// what `sync` is:
//   - production (no define): the standard library, and sync::shared<T> is a plain T;
//   - under the checker (INTERLEAVE_CHECKED, set by //sync:checked): interleave's std mirror,
//     whose every operation is a step the checker interleaves, and whose shared<T> is a
//     race-checked variable.
// The component's source is the same in both; only its BUILD target differs (`name` against
// //sync, `name_checked` against //sync:checked).
//
// `sync` is declared in the project's namespace (here `examples`), not at global scope: POSIX
// declares a function ::sync() (<unistd.h>, which <thread> and <atomic> include), and a global
// namespace of that name does not compile.
#ifndef EXAMPLES_SYNC_SYNC_H_
#define EXAMPLES_SYNC_SYNC_H_

#ifdef INTERLEAVE_CHECKED

#include "interleave/sync.h"

namespace examples {
namespace sync = ::interleave::sync;
}  // namespace examples

#else

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace examples {
namespace sync {
using namespace std;  // NOLINT: the point of the pattern: sync:: names std's.
// A variable shared between threads; the checker watches its every read and write.
template <typename T>
using shared = T;
}  // namespace sync
}  // namespace examples

#endif  // INTERLEAVE_CHECKED

#endif  // EXAMPLES_SYNC_SYNC_H_
