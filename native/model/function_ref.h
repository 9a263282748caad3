// Native backend (see "The native backend" in docs/implementation-notes.md): the same as
// model/'s file of this name, copied because "model/..." resolves to native/model/ here.
// FunctionRef: a non-owning, non-allocating reference to a callable, for the ready predicates
// that a blocked thread leaves with the runtime. The callable must outlive the reference; the
// runtime only keeps one while the thread that owns the callable is suspended in Step().
#ifndef INTERLEAVE_NATIVE_MODEL_FUNCTION_REF_H_
#define INTERLEAVE_NATIVE_MODEL_FUNCTION_REF_H_

#include <memory>
#include <type_traits>
#include <utility>

namespace interleave {

template <typename Signature>
class FunctionRef;

template <typename R, typename... Args>
class FunctionRef<R(Args...)> {
 public:
  FunctionRef() = default;

  template <typename F, typename = std::enable_if_t<!std::is_same_v<std::decay_t<F>, FunctionRef>>>
  FunctionRef(F&& f)  // NOLINT(google-explicit-constructor): used like a lambda.
      : object_(const_cast<void*>(static_cast<const void*>(std::addressof(f)))),
        call_([](void* object, Args... args) -> R {
          return (*static_cast<std::remove_reference_t<F>*>(object))(std::forward<Args>(args)...);
        }) {}

  explicit operator bool() const { return call_ != nullptr; }
  R operator()(Args... args) const { return call_(object_, std::forward<Args>(args)...); }

 private:
  void* object_ = nullptr;
  R (*call_)(void*, Args...) = nullptr;
};

}  // namespace interleave

#endif  // INTERLEAVE_NATIVE_MODEL_FUNCTION_REF_H_
