#pragma once
// Money columns are stored as (amount_minor BIGINT, currency TEXT); this reads the currency back.
#include <string>

#include "domain/common/money.h"
#include "store/database.h"

namespace daifa::store {

inline Currency currency_of(const std::string& code) {
  auto c = Currency::parse(code);
  if (!c) throw StoreError(ErrorKind::other, "unknown currency in store: " + code);
  return *c;
}

}  // namespace daifa::store
