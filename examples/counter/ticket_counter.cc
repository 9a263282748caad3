#include "counter/ticket_counter.h"

namespace examples {
namespace bug {

bool TicketCounter::take() {
  {
    sync::lock_guard<sync::mutex> lock(mutex_);
    if (taken_ >= limit_) return false;
  }  // The bug: the mutex is released between the check and the act.
  sync::lock_guard<sync::mutex> lock(mutex_);
  ++taken_;
  return true;
}

int TicketCounter::taken() {
  sync::lock_guard<sync::mutex> lock(mutex_);
  return taken_;
}

}  // namespace bug

namespace fix {

bool TicketCounter::take() {
  sync::lock_guard<sync::mutex> lock(mutex_);
  if (taken_ >= limit_) return false;
  ++taken_;
  return true;
}

int TicketCounter::taken() {
  sync::lock_guard<sync::mutex> lock(mutex_);
  return taken_;
}

}  // namespace fix
}  // namespace examples
