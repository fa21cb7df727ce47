#pragma once
// How a caller waits for the writer. Writer::run blocks its thread — unless the code running on that thread
// has installed a Suspension: the HTTP server runs request handlers as fibers on its socket threads and
// installs one for the fiber that is running, so that a handler waiting for its commit suspends only its own
// request and the thread goes on serving others (docs/decisions/0010-handlers-as-fibers.md).
#include <functional>
#include <memory>

namespace daifa::store {

class Suspension {
 public:
  // Called once, from any thread, when what was waited for has happened.
  using Resume = std::function<void()>;

  virtual ~Suspension() = default;
  // Calls start(resume) and returns once resume() has been called. Other fibers may run meanwhile.
  virtual void suspend(const std::function<void(Resume resume)>& start) = 0;

  // The suspension of the fiber running on this thread, or null: block the thread.
  static Suspension* current() { return current_; }
  static void set_current(Suspension* s) { current_ = s; }

 private:
  static inline thread_local Suspension* current_ = nullptr;
};

}  // namespace daifa::store
