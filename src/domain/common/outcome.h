#pragma once
// A value or the Failure that prevented it. Expected business outcomes travel this way, not as exceptions.
#include <optional>
#include <utility>

#include "domain/common/status.h"

namespace daifa {

template <class T>
class Outcome {
 public:
  Outcome(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Outcome(Failure failure) : failure_(std::move(failure)) {}  // NOLINT

  explicit operator bool() const { return value_.has_value(); }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  const Failure& failure() const { return failure_; }

 private:
  std::optional<T> value_;
  Failure failure_;
};

inline Failure fail(Status s, std::string detail, FieldErrors errors = {}) {
  return Failure{s, std::move(detail), std::move(errors)};
}

}  // namespace daifa
