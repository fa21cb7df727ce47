#pragma once
// Keyset pagination, newest first: rows with id < before_id, at most limit of them. The store fetches
// limit + 1 rows so the caller knows whether there is a next page.
#include <cstdint>
#include <optional>
#include <vector>

#include "domain/common/id.h"

namespace daifa::store {

constexpr std::int64_t kDefaultPageSize = 50;
constexpr std::int64_t kMaxPageSize = 500;

struct PageRequest {
  std::int64_t limit = kDefaultPageSize;  // 1..kMaxPageSize
  std::optional<Id> before_id;           // from the cursor of the previous page
};

template <class T>
struct Page {
  std::vector<T> items;
  std::optional<Id> next_before_id;  // set when there may be more
};

// Trims the limit+1'th row and sets the continuation.
template <class T, class IdOf>
Page<T> make_page(std::vector<T> rows, const PageRequest& req, IdOf id_of) {
  Page<T> page;
  if (static_cast<std::int64_t>(rows.size()) > req.limit) {
    rows.resize(static_cast<std::size_t>(req.limit));
    page.next_before_id = id_of(rows.back());
  }
  page.items = std::move(rows);
  return page;
}

}  // namespace daifa::store
