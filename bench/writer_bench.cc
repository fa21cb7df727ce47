// Durable single-row commands per second through the writer, with and without group commit.
// Usage: writer_bench DB_URL THREADS COMMANDS_PER_THREAD MAX_BATCH
// Each command inserts one supplier row; a command is acknowledged only after its batch committed with
// synchronous=FULL (SQLite) / synchronous_commit=on (PostgreSQL).
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "store/catalog/supplier_repo.h"
#include "store/store.h"

int main(int argc, char** argv) {
  using namespace daifa;
  if (argc != 5) {
    std::fprintf(stderr, "usage: %s DB_URL THREADS COMMANDS_PER_THREAD MAX_BATCH\n", argv[0]);
    return 2;
  }
  std::string url = argv[1];
  int threads = std::atoi(argv[2]), per_thread = std::atoi(argv[3]);
  store::StoreOptions options;
  options.writer.max_batch = static_cast<std::size_t>(std::atoi(argv[4]));
  std::atomic<std::int64_t> batches{0};
  store::Store store(url, options, 1, [&](std::size_t, std::int64_t) { ++batches; });
  std::atomic<Id> next_id{1'000'000};
  auto started = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (int i = 0; i < per_thread; ++i) {
        Supplier s;
        s.id = next_id++;
        s.name = "bench";
        s.contact = Contact{"王", "13800000000", ""};
        store.writer().run([&](store::Tx& tx) { store::insert_supplier(tx.conn(), s); });
      }
    });
  }
  for (auto& t : pool) t.join();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::int64_t total = static_cast<std::int64_t>(threads) * per_thread;
  std::printf("threads=%d max_batch=%s commands=%lld seconds=%.2f commands/s=%.0f commits=%lld commands/commit=%.1f\n",
              threads, argv[4], static_cast<long long>(total), seconds, static_cast<double>(total) / seconds,
              static_cast<long long>(batches.load()), static_cast<double>(total) / static_cast<double>(batches.load()));
  return 0;
}
