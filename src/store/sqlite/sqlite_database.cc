#include "store/sqlite/sqlite_database.h"

#include <pthread.h>

#include <sqlite3.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <functional>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "store/sqlite/page_cache.h"

namespace daifa::store {
namespace {

ErrorKind kind_of(int extended_code) {
  switch (extended_code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY: return ErrorKind::unique_violation;
    case SQLITE_CONSTRAINT_FOREIGNKEY: return ErrorKind::foreign_key_violation;
    case SQLITE_CONSTRAINT_CHECK: return ErrorKind::check_violation;
    case SQLITE_CONSTRAINT_NOTNULL: return ErrorKind::not_null_violation;
    default: break;
  }
  int primary = extended_code & 0xFF;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return ErrorKind::busy;
  return ErrorKind::other;
}

// "UNIQUE constraint failed: users.email" → "users.email"
std::string constraint_of(const std::string& message) {
  auto colon = message.rfind(": ");
  return colon == std::string::npos ? std::string{} : message.substr(colon + 2);
}

}  // namespace

// WAL checkpoints on a thread of their own. SQLite's default runs them on the connection that commits —
// the single writer — once the WAL passes 1,000 pages: copying pages into the database file and its fsync
// then stall every command queued behind it (12 % of the writer's time in the offer sync benchmark,
// bench/results/offer_sync.md). The writer's commits only ring this thread, whose own connection runs
// PASSIVE checkpoints, which never wait for readers or the writer. Should it fall far behind, the writer
// checkpoints itself again (kWriterCheckpointPages), so the WAL stays bounded.
class Checkpointer {
 public:
  static constexpr int kCheckpointPages = 1000;         // SQLite's own default threshold
  static constexpr int kWriterCheckpointPages = 20000;  // ~80 MB of WAL: the writer steps in

  explicit Checkpointer(std::string path) : path_(std::move(path)), thread_([this] {
    pthread_setname_np(pthread_self(), "daifa-checkpt");
    loop();
  }) {}
  ~Checkpointer() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    cv_.notify_one();
    thread_.join();
  }
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // Checkpoints run so far, and waiting for their count to reach `count` (SqliteDatabase::await_checkpoints).
  std::uint64_t done() {
    std::lock_guard lock(mu_);
    return done_;
  }
  bool await(std::uint64_t count, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mu_);
    return done_cv_.wait_for(lock, timeout, [&] { return done_ >= count; });
  }

  // sqlite3_wal_hook: called by the writer's connection after each commit with the WAL's size in pages.
  static int on_commit(void* self, sqlite3* db, const char* name, int wal_pages) {
    if (wal_pages >= kWriterCheckpointPages) {
      sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    } else if (wal_pages >= kCheckpointPages) {
      static_cast<Checkpointer*>(self)->ring();
    }
    return SQLITE_OK;
  }

 private:
  void ring() {
    {
      std::lock_guard lock(mu_);
      due_ = true;
    }
    cv_.notify_one();
  }

  void loop() {
    sqlite3* db = nullptr;
    for (;;) {
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return stopping_ || due_; });
        if (stopping_) break;
        due_ = false;
      }
      if (!db) {
        if (sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
          sqlite3_close(db);
          db = nullptr;
          continue;  // the writer's own fallback keeps the WAL bounded
        }
        sqlite3_exec(db, "PRAGMA synchronous=FULL", nullptr, nullptr, nullptr);
      }
      sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
      {
        std::lock_guard lock(mu_);
        ++done_;
      }
      done_cv_.notify_all();
    }
    sqlite3_close(db);
  }

  std::string path_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::condition_variable done_cv_;
  std::uint64_t done_ = 0;  // checkpoints run
  bool due_ = false;
  bool stopping_ = false;
  std::thread thread_;  // last: started once the rest is ready
};

namespace {

[[noreturn]] void fail_io(const std::string& what) {
  throw StoreError(ErrorKind::other, what + ": " + std::strerror(errno));
}

// The write-ahead log of a database, synced from a thread of its own (decision 0009). The writer's connection
// commits with synchronous=NORMAL: SQLite appends the batch's frames to the WAL and returns. fdatasync on a
// descriptor of our own then makes every frame written so far durable — fsync applies to the file, whichever
// descriptor names it. Frames are checksummed in a chain from the WAL header, so recovery keeps a prefix of
// the commits: never a later batch without the earlier ones. Before copying frames into the database file a
// checkpoint syncs the WAL itself (in NORMAL as in FULL), so nothing unsynced reaches the database file.
class WalFile {
 public:
  explicit WalFile(std::string path) : path_(std::move(path)) {}
  ~WalFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  WalFile(const WalFile&) = delete;
  WalFile& operator=(const WalFile&) = delete;

  void sync() {
    std::lock_guard lock(mu_);
    struct stat named {};
    if (::stat(path_.c_str(), &named) != 0) {
      // No WAL: the last connection checkpointed it into the (synced) database file and removed it.
      if (errno == ENOENT) return;
      fail_io("cannot stat " + path_);
    }
    struct stat open_file {};
    if (fd_ >= 0 && (::fstat(fd_, &open_file) != 0 || open_file.st_ino != named.st_ino ||
                     open_file.st_dev != named.st_dev)) {
      ::close(fd_);  // a WAL created anew since: the old one was checkpointed before it went
      fd_ = -1;
    }
    if (fd_ < 0) {
      fd_ = ::open(path_.c_str(), O_RDWR | O_CLOEXEC);
      if (fd_ < 0) {
        if (errno == ENOENT) return;
        fail_io("cannot open " + path_);
      }
      // A new WAL's name must survive too: sync the folder that holds it, once per file.
      auto folder = std::filesystem::path(path_).parent_path();
      int dir = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      if (dir < 0) fail_io("cannot open the folder of " + path_);
      const int rc = ::fsync(dir);
      ::close(dir);
      if (rc != 0) fail_io("cannot sync the folder of " + path_);
    }
    if (::fdatasync(fd_) != 0) fail_io("cannot sync " + path_);
  }

 private:
  std::string path_;
  std::mutex mu_;
  int fd_ = -1;
};

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(const std::string& path, bool read_only, std::shared_ptr<Checkpointer> checkpointer = nullptr)
      : checkpointer_(std::move(checkpointer)) {
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw StoreError(ErrorKind::connection_lost, "cannot open SQLite database " + path + ": " + message);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 5000);
    exec_script("PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;");
    if (read_only) {
      exec_script("PRAGMA query_only=1;");
    } else {
      exec_script("PRAGMA journal_mode=WAL;");
      // A write connection keeps more of the database in its own cache (64 MiB at most, allocated as used):
      // the offers an order reserves are random pages of a large table (decision 0008).
      exec_script("PRAGMA cache_size=-65536;");
      // Replaces SQLite's automatic checkpoints on this connection (see Checkpointer).
      if (checkpointer_) sqlite3_wal_hook(db_, &Checkpointer::on_commit, checkpointer_.get());
    }
  }

  ~SqliteConnection() override {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close(db_);
  }

  Result exec(std::string_view sql, const std::vector<Value>& params) override {
    sqlite3_stmt* stmt = prepare(sql);
    Result result;
    int index = 1;
    for (const Value& v : params) {
      int rc = SQLITE_OK;
      if (std::holds_alternative<std::nullptr_t>(v)) {
        rc = sqlite3_bind_null(stmt, index);
      } else if (auto* i = std::get_if<std::int64_t>(&v)) {
        rc = sqlite3_bind_int64(stmt, index, *i);
      } else if (auto* b = std::get_if<Blob>(&v)) {
        rc = sqlite3_bind_blob64(stmt, index, b->bytes.data(), b->bytes.size(), SQLITE_STATIC);
      } else {
        const auto& s = std::get<std::string>(v);
        rc = sqlite3_bind_text(stmt, index, s.data(), static_cast<int>(s.size()), SQLITE_STATIC);
      }
      if (rc != SQLITE_OK) fail(rc, stmt);
      ++index;
    }
    int columns = sqlite3_column_count(stmt);
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) fail(rc, stmt);
      Row row;
      row.values.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) {
        switch (sqlite3_column_type(stmt, c)) {
          case SQLITE_NULL: row.values.emplace_back(nullptr); break;
          case SQLITE_INTEGER: row.values.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(stmt, c))); break;
          case SQLITE_BLOB: {
            auto* bytes = static_cast<const char*>(sqlite3_column_blob(stmt, c));
            row.values.emplace_back(Blob{std::string(bytes ? bytes : "", static_cast<std::size_t>(sqlite3_column_bytes(stmt, c)))});
            break;
          }
          default: {
            auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
            row.values.emplace_back(std::string(text ? text : "", static_cast<std::size_t>(sqlite3_column_bytes(stmt, c))));
          }
        }
      }
      result.rows.push_back(std::move(row));
    }
    result.affected = sqlite3_changes64(db_);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return result;
  }

  void exec_script(std::string_view sql) override {
    // One statement (BEGIN, SAVEPOINT, COMMIT… — several per writer command): prepared once and kept, as
    // exec() does, instead of being parsed again each time.
    if (sql.find(';') == std::string_view::npos) {
      exec(sql, {});
      return;
    }
    std::string text(sql);
    char* error = nullptr;
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
      std::string message = error ? error : sqlite3_errstr(rc);
      sqlite3_free(error);
      int extended = sqlite3_extended_errcode(db_);
      throw StoreError(kind_of(extended), message, constraint_of(message));
    }
  }

  Dialect dialect() const override { return Dialect::sqlite; }
  bool healthy() override { return true; }

  std::function<void()> defer_durability() override {
    const char* file = sqlite3_db_filename(db_, "main");
    if (!file || !*file) return {};  // in memory: nothing to make durable
    exec_script("PRAGMA synchronous=NORMAL;");  // in WAL mode: COMMIT writes the WAL but does not sync it
    auto wal = std::make_shared<WalFile>(std::string(file) + "-wal");
    return [wal] { wal->sync(); };
  }

 private:
  sqlite3_stmt* prepare(std::string_view sql) {
    auto it = statements_.find(std::string(sql));
    if (it != statements_.end()) return it->second;
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) {
      std::string message = sqlite3_errmsg(db_);
      throw StoreError(kind_of(sqlite3_extended_errcode(db_)), message + " in: " + std::string(sql));
    }
    statements_.emplace(std::string(sql), stmt);
    return stmt;
  }

  [[noreturn]] void fail(int rc, sqlite3_stmt* stmt) {
    std::string message = sqlite3_errmsg(db_);
    int extended = sqlite3_extended_errcode(db_);
    if (extended == 0) extended = rc;
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    throw StoreError(kind_of(extended), message, constraint_of(message));
  }

  std::shared_ptr<Checkpointer> checkpointer_;  // outlives the connection's hook
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

}  // namespace

namespace {

// Every writer command runs in a savepoint, so SQLite copies each page a command touches first into a
// statement journal. By default a journal past 64 KiB spills to a temporary file — an order touches
// about 20 pages (80 KB), so each order wrote and deleted a file (bench/results/order_intake.md). Journals
// stay in memory up to 16 MiB instead. The page cache is wrapped so that a commit after a B-tree split does
// not walk the whole cache (page_cache.h). And SQLite keeps no account of its memory: Debian's library is
// built without lookaside, so every record and cursor is a malloc, and with the account on each one also took
// a process-wide mutex (nothing here reads sqlite3_memory_used or sets a heap limit). All three must be set
// before SQLite initialises, so once, before any open.
void configure_sqlite_once() {
  static const int done = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, 16 * 1024 * 1024);
    sqlite_page_cache::install();
    return 0;
  }();
  (void)done;
}

}  // namespace

SqliteDatabase::SqliteDatabase(std::string path) : path_(std::move(path)) {
  configure_sqlite_once();
  if (path_ != ":memory:") {
    auto parent = std::filesystem::path(path_).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
    checkpointer_ = std::make_shared<Checkpointer>(path_);
  }
}

SqliteDatabase::~SqliteDatabase() = default;

std::uint64_t SqliteDatabase::checkpoints_run() const { return checkpointer_ ? checkpointer_->done() : 0; }

bool SqliteDatabase::await_checkpoints(std::uint64_t count, std::chrono::milliseconds timeout) const {
  return checkpointer_ && checkpointer_->await(count, timeout);
}

std::unique_ptr<Connection> SqliteDatabase::connect(bool read_only) {
  return std::make_unique<SqliteConnection>(path_, read_only, read_only ? nullptr : checkpointer_);
}

}  // namespace daifa::store
