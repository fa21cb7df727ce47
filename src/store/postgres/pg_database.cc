#include "store/postgres/pg_database.h"

#include <libpq-fe.h>

#include <charconv>
#include <cstring>
#include <unordered_map>

namespace daifa::store {
namespace {

// Type OIDs from pg_type.h (stable across PostgreSQL versions).
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kNumericOid = 1700;
constexpr Oid kByteaOid = 17;

// bytea in text format: "\x" followed by two hex digits a byte.
std::string unhex_bytea(const char* text, int length) {
  std::string out;
  if (length < 2 || text[0] != '\\' || text[1] != 'x') return out;
  auto nibble = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
  out.reserve(static_cast<std::size_t>(length - 2) / 2);
  for (int i = 2; i + 1 < length; i += 2) out.push_back(static_cast<char>(nibble(text[i]) << 4 | nibble(text[i + 1])));
  return out;
}

ErrorKind kind_of(const char* sqlstate) {
  if (!sqlstate) return ErrorKind::other;
  std::string_view s(sqlstate);
  if (s == "23505") return ErrorKind::unique_violation;
  if (s == "23503") return ErrorKind::foreign_key_violation;
  if (s == "23514") return ErrorKind::check_violation;
  if (s == "23502") return ErrorKind::not_null_violation;
  if (s == "40001" || s == "40P01" || s == "55P03") return ErrorKind::busy;
  if (s.substr(0, 2) == "08" || s == "57P01" || s == "57P02" || s == "57P03") return ErrorKind::connection_lost;
  return ErrorKind::other;
}

bool parse_integer(const char* text, int length, std::int64_t& out) {
  auto r = std::from_chars(text, text + length, out);
  return r.ec == std::errc{} && r.ptr == text + length;
}

class PgConnection final : public Connection {
 public:
  PgConnection(const std::string& url, bool read_only) {
    conn_ = PQconnectdb(url.c_str());
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string message = PQerrorMessage(conn_);
      PQfinish(conn_);
      throw StoreError(ErrorKind::connection_lost, "cannot connect to PostgreSQL: " + message);
    }
    PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
    exec_script("SET client_encoding = 'UTF8'; SET synchronous_commit = on;");
    if (read_only) exec_script("SET default_transaction_read_only = on;");
  }

  ~PgConnection() override { PQfinish(conn_); }

  Result exec(std::string_view sql, const std::vector<Value>& params) override {
    const std::string& name = prepare(sql);
    std::vector<std::string> storage(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    std::vector<int> lengths(params.size(), 0);
    std::vector<int> formats(params.size(), 0);  // 0 text, 1 binary (blobs)
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (auto* n = std::get_if<std::int64_t>(&params[i])) {
        storage[i] = std::to_string(*n);
      } else if (auto* s = std::get_if<std::string>(&params[i])) {
        storage[i] = *s;
      } else if (auto* b = std::get_if<Blob>(&params[i])) {
        storage[i] = b->bytes;
        formats[i] = 1;
      } else {
        continue;  // NULL
      }
      values[i] = storage[i].c_str();
      lengths[i] = static_cast<int>(storage[i].size());
    }
    PGresult* res = PQexecPrepared(conn_, name.c_str(), static_cast<int>(params.size()), values.data(), lengths.data(),
                                   formats.data(), 0);
    return take(res);
  }

  void exec_script(std::string_view sql) override {
    std::string text(sql);
    PGresult* res = PQexec(conn_, text.c_str());
    take(res);
  }

  Dialect dialect() const override { return Dialect::postgres; }
  bool healthy() override { return PQstatus(conn_) == CONNECTION_OK; }

 private:
  const std::string& prepare(std::string_view sql) {
    auto it = statements_.find(std::string(sql));
    if (it != statements_.end()) return it->second;
    std::string name = "s" + std::to_string(statements_.size());
    std::string rewritten = to_dollar_placeholders(sql);
    PGresult* res = PQprepare(conn_, name.c_str(), rewritten.c_str(), 0, nullptr);
    try {
      take(res);
    } catch (StoreError& e) {
      throw StoreError(e.kind(), std::string(e.what()) + " in: " + std::string(sql), e.constraint());
    }
    return statements_.emplace(std::string(sql), std::move(name)).first->second;
  }

  // Converts a PGresult into rows (or a StoreError) and frees it.
  Result take(PGresult* res) {
    ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
      std::string message = res ? PQresultErrorMessage(res) : PQerrorMessage(conn_);
      const char* sqlstate = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
      const char* constraint = res ? PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME) : nullptr;
      ErrorKind kind = PQstatus(conn_) != CONNECTION_OK ? ErrorKind::connection_lost : kind_of(sqlstate);
      std::string constraint_name = constraint ? constraint : "";
      PQclear(res);
      while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
      throw StoreError(kind, message, constraint_name);
    }
    Result result;
    const char* affected = PQcmdTuples(res);
    if (affected && *affected) parse_integer(affected, static_cast<int>(std::strlen(affected)), result.affected);
    int rows = PQntuples(res), columns = PQnfields(res);
    result.rows.reserve(static_cast<std::size_t>(rows));
    for (int r = 0; r < rows; ++r) {
      Row row;
      row.values.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) {
        if (PQgetisnull(res, r, c)) {
          row.values.emplace_back(nullptr);
          continue;
        }
        const char* text = PQgetvalue(res, r, c);
        int length = PQgetlength(res, r, c);
        Oid type = PQftype(res, c);
        std::int64_t n = 0;
        if (type == kByteaOid) {
          row.values.emplace_back(Blob{unhex_bytea(text, length)});
        } else if (type == kBoolOid) {
          row.values.emplace_back(static_cast<std::int64_t>(text[0] == 't'));
        } else if ((type == kInt8Oid || type == kInt4Oid || type == kInt2Oid || type == kNumericOid) &&
                   parse_integer(text, length, n)) {
          row.values.emplace_back(n);  // SUM(bigint) is numeric in PostgreSQL; whole values come back as integers
        } else {
          row.values.emplace_back(std::string(text, static_cast<std::size_t>(length)));
        }
      }
      result.rows.push_back(std::move(row));
    }
    PQclear(res);
    return result;
  }

  PGconn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> statements_;
};

}  // namespace

PgDatabase::PgDatabase(std::string url) : url_(std::move(url)) {}

std::unique_ptr<Connection> PgDatabase::connect(bool read_only) {
  return std::make_unique<PgConnection>(url_, read_only);
}

std::string PgDatabase::describe() const {
  // postgresql://user:secret@host/db → postgresql://user:***@host/db
  std::string shown = url_;
  auto scheme_end = shown.find("://");
  auto at = shown.find('@');
  if (scheme_end != std::string::npos && at != std::string::npos) {
    auto colon = shown.find(':', scheme_end + 3);
    if (colon != std::string::npos && colon < at) shown.replace(colon + 1, at - colon - 1, "***");
  }
  auto password = shown.find("password=");
  if (password != std::string::npos) shown = shown.substr(0, password) + "password=***";
  return shown;
}

}  // namespace daifa::store
