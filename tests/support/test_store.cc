#include "support/test_store.h"

#include <filesystem>
#include <random>
#include <stdexcept>

#include "store/database.h"

namespace daifa::testing {
namespace {

std::string random_suffix() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::string s;
  for (int i = 0; i < 12; ++i) s.push_back(kChars[rng() % 36]);
  return s;
}

std::string pg_base_url() {
  const char* url = std::getenv("DAIFA_TEST_PG_URL");
  if (!url || !*url) {
    throw std::runtime_error(
        "DAIFA_TEST_PG_URL is not set: run the tests through scripts/test, which starts a private PostgreSQL");
  }
  return url;
}

}  // namespace

std::string backend_name(Backend b) { return b == Backend::sqlite ? "sqlite" : "postgres"; }

std::vector<Backend> all_backends() { return {Backend::sqlite, Backend::postgres}; }

TestDatabase::TestDatabase(Backend backend) : backend_(backend) {
  if (backend == Backend::sqlite) {
    dir_ = (std::filesystem::temp_directory_path() / ("daifa-test-" + random_suffix())).string();
    std::filesystem::create_directories(dir_);
    url_ = "sqlite:" + dir_ + "/daifa.db";
    return;
  }
  std::string base = pg_base_url();
  schema_ = "t_" + random_suffix();
  auto db = store::open_database(base);
  db->connect(false)->exec_script("CREATE SCHEMA " + schema_);
  // libpq URI: options=-c search_path=<schema>, percent-encoded.
  url_ = base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema_;
}

TestDatabase::~TestDatabase() {
  try {
    if (backend_ == Backend::sqlite) {
      std::filesystem::remove_all(dir_);
    } else {
      auto db = store::open_database(pg_base_url());
      db->connect(false)->exec_script("DROP SCHEMA " + schema_ + " CASCADE");
    }
  } catch (...) {
    // Cleanup failures must not hide the test's own result.
  }
}

}  // namespace daifa::testing
