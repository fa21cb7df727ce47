#include "app/notify/notify.h"

#include <algorithm>

#include <boost/json.hpp>

#include "app/crypto.h"

namespace daifa::app {
namespace json = boost::json;

namespace {

constexpr std::size_t kMaxUrlBytes = 2000;
constexpr std::size_t kMaxEvents = 50;
constexpr std::size_t kMaxDescription = 500;

std::optional<std::string> json_text(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (!v || !v->is_string()) return std::nullopt;
  return std::string(v->get_string());
}

// Customer news: which outbox topics mail the customer, and as what.
std::optional<std::string> mail_kind(std::string_view topic) {
  if (topic == "shipment.created") return "shipped";
  if (topic == "shipment.delivered") return "delivered";
  if (topic == "shipment.exception") return "exception";
  return std::nullopt;
}

// A distributor hears about its orders and their parcels, never about the purchase side (which supplier,
// which purchase order): purchase_order.* and channel.* events are the merchant's only.
bool distributor_may_receive(std::string_view topic) {
  return topic.substr(0, 6) == "order." || topic.substr(0, 9) == "shipment.";
}

// The same rule for the patterns a distributor subscribes to ("*" means everything it may receive).
FieldErrors distributor_pattern_errors(const std::vector<std::string>& patterns) {
  FieldErrors errors;
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    const std::string& p = patterns[i];
    if (p == "*" || distributor_may_receive(p)) continue;
    errors.push_back({"events[" + std::to_string(i) + "]", "not_for_distributors",
                      "a distributor subscribes to order.* and shipment.* events only"});
  }
  return errors;
}

}  // namespace

const std::vector<std::string_view>& known_event_topics() {
  static const std::vector<std::string_view> topics{
      "order.created",          "order.held",
      "order.approved",         "order.cancelled",
      "order.updated",          "order.shipped",
      "order.partially_shipped", "order.delivered",
      "purchase_order.placed",  "purchase_order.cancelled",
      "purchase_order.urged",   "purchase_order.accepted",
      "purchase_order.rejected", "purchase_order.shipped",
      "shipment.created",       "shipment.in_transit",
      "shipment.delivered",     "shipment.exception",
      "shipment.returned",      "channel.order_refused",
  };
  return topics;
}

bool valid_event_pattern(std::string_view pattern) {
  if (pattern == "*") return true;
  const auto& topics = known_event_topics();
  if (pattern.size() > 2 && pattern.substr(pattern.size() - 2) == ".*") {
    std::string_view prefix = pattern.substr(0, pattern.size() - 1);  // "order."
    return std::any_of(topics.begin(), topics.end(), [&](std::string_view t) { return t.substr(0, prefix.size()) == prefix; });
  }
  return std::find(topics.begin(), topics.end(), pattern) != topics.end();
}

bool event_matches(const std::vector<std::string>& patterns, std::string_view topic) {
  for (const std::string& p : patterns) {
    if (p == "*" || p == topic) return true;
    if (p.size() > 2 && p.compare(p.size() - 2, 2, ".*") == 0) {
      std::string_view prefix(p.data(), p.size() - 1);
      if (topic.substr(0, prefix.size()) == prefix) return true;
    }
  }
  return false;
}

bool valid_webhook_url(std::string_view url) {
  if (url.size() > kMaxUrlBytes) return false;
  std::size_t host_at;
  if (url.substr(0, 7) == "http://") host_at = 7;
  else if (url.substr(0, 8) == "https://") host_at = 8;
  else return false;
  if (host_at >= url.size() || url[host_at] == '/' || url[host_at] == ':' || url[host_at] == '?') return false;
  return std::none_of(url.begin(), url.end(), [](char ch) {
    auto u = static_cast<unsigned char>(ch);
    return u <= 0x20 || u == 0x7F;
  });
}

FieldErrors validate_webhook_input(const WebhookInput& in, bool creating) {
  FieldErrors errors;
  if (in.url && !valid_webhook_url(*in.url)) {
    errors.push_back({"url", "invalid_url", "must be an http:// or https:// URL with a host, without spaces"});
  } else if (creating && !in.url) {
    errors.push_back({"url", "required", "is required"});
  }
  if (in.events) {
    if (in.events->empty()) errors.push_back({"events", "empty", "must name at least one event"});
    if (in.events->size() > kMaxEvents) errors.push_back({"events", "too_many", "at most 50 events"});
    for (std::size_t i = 0; i < in.events->size(); ++i) {
      if (!valid_event_pattern((*in.events)[i])) {
        errors.push_back({"events[" + std::to_string(i) + "]", "unknown_event",
                          "must be a known event type (e.g. order.created), \"prefix.*\" or \"*\""});
      }
    }
  } else if (creating) {
    errors.push_back({"events", "required", "is required"});
  }
  if (in.description && in.description->size() > kMaxDescription) {
    errors.push_back({"description", "too_long", "at most 500 bytes"});
  }
  return errors;
}

Outcome<store::WebhookSubscription> create_webhook(store::Tx& tx, App& app, const Scope& scope, const WebhookInput& in) {
  FieldErrors errors = validate_webhook_input(in, true);
  if (errors.empty() && scope.role == Role::distributor) errors = distributor_pattern_errors(*in.events);
  if (!errors.empty()) return fail(Status::invalid_fields, "the webhook has invalid fields", std::move(errors));
  if (!scope.is_staff() && !(scope.role == Role::distributor && scope.distributor_id)) {
    return fail(Status::forbidden, "only managers and distributors subscribe to webhooks");
  }
  store::WebhookSubscription s;
  s.id = app.new_id();
  s.distributor_id = scope.role == Role::distributor ? scope.distributor_id : std::nullopt;
  s.url = *in.url;
  s.events = *in.events;
  s.secret = "whsec_" + random_token(32);
  s.active = in.active.value_or(true);
  s.description = in.description.value_or("");
  s.created_at = s.updated_at = app.now();
  s.version = 1;
  store::insert_webhook_subscription(tx.conn(), s);
  return s;
}

Outcome<store::WebhookSubscription> update_webhook(store::Tx& tx, App& app, const Scope& scope, Id id,
                                                   std::int64_t expected_version, const WebhookInput& in) {
  auto current = store::find_webhook_subscription(tx.conn(), scope, id);
  if (!current) return fail(Status::not_found, "no such webhook");
  if (current->version != expected_version) {
    return fail(Status::version_conflict, "the webhook was changed by someone else (now version " +
                                              std::to_string(current->version) + "); reload and retry");
  }
  FieldErrors errors = validate_webhook_input(in, false);
  if (errors.empty() && in.events && current->distributor_id) errors = distributor_pattern_errors(*in.events);
  if (!errors.empty()) return fail(Status::invalid_fields, "the webhook has invalid fields", std::move(errors));
  store::WebhookSubscription next = *current;
  if (in.url) next.url = *in.url;
  if (in.events) next.events = *in.events;
  if (in.description) next.description = *in.description;
  if (in.active) next.active = *in.active;
  next.updated_at = app.now();
  if (!store::update_webhook_subscription(tx.conn(), scope, next, expected_version)) {
    return fail(Status::version_conflict, "the webhook was changed by someone else; reload and retry");
  }
  next.version = expected_version + 1;
  return next;
}

Outcome<store::WebhookSubscription> deactivate_webhook(store::Tx& tx, App& app, const Scope& scope, Id id) {
  auto current = store::find_webhook_subscription(tx.conn(), scope, id);
  if (!current) return fail(Status::not_found, "no such webhook");
  if (!current->active) return *current;
  WebhookInput off;
  off.active = false;
  return update_webhook(tx, app, scope, id, current->version, off);
}

std::optional<store::WebhookSubscription> get_webhook(App& app, const Scope& scope, Id id) {
  return app.store().reads().read([&](store::Connection& c) { return store::find_webhook_subscription(c, scope, id); });
}

store::Page<store::WebhookSubscription> list_webhooks(App& app, const Scope& scope, const store::PageRequest& page) {
  return app.store().reads().read([&](store::Connection& c) { return store::list_webhook_subscriptions(c, scope, page); });
}

std::optional<store::Page<store::WebhookDeliveryRow>> list_webhook_deliveries(App& app, const Scope& scope, Id subscription,
                                                                              const store::DeliveryFilter& filter,
                                                                              const store::PageRequest& page) {
  return app.store().reads().read([&](store::Connection& c) -> std::optional<store::Page<store::WebhookDeliveryRow>> {
    if (!store::find_webhook_subscription(c, scope, subscription)) return std::nullopt;
    return store::list_webhook_deliveries(c, subscription, filter, page);
  });
}

Outcome<store::WebhookDeliveryRow> redeliver_webhook(store::Tx& tx, App& app, const Scope& scope, Id delivery) {
  auto found = store::find_webhook_delivery(tx.conn(), scope, delivery);
  if (!found) return fail(Status::not_found, "no such webhook delivery");
  if (!store::reset_webhook_delivery(tx.conn(), delivery, app.now())) {
    return fail(Status::state_conflict, "the delivery is already pending; it is attempted when due");
  }
  return *store::find_webhook_delivery(tx.conn(), scope, delivery);
}

store::Page<store::CustomerMessage> list_customer_messages(App& app, std::optional<Id> order_id,
                                                           const store::PageRequest& page) {
  return app.store().reads().read([&](store::Connection& c) { return store::list_customer_messages(c, order_id, page); });
}

FanOutResult fan_out_events(App& app, std::size_t limit, const MailRenderer& render) {
  return app.store().writer().run([&](store::Tx& tx) {
    FanOutResult result;
    store::Connection& c = tx.conn();
    auto events = store::undispatched_events(c, limit);
    if (events.empty()) return result;
    auto subscriptions = store::active_webhook_subscriptions(c);
    const Timestamp now = app.now();
    std::vector<Id> done;
    for (const store::UndispatchedEvent& e : events) {
      done.push_back(e.id);
      for (const store::WebhookSubscription& s : subscriptions) {
        // A distributor's subscription gets the events of its own orders only.
        if (s.distributor_id && (!e.order_distributor_id || *e.order_distributor_id != *s.distributor_id ||
                                 !distributor_may_receive(e.topic))) {
          continue;
        }
        if (!event_matches(s.events, e.topic)) continue;
        store::insert_pending_delivery(c, app.new_id(), s.id, e.id, now);
        ++result.deliveries;
      }
      auto kind = mail_kind(e.topic);
      if (!kind || !e.order_id || !render) continue;
      auto contact = store::find_order_contact(c, *e.order_id);
      if (!contact || contact->customer_email.empty()) continue;
      json::object payload;
      try {
        json::value v = json::parse(e.payload);
        if (v.is_object()) payload = v.as_object();
      } catch (const std::exception&) {
        // A payload we wrote ourselves is JSON; should one not be, the mail goes out with what is known.
      }
      ShipmentMailFacts facts;
      facts.kind = *kind;
      facts.language = contact->ship_country == "CN" ? "zh-CN" : "en";
      facts.order_reference = contact->external_id.empty() ? id_to_string(*e.order_id) : contact->external_id;
      facts.carrier = json_text(payload, "carrier").value_or("");
      facts.tracking_number = json_text(payload, "tracking_number").value_or("");
      std::optional<Id> shipment_id;
      if (auto text = json_text(payload, "shipment_id")) shipment_id = parse_id(*text);
      if (const json::value* latest = payload.if_contains("latest_event"); latest && latest->is_object()) {
        facts.latest_event = json_text(latest->as_object(), "text").value_or("");
      }
      if (facts.latest_event.empty() && shipment_id) facts.latest_event = store::latest_tracking_text(c, *shipment_id);
      RenderedMail mail = render(facts);
      store::CustomerMessage m;
      m.id = app.new_id();
      m.event_id = e.id;
      m.order_id = *e.order_id;
      m.shipment_id = shipment_id;
      m.kind = facts.kind;
      m.language = facts.language;
      m.to_address = contact->customer_email;
      m.subject = std::move(mail.subject);
      m.body = std::move(mail.text);
      m.next_attempt_at = now;
      m.created_at = now;
      store::insert_pending_message(c, m);
      ++result.messages;
    }
    store::mark_events_dispatched(c, done, now);
    result.events = events.size();
    return result;
  });
}

std::vector<store::DueDelivery> claim_webhook_deliveries(App& app, std::size_t limit, std::int64_t lease_ms) {
  return app.store().writer().run([&](store::Tx& tx) {
    Timestamp now = app.now();
    return store::claim_due_deliveries(tx.conn(), now, Timestamp{now.unix_ms + lease_ms}, limit);
  });
}

std::vector<store::CustomerMessage> claim_customer_messages(App& app, std::size_t limit, std::int64_t lease_ms) {
  return app.store().writer().run([&](store::Tx& tx) {
    Timestamp now = app.now();
    return store::claim_due_messages(tx.conn(), now, Timestamp{now.unix_ms + lease_ms}, limit);
  });
}

void record_attempts(App& app, const std::vector<store::AttemptRecord>& deliveries,
                     const std::vector<store::AttemptRecord>& messages) {
  if (deliveries.empty() && messages.empty()) return;
  app.store().writer().run([&](store::Tx& tx) {
    for (const auto& r : deliveries) store::record_delivery_attempt(tx.conn(), r);
    for (const auto& r : messages) store::record_message_attempt(tx.conn(), r);
  });
}

}  // namespace daifa::app
