#pragma once
// Use cases for notifications (issue #6): webhook subscriptions (scoped: managers the merchant's, a
// distributor user its own), their deliveries and redelivery, the customer messages; and the dispatcher's
// steps that touch the store — fan-out of the outbox, claiming due work, recording attempts. The network
// (HTTP, SMTP) is integrations/notify/dispatcher.h's business: this layer never calls it.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/app.h"
#include "domain/common/outcome.h"
#include "store/notify/notify_repo.h"

namespace daifa::app {

// The topics the outbox carries today; a subscription names some of them, "prefix.*" or "*".
const std::vector<std::string_view>& known_event_topics();
// True when `pattern` is a topic, "prefix.*" of a known prefix, or "*".
bool valid_event_pattern(std::string_view pattern);
bool event_matches(const std::vector<std::string>& patterns, std::string_view topic);
// http:// or https:// with a host, no spaces or control characters, at most 2,000 bytes.
bool valid_webhook_url(std::string_view url);

// The fields a person sets. `events` errors name their index: events[1].
struct WebhookInput {
  std::optional<std::string> url;
  std::optional<std::vector<std::string>> events;
  std::optional<std::string> description;
  std::optional<bool> active;
};
FieldErrors validate_webhook_input(const WebhookInput& in, bool creating);

// The new subscription carries its secret (shown once, at creation).
Outcome<store::WebhookSubscription> create_webhook(store::Tx& tx, App& app, const Scope& scope, const WebhookInput& in);
Outcome<store::WebhookSubscription> update_webhook(store::Tx& tx, App& app, const Scope& scope, Id id,
                                                   std::int64_t expected_version, const WebhookInput& in);
// DELETE: the subscription stops (active = false) but stays, with its deliveries, for the record.
Outcome<store::WebhookSubscription> deactivate_webhook(store::Tx& tx, App& app, const Scope& scope, Id id);
std::optional<store::WebhookSubscription> get_webhook(App& app, const Scope& scope, Id id);
store::Page<store::WebhookSubscription> list_webhooks(App& app, const Scope& scope, const store::PageRequest& page);
// nullopt when the subscription is not in scope.
std::optional<store::Page<store::WebhookDeliveryRow>> list_webhook_deliveries(App& app, const Scope& scope, Id subscription,
                                                                              const store::DeliveryFilter& filter,
                                                                              const store::PageRequest& page);
// A delivered or dead delivery goes back to pending, attempts reset, due now.
Outcome<store::WebhookDeliveryRow> redeliver_webhook(store::Tx& tx, App& app, const Scope& scope, Id delivery);
store::Page<store::CustomerMessage> list_customer_messages(App& app, std::optional<Id> order_id,
                                                           const store::PageRequest& page);

// ---- the dispatcher's steps

// What a customer message tells, for the renderer the dispatcher supplies (integrations/notify/mail.h).
struct ShipmentMailFacts {
  std::string kind;      // shipped | delivered | exception
  std::string language;  // zh-CN | en
  std::string order_reference;
  std::string carrier;
  std::string tracking_number;
  std::string latest_event;
};
struct RenderedMail {
  std::string subject;
  std::string text;
};
using MailRenderer = std::function<RenderedMail(const ShipmentMailFacts&)>;

struct FanOutResult {
  std::size_t events = 0;
  std::size_t deliveries = 0;
  std::size_t messages = 0;
};
// Takes up to `limit` undispatched outbox rows in id order and, in ONE writer transaction, writes a pending
// delivery per matching active subscription in scope and a pending customer message per shipment news
// event whose order has a customer e-mail, and marks the rows fanned out. Idempotent: the UNIQUE keys of
// 0009 make a repeated fan-out write nothing twice.
FanOutResult fan_out_events(App& app, std::size_t limit, const MailRenderer& render);

std::vector<store::DueDelivery> claim_webhook_deliveries(App& app, std::size_t limit, std::int64_t lease_ms);
std::vector<store::CustomerMessage> claim_customer_messages(App& app, std::size_t limit, std::int64_t lease_ms);
// Records every attempt's outcome in one writer transaction.
void record_attempts(App& app, const std::vector<store::AttemptRecord>& deliveries,
                     const std::vector<store::AttemptRecord>& messages);

}  // namespace daifa::app
