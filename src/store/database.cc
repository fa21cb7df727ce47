#include "store/database.h"

#include "store/postgres/pg_database.h"
#include "store/sqlite/sqlite_database.h"

namespace daifa::store {

std::int64_t Row::i64(std::size_t i) const {
  if (auto* v = std::get_if<std::int64_t>(&values.at(i))) return *v;
  throw StoreError(ErrorKind::other, "column " + std::to_string(i) + " is not an integer");
}

const std::string& Row::text(std::size_t i) const {
  if (auto* v = std::get_if<std::string>(&values.at(i))) return *v;
  throw StoreError(ErrorKind::other, "column " + std::to_string(i) + " is not text");
}

const std::string& Row::blob(std::size_t i) const {
  if (auto* v = std::get_if<Blob>(&values.at(i))) return v->bytes;
  throw StoreError(ErrorKind::other, "column " + std::to_string(i) + " is not a blob");
}

std::optional<std::int64_t> Row::opt_i64(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return i64(i);
}

std::optional<std::string> Row::opt_text(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return text(i);
}

const Row& Result::one() const {
  if (rows.size() != 1) throw StoreError(ErrorKind::other, "expected one row, got " + std::to_string(rows.size()));
  return rows.front();
}

std::unique_ptr<Database> open_database(const std::string& url) {
  if (url.rfind("sqlite:", 0) == 0) {
    std::string path = url.substr(7);
    if (path.rfind("//", 0) == 0) path = path.substr(2);  // sqlite://relative or sqlite:///absolute
    if (path.empty()) throw std::invalid_argument("database URL: sqlite: needs a file path, e.g. sqlite:data/daifa.db");
    return std::make_unique<SqliteDatabase>(path);
  }
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    return std::make_unique<PgDatabase>(url);
  }
  throw std::invalid_argument("database URL must start with sqlite: or postgresql:// (got \"" + url.substr(0, 32) + "\")");
}

std::string to_dollar_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  char quote = 0;
  for (char c : sql) {
    if (quote) {
      if (c == quote) quote = 0;
      out.push_back(c);
    } else if (c == '\'' || c == '"') {
      quote = c;
      out.push_back(c);
    } else if (c == '?') {
      out += '$' + std::to_string(++n);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace daifa::store
