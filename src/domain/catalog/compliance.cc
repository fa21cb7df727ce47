#include "domain/catalog/compliance.h"

#include <array>

#include "domain/common/validation.h"

namespace daifa {
namespace {
constexpr std::array kKinds{std::pair{WordKind::restricted, std::string_view("restricted")},
                            std::pair{WordKind::trademark, std::string_view("trademark")}};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
}  // namespace

std::string_view to_string(WordKind k) {
  for (auto& [v, s] : kKinds) if (v == k) return s;
  return "restricted";
}

std::optional<WordKind> parse_word_kind(std::string_view text) {
  for (auto& [v, s] : kKinds) if (s == text) return v;
  return std::nullopt;
}

FieldErrors validate(const ComplianceWord& w) {
  FieldErrors errors;
  std::size_t before = errors.size();
  check_text(errors, "word", w.word, 1, kMaxWordChars);
  if (errors.size() == before && (is_space(w.word.front()) || is_space(w.word.back()))) {
    errors.push_back({"word", "surrounding_space", "must not start or end with a space"});
  }
  check_text(errors, "note", w.note, 0, kMaxWordNoteChars);
  return errors;
}

std::string matching_form(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    // U+FF01..U+FF5E (full-width ！..～) are EF BC 81..EF BD 9E; U+3000 is E3 80 80.
    if (c == 0xEF && i + 2 < text.size()) {
      auto c1 = static_cast<unsigned char>(text[i + 1]);
      auto c2 = static_cast<unsigned char>(text[i + 2]);
      unsigned cp = 0xF000u | ((c1 & 0x3Fu) << 6) | (c2 & 0x3Fu);
      if ((c1 & 0xC0) == 0x80 && (c2 & 0xC0) == 0x80 && cp >= 0xFF01 && cp <= 0xFF5E) {
        c = static_cast<unsigned char>(cp - 0xFEE0);
        i += 2;
      }
    } else if (c == 0xE3 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
               static_cast<unsigned char>(text[i + 2]) == 0x80) {
      c = ' ';
      i += 2;
    }
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    out.push_back(static_cast<char>(c));
  }
  return out;
}

std::vector<ComplianceMatch> check(const WordSet& words, const std::vector<std::pair<std::string, std::string>>& fields) {
  std::vector<ComplianceMatch> out;
  for (const auto& [field, text] : fields) {
    if (text.empty()) continue;
    for (const ComplianceWord* w : words.find(text)) out.push_back({field, w->id, w->word, w->kind, w->note});
  }
  return out;
}

FieldErrors refusals(const std::vector<ComplianceMatch>& matches) {
  FieldErrors errors;
  for (std::size_t i = 0; i < matches.size(); ++i) {
    const auto& m = matches[i];
    if (m.kind != WordKind::restricted) continue;
    // Matches come grouped by field: add to the field's error if it has one already.
    if (!errors.empty() && errors.back().field == m.field) {
      errors.back().message += ", " + m.word;
    } else {
      errors.push_back({m.field, "restricted_word", "contains restricted words: " + m.word});
    }
  }
  return errors;
}

}  // namespace daifa
