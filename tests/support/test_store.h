#pragma once
// Real databases for tests: a fresh SQLite file in a temporary folder, or a fresh schema on the private
// PostgreSQL server that scripts/test starts (its URL in DAIFA_TEST_PG_URL). Each is dropped afterwards.
#include <memory>
#include <string>
#include <vector>

namespace daifa::testing {

enum class Backend { sqlite, postgres };
std::string backend_name(Backend b);
std::vector<Backend> all_backends();

class TestDatabase {
 public:
  explicit TestDatabase(Backend backend);
  ~TestDatabase();
  const std::string& url() const { return url_; }
  Backend backend() const { return backend_; }

 private:
  Backend backend_;
  std::string url_;
  std::string dir_;     // sqlite: the temporary folder
  std::string schema_;  // postgres: the schema made for this test
};

}  // namespace daifa::testing
