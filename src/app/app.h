#pragma once
// What every use case needs: the store, the clock, the id generator and the settings. Built once at
// start (cli/) and passed by reference; nothing here is global.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "domain/accounts/login_backoff.h"
#include "domain/common/id.h"
#include "domain/common/time.h"
#include "domain/orders/review.h"
#include "store/store.h"

namespace daifa::app {

class ComplianceWords;  // catalog/compliance.h: the compiled restricted-word set, shared by all requests
std::shared_ptr<ComplianceWords> make_compliance_words();
class PushSubscriptions;  // orders/shipments.cc: the parcels whose tracking pushes are checked here, remembered
std::shared_ptr<PushSubscriptions> make_push_subscriptions();

struct AppConfig {
  std::int64_t session_ttl_ms = 12 * 3600 * 1000;  // a console session lasts 12 hours from sign-in
  LoginBackoffPolicy account_backoff{};             // per account: 5 free failures, then doubling waits
  LoginBackoffPolicy address_backoff{20, 1000, 15 * 60'000, 30 * 60'000};  // per client address: shared NATs get more
  std::int64_t idempotency_keep_ms = 48 * 3600 * 1000;  // keys are honoured at least 24 h; swept after 48 h
  // Argon2id cost (libsodium's "interactive" level by default: 2 passes, 64 MiB).
  unsigned long long password_ops_limit = 2;
  std::size_t password_mem_limit = 64 * 1024 * 1024;
  ReviewPolicy review{};  // automatic order review (审单): COD limits, margin floor
  // Tracking: Kuaidi100 company codes followed by polling instead of the aggregator's push, and how often
  // an open parcel of theirs is polled.
  std::vector<std::string> polled_carriers{};
  std::int64_t tracking_poll_interval_ms = 2 * 3600 * 1000;
  // Supplier feeds (docs/feeds.md): one GET of a feed may take this long and bring this many bytes;
  // feeds on loopback/private addresses are refused unless allowed (tests and closed networks only).
  std::int64_t feed_timeout_ms = 30'000;
  std::size_t feed_max_bytes = 16 * 1024 * 1024;
  bool feed_allow_private_hosts = false;
};

// Rung after a write has committed (RequestContext::write), so that the notification dispatcher wakes at once
// for outbox rows instead of polling: a counter, so that a ring between two waits is never lost.
class CommitSignal {
 public:
  void ring() {
    { std::lock_guard lock(mu_); ++rings_; }
    cv_.notify_all();
  }
  std::uint64_t rings() { std::lock_guard lock(mu_); return rings_; }
  // Waits until rings() differs from `seen`, or `timeout` passes. True when it rang.
  bool wait(std::uint64_t seen, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [&] { return rings_ != seen; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::uint64_t rings_ = 0;
};

class App {
 public:
  App(store::Store& store, const Clock& clock, IdGenerator& ids, AppConfig config = {})
      : store_(store), clock_(clock), ids_(ids), config_(config), compliance_words_(make_compliance_words()) {}

  store::Store& store() { return store_; }
  Timestamp now() const { return clock_.now(); }
  Id new_id() { return ids_.next(clock_.now()); }
  const AppConfig& config() const { return config_; }
  ComplianceWords& compliance_words() { return *compliance_words_; }
  CommitSignal& commits() { return *commits_; }
  PushSubscriptions& push_subscriptions() { return *push_subscriptions_; }

 private:
  store::Store& store_;
  const Clock& clock_;
  IdGenerator& ids_;
  AppConfig config_;
  std::shared_ptr<ComplianceWords> compliance_words_;
  std::shared_ptr<CommitSignal> commits_ = std::make_shared<CommitSignal>();
  std::shared_ptr<PushSubscriptions> push_subscriptions_ = make_push_subscriptions();
};

class SystemClock final : public Clock {
 public:
  Timestamp now() const override;
};

}  // namespace daifa::app
