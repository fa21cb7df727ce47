#include "store/store.h"

#include "store/migrations.h"

namespace daifa::store {

Store::Store(const std::string& url, StoreOptions options, std::int64_t now_unix_ms, BatchObserver observer)
    : db_(open_database(url)) {
  if (options.migrate_on_open) {
    auto conn = db_->connect(false);
    migrate(*conn, now_unix_ms);
  }
  writer_ = std::make_unique<Writer>(*db_, options.writer, std::move(observer));
  reads_ = std::make_unique<ReadPool>(*db_, options.read_connections);
}

Store::~Store() { close(); }

void Store::close() {
  if (writer_) writer_->stop();
}

}  // namespace daifa::store
