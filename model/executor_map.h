// MapTasks: ThreadPoolExecutor.map on top of submit() and Future::result(), for both backends
// (native/BUILD copies this header): one task per item, submitted in order, then each result
// awaited in order, so a task's exception is raised where its result is taken.
#ifndef INTERLEAVE_MODEL_EXECUTOR_MAP_H_
#define INTERLEAVE_MODEL_EXECUTOR_MAP_H_

#include <functional>
#include <ranges>
#include <source_location>
#include <type_traits>
#include <utility>
#include <vector>

namespace interleave::internal {

template <typename Executor, typename F, std::ranges::input_range Range>
auto MapTasks(Executor& executor, F fn, const Range& items, const std::source_location& where) {
  using Item = std::ranges::range_value_t<const Range>;
  using R = std::invoke_result_t<F&, const Item&>;
  // The backend's Future<R> (declared after this header).
  using Future = decltype(executor.submit(std::declval<std::function<R()>>(), where));
  std::vector<Future> futures;
  for (const auto& item : items) {
    futures.push_back(executor.submit([fn, item]() mutable { return fn(item); }, where));
  }
  if constexpr (std::is_void_v<R>) {
    for (Future& future : futures) future.result(where);
  } else {
    std::vector<R> results;
    results.reserve(futures.size());
    for (Future& future : futures) results.push_back(future.result(where));
    return results;
  }
}

}  // namespace interleave::internal

#endif  // INTERLEAVE_MODEL_EXECUTOR_MAP_H_
