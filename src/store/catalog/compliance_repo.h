#pragma once
// The compliance word list, and the list's version, which every change of it sets to a new unique value
// (compiled sets are rebuilt when it differs from theirs, on every node).
#include <optional>
#include <string>
#include <vector>

#include "domain/catalog/compliance.h"
#include "store/common/page.h"
#include "store/database.h"

namespace daifa::store {

struct WordFilter {
  std::optional<WordKind> kind;
  std::string word_contains;  // case-insensitive for ASCII; empty = any
};

void insert_word(Connection& c, const ComplianceWord& w);
std::optional<ComplianceWord> find_word(Connection& c, Id id);
// The word listed under this matching form (see matching_form()), if any.
std::optional<ComplianceWord> find_word_by_key(Connection& c, const std::string& word_key);
Page<ComplianceWord> list_words(Connection& c, const WordFilter& filter, const PageRequest& page);
std::vector<ComplianceWord> all_words(Connection& c);  // for compiling the set, in id order
// Stores `w` with version expected_version + 1 if the stored version is expected_version.
bool update_word(Connection& c, const ComplianceWord& w, std::int64_t expected_version);
bool delete_word(Connection& c, Id id);

std::int64_t word_list_version(Connection& c);
// In the same transaction as the change. `version` must never have been used before (a new id): a value from
// a transaction that rolled back is then never mistaken for a committed list.
void set_word_list_version(Connection& c, std::int64_t version);

}  // namespace daifa::store
