#include "store/catalog/compliance_repo.h"

#include "store/catalog/supplier_repo.h"

namespace daifa::store {
namespace {

constexpr std::string_view kColumns = "id, word, kind, note, version, created_at, updated_at";

ComplianceWord word_from(const Row& r) {
  ComplianceWord w;
  w.id = r.i64(0);
  w.word = r.text(1);
  w.kind = parse_word_kind(r.text(2)).value_or(WordKind::restricted);
  w.note = r.text(3);
  w.version = r.i64(4);
  w.created_at = Timestamp{r.i64(5)};
  w.updated_at = Timestamp{r.i64(6)};
  return w;
}

}  // namespace

void insert_word(Connection& c, const ComplianceWord& w) {
  c.exec("INSERT INTO compliance_words (id, word, word_key, kind, note, version, created_at, updated_at) "
         "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
         {w.id, w.word, matching_form(w.word), std::string(to_string(w.kind)), w.note, w.version, w.created_at.unix_ms,
          w.updated_at.unix_ms});
}

std::optional<ComplianceWord> find_word(Connection& c, Id id) {
  Result r = c.exec("SELECT " + std::string(kColumns) + " FROM compliance_words WHERE id = ?", {id});
  if (r.empty()) return std::nullopt;
  return word_from(r.rows[0]);
}

std::optional<ComplianceWord> find_word_by_key(Connection& c, const std::string& word_key) {
  Result r = c.exec("SELECT " + std::string(kColumns) + " FROM compliance_words WHERE word_key = ?", {word_key});
  if (r.empty()) return std::nullopt;
  return word_from(r.rows[0]);
}

Page<ComplianceWord> list_words(Connection& c, const WordFilter& filter, const PageRequest& page) {
  std::string sql = "SELECT " + std::string(kColumns) + " FROM compliance_words WHERE id < ?";
  std::vector<Value> params{page.before_id.value_or(INT64_MAX)};
  if (filter.kind) {
    sql += " AND kind = ?";
    params.emplace_back(std::string(to_string(*filter.kind)));
  }
  if (!filter.word_contains.empty()) {
    sql += " AND word_key LIKE ? ESCAPE '\\'";
    params.emplace_back(like_contains(matching_form(filter.word_contains)));
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(page.limit + 1);
  std::vector<ComplianceWord> rows;
  for (const Row& row : c.exec(sql, params).rows) rows.push_back(word_from(row));
  return make_page(std::move(rows), page, [](const ComplianceWord& w) { return w.id; });
}

std::vector<ComplianceWord> all_words(Connection& c) {
  std::vector<ComplianceWord> out;
  for (const Row& row : c.exec("SELECT " + std::string(kColumns) + " FROM compliance_words ORDER BY id").rows) {
    out.push_back(word_from(row));
  }
  return out;
}

bool update_word(Connection& c, const ComplianceWord& w, std::int64_t expected_version) {
  return c.exec("UPDATE compliance_words SET word = ?, word_key = ?, kind = ?, note = ?, version = ?, updated_at = ? "
                "WHERE id = ? AND version = ?",
                {w.word, matching_form(w.word), std::string(to_string(w.kind)), w.note, expected_version + 1,
                 w.updated_at.unix_ms, w.id, expected_version})
             .affected == 1;
}

bool delete_word(Connection& c, Id id) {
  return c.exec("DELETE FROM compliance_words WHERE id = ?", {id}).affected == 1;
}

std::int64_t word_list_version(Connection& c) {
  return c.exec("SELECT version FROM compliance_list_version WHERE id = 1").one().i64(0);
}

void set_word_list_version(Connection& c, std::int64_t version) {
  c.exec("UPDATE compliance_list_version SET version = ? WHERE id = 1", {version});
}

}  // namespace daifa::store
