#pragma once
// The compliance check on listings: restricted words (违禁词 — the advertising law's absolute claims such as
// 最好, 第一, 国家级, medical claims) and other parties' trademarks, kept in the store by the merchant.
// Matching is done by a compiled set (app/catalog/compliance.h implements WordSet with RE2::Set); this file
// holds the values, the matching form of a text, and what a save does with the matches.
//
// The policy on save: a restricted word refuses the save (422, code restricted_word, one error per field
// naming its words); a trademark is saved and reported as a warning, because a merchant may be an
// authorised reseller of that brand and only a person can tell.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/common/id.h"
#include "domain/common/status.h"
#include "domain/common/time.h"

namespace daifa {

enum class WordKind : int { restricted = 0, trademark = 1 };
std::string_view to_string(WordKind k);
std::optional<WordKind> parse_word_kind(std::string_view text);

struct ComplianceWord {
  Id id = 0;
  std::string word;
  WordKind kind = WordKind::restricted;
  std::string note;  // why it is listed, e.g. "广告法第九条: 绝对化用语"
  std::int64_t version = 1;
  Timestamp created_at;
  Timestamp updated_at;
};

struct ComplianceMatch {
  std::string field;  // "title", "tags[2]"; empty for a free text check
  Id word_id = 0;
  std::string word;
  WordKind kind = WordKind::restricted;
  std::string note;
};

inline constexpr std::size_t kMaxWordChars = 64;
inline constexpr std::size_t kMaxWordNoteChars = 200;

FieldErrors validate(const ComplianceWord& w);

// The form texts and words are compared in: full-width ASCII (ＮＩＫＥ, １００％) becomes ASCII and the ideographic
// space a space — a common way around word filters on Chinese marketplaces — and ASCII is lower-cased.
// Case-insensitivity beyond ASCII is the matcher's job. Also the key that makes a listed word unique.
std::string matching_form(std::string_view text);

// A compiled set of listed words.
class WordSet {
 public:
  virtual ~WordSet() = default;
  // Every listed word that occurs in `text`, each once, in list order.
  virtual std::vector<const ComplianceWord*> find(std::string_view text) const = 0;
};

// Checks each (field, text) pair; matches in field order.
std::vector<ComplianceMatch> check(const WordSet& words, const std::vector<std::pair<std::string, std::string>>& fields);

// The refusals a save gets for these matches: one restricted_word error per field with a restricted word,
// naming the words; trademarks give none.
FieldErrors refusals(const std::vector<ComplianceMatch>& matches);

}  // namespace daifa
