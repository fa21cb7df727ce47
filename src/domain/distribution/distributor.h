#pragma once
// A distributor (分销商 / 渠道客户): resells the catalog in its own shops at its tier's prices.
#include <optional>
#include <string>

#include "domain/catalog/supplier.h"
#include "domain/common/id.h"
#include "domain/common/status.h"

namespace daifa {

constexpr std::int64_t kMaxDistributorTier = 5;

struct Distributor {
  Id id = 0;
  std::string name;
  std::int64_t tier = 1;              // 等级: 1 (entry) .. 5 (top); tier prices follow it
  Contact contact;
  std::optional<Id> referrer_id;      // the distributor who brought this one in (三级分销)
  std::int64_t version = 1;
  Timestamp created_at;
  Timestamp updated_at;
};

FieldErrors validate(const Distributor& d);

}  // namespace daifa
