#pragma once
// One storage interface, two backends: SQLite (embedded, one file, WAL) and PostgreSQL (libpq).
// SQL is written once, portable, with `?` placeholders; the PostgreSQL backend rewrites them to $n.
// Values are NULL, 64-bit integers or text: money is integer minor units, booleans are 0/1, times are
// Unix milliseconds. Statements are prepared once per connection and cached by their text.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace daifa::store {

enum class Dialect { sqlite, postgres };

// Bytes (images, files): BLOB on SQLite, BYTEA on PostgreSQL. Distinct from text, which must be UTF-8.
struct Blob {
  std::string bytes;
  bool operator==(const Blob&) const = default;
};

using Value = std::variant<std::nullptr_t, std::int64_t, std::string, Blob>;

// An optional integer (an id, an amount) as a parameter: NULL when absent.
inline Value opt(const std::optional<std::int64_t>& v) { return v ? Value(*v) : Value(nullptr); }

struct Row {
  std::vector<Value> values;

  bool is_null(std::size_t i) const { return std::holds_alternative<std::nullptr_t>(values.at(i)); }
  std::int64_t i64(std::size_t i) const;         // throws StoreError if not an integer
  const std::string& text(std::size_t i) const;  // throws StoreError if not text
  const std::string& blob(std::size_t i) const;  // the bytes; throws StoreError if not a blob
  std::optional<std::int64_t> opt_i64(std::size_t i) const;
  std::optional<std::string> opt_text(std::size_t i) const;
  bool flag(std::size_t i) const { return i64(i) != 0; }
};

struct Result {
  std::vector<Row> rows;
  std::int64_t affected = 0;  // rows changed by INSERT/UPDATE/DELETE

  bool empty() const { return rows.empty(); }
  const Row& one() const;  // throws StoreError unless exactly one row
};

enum class ErrorKind {
  unique_violation,
  foreign_key_violation,
  check_violation,
  not_null_violation,
  busy,             // SQLite busy/locked, PostgreSQL serialization failure or deadlock: may be retried
  connection_lost,  // the server went away; the connection must be replaced
  other,
};

class StoreError : public std::runtime_error {
 public:
  StoreError(ErrorKind kind, const std::string& message, std::string constraint = {})
      : std::runtime_error(message), kind_(kind), constraint_(std::move(constraint)) {}
  ErrorKind kind() const { return kind_; }
  // The violated constraint or index name when the backend reports it, e.g. "users.email" or "users_email_key".
  const std::string& constraint() const { return constraint_; }

 private:
  ErrorKind kind_;
  std::string constraint_;
};

class Connection {
 public:
  virtual ~Connection() = default;
  // Runs one statement with positional `?` parameters.
  virtual Result exec(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  // Runs several statements without parameters (migrations, BEGIN/COMMIT).
  virtual void exec_script(std::string_view sql) = 0;
  virtual Dialect dialect() const = 0;
  // True when the connection is still usable (PostgreSQL: the socket is up).
  virtual bool healthy() = 0;
  // Commits that do not wait for the disk (docs/decisions/0009-durability-off-the-writer.md). When the backend
  // can, switches this connection to commits that are atomic and ordered but not yet durable when COMMIT
  // returns, and returns a function — safe to call from another thread — that makes every commit made so far
  // on this connection durable, and throws StoreError if it cannot. Returns an empty function when the backend
  // cannot; then every COMMIT is durable when it returns (PostgreSQL, SQLite :memory:).
  virtual std::function<void()> defer_durability() { return {}; }
};

class Database {
 public:
  virtual ~Database() = default;
  virtual std::unique_ptr<Connection> connect(bool read_only) = 0;
  virtual Dialect dialect() const = 0;
  virtual std::string describe() const = 0;  // for logs: never contains a password
};

// "sqlite:PATH" (PATH may be relative; its folder is created) or "postgresql://..." / "postgres://...".
// Throws std::invalid_argument naming what is wrong with the URL.
std::unique_ptr<Database> open_database(const std::string& url);

// Rewrites `?` placeholders to `$1, $2, …` outside of quoted literals (PostgreSQL).
std::string to_dollar_placeholders(std::string_view sql);

}  // namespace daifa::store
