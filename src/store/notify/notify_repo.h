#pragma once
// Notifications (issue #6): webhook subscriptions, their deliveries, and customer messages — the rows of
// migration 0009. Subscriptions are scoped: managers see all; a distributor user only its own
// (distributor_id = its distributor); everyone else none. Deliveries and messages are reached through a
// scoped subscription or by staff only; the dispatcher's functions (fan-out, claim, record) run unscoped.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/accounts/role.h"
#include "domain/common/time.h"
#include "store/common/page.h"
#include "store/database.h"

namespace daifa::store {

struct WebhookSubscription {
  Id id = 0;
  std::optional<Id> distributor_id;  // nullopt: the merchant's, gets every event
  std::string url;
  std::vector<std::string> events;  // topics, "prefix.*" or "*"
  std::string secret;
  bool active = true;
  std::string description;
  Timestamp created_at;
  Timestamp updated_at;
  std::int64_t version = 1;
};

struct WebhookDeliveryRow {
  Id id = 0;
  Id subscription_id = 0;
  Id event_id = 0;
  std::string topic;
  std::string status;  // pending | delivered | dead
  std::int64_t attempts = 0;
  Timestamp next_attempt_at;
  std::optional<Timestamp> last_attempt_at;
  std::optional<std::int64_t> last_http_status;
  std::string last_error;
  std::optional<Timestamp> delivered_at;
  Timestamp created_at;
};

struct CustomerMessage {
  Id id = 0;
  Id event_id = 0;
  Id order_id = 0;
  std::optional<Id> shipment_id;
  std::string kind;      // shipped | delivered | exception
  std::string language;  // zh-CN | en
  std::string to_address;
  std::string subject;
  std::string body;
  std::string status;  // pending | sent | dead
  std::int64_t attempts = 0;
  Timestamp next_attempt_at;
  std::optional<std::int64_t> last_smtp_status;
  std::string last_error;
  std::optional<Timestamp> sent_at;
  Timestamp created_at;
};

// ---- subscriptions (scoped)
void insert_webhook_subscription(Connection& c, const WebhookSubscription& s);
std::optional<WebhookSubscription> find_webhook_subscription(Connection& c, const Scope& scope, Id id);
Page<WebhookSubscription> list_webhook_subscriptions(Connection& c, const Scope& scope, const PageRequest& page);
// Stores `s` as version expected_version + 1 if the stored row is at expected_version and in scope.
bool update_webhook_subscription(Connection& c, const Scope& scope, const WebhookSubscription& s,
                                 std::int64_t expected_version);

// ---- deliveries and messages as people see them
struct DeliveryFilter {
  std::optional<std::string> status;
};
Page<WebhookDeliveryRow> list_webhook_deliveries(Connection& c, Id subscription_id, const DeliveryFilter& filter,
                                                 const PageRequest& page);
// The delivery if its subscription is in scope.
std::optional<WebhookDeliveryRow> find_webhook_delivery(Connection& c, const Scope& scope, Id id);
// pending again with no attempts, due at `now`; false when it was already pending.
bool reset_webhook_delivery(Connection& c, Id id, Timestamp now);
Page<CustomerMessage> list_customer_messages(Connection& c, std::optional<Id> order_id, const PageRequest& page);

// ---- the dispatcher's side (unscoped)
struct UndispatchedEvent {
  Id id = 0;
  std::string topic;
  std::string payload;
  std::optional<Id> order_id;
  std::optional<Id> order_distributor_id;  // orders.distributor_id of order_id
};
std::vector<UndispatchedEvent> undispatched_events(Connection& c, std::size_t limit);
std::vector<WebhookSubscription> active_webhook_subscriptions(Connection& c);
void insert_pending_delivery(Connection& c, Id id, Id subscription_id, Id event_id, Timestamp now);

// What a customer message about an order needs to know about it.
struct OrderContact {
  std::string customer_email;
  std::string ship_country;
  std::string external_id;
};
std::optional<OrderContact> find_order_contact(Connection& c, Id order_id);
// The latest tracking event's text of a shipment, "" when none.
std::string latest_tracking_text(Connection& c, Id shipment_id);
void insert_pending_message(Connection& c, const CustomerMessage& m);
void mark_events_dispatched(Connection& c, const std::vector<Id>& event_ids, Timestamp now);

struct DueDelivery {
  Id id = 0;
  Id event_id = 0;
  std::string topic;
  std::string payload;
  std::string url;
  std::string secret;
  std::int64_t attempts = 0;
};
// Takes up to `limit` pending deliveries due at `now` of active subscriptions and leases them until
// `lease_until` (their next_attempt_at), so that another dispatcher does not attempt them meanwhile and a
// dispatcher that dies mid-attempt leaves them due again once the lease ends.
std::vector<DueDelivery> claim_due_deliveries(Connection& c, Timestamp now, Timestamp lease_until, std::size_t limit);
std::vector<CustomerMessage> claim_due_messages(Connection& c, Timestamp now, Timestamp lease_until, std::size_t limit);

struct AttemptRecord {
  Id id = 0;
  bool success = false;
  bool dead = false;  // failed for the last time
  std::int64_t status_code = 0;  // HTTP or SMTP; 0 when nothing answered
  std::string error;
  Timestamp at;
  Timestamp next_attempt_at;  // when failed and not dead
};
void record_delivery_attempt(Connection& c, const AttemptRecord& r);
void record_message_attempt(Connection& c, const AttemptRecord& r);

}  // namespace daifa::store
