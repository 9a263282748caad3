#include "mailbox/mailbox.h"

#include <cassert>

namespace examples {
namespace bug {

void Mailbox::post(int message) {
  sync::lock_guard<sync::mutex> lock(mutex_);
  message_ = message;
  full_ = true;
  posted_.notify_one();
}

int Mailbox::take() {
  sync::unique_lock<sync::mutex> lock(mutex_);
  if (!full_) posted_.wait(lock);  // The bug: `if`, not `while`; a spurious wake-up passes.
  assert(full_);
  full_ = false;
  return message_;
}

}  // namespace bug

namespace fix {

void Mailbox::post(int message) {
  sync::lock_guard<sync::mutex> lock(mutex_);
  message_ = message;
  full_ = true;
  posted_.notify_one();
}

int Mailbox::take() {
  sync::unique_lock<sync::mutex> lock(mutex_);
  posted_.wait(lock, [this] { return full_; });
  assert(full_);
  full_ = false;
  return message_;
}

}  // namespace fix
}  // namespace examples
