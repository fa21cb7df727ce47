// Handlers run as fibers (decision 0010). Under the sanitizers, Boost.Context is used in its ucontext variant
// (BOOST_USE_UCONTEXT with BOOST_USE_ASAN, set in the top CMakeLists.txt), the one that tells AddressSanitizer of
// every stack switch. That variant is header-only but for one function, which Debian's libboost_context (built
// for the assembly variant) does not contain: the per-thread pointer to the record of the context running on
// the thread. It is defined here; in other builds this file is empty.
#if defined(BOOST_USE_UCONTEXT)

#include <boost/context/fiber_ucontext.hpp>

namespace boost::context::detail {

namespace {

// The thread's own context is the first record, made when the thread first switches; by the time the thread
// ends, every fiber it ran has switched back, so the pointer names that record again.
struct ThreadRecord {
  fiber_activation_record* current = new fiber_activation_record();
  ~ThreadRecord() { delete current; }
};

}  // namespace

fiber_activation_record*& fiber_activation_record::current() noexcept {
  thread_local ThreadRecord record;
  return record.current;
}

}  // namespace boost::context::detail

#endif
