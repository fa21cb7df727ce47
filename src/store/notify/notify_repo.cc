#include "store/notify/notify_repo.h"

namespace daifa::store {
namespace {

constexpr std::string_view kSubscriptionColumns =
    "id, distributor_id, url, events, secret, active, description, created_at, updated_at, version";

// Topics are validated ([a-z_.*]) before they get here, but quote and backslash are escaped anyway so the
// column is always a valid JSON array of strings.
std::string events_to_json(const std::vector<std::string>& events) {
  std::string out = "[";
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (i) out += ",";
    out += '"';
    for (char ch : events[i]) {
      if (ch == '"' || ch == '\\') out += '\\';
      out += ch;
    }
    out += '"';
  }
  return out + "]";
}

std::vector<std::string> events_from_json(std::string_view text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while ((i = text.find('"', i)) != std::string_view::npos) {
    std::string item;
    for (++i; i < text.size() && text[i] != '"'; ++i) {
      if (text[i] == '\\' && i + 1 < text.size()) ++i;
      item += text[i];
    }
    ++i;
    out.push_back(std::move(item));
  }
  return out;
}

WebhookSubscription subscription_from(const Row& r) {
  WebhookSubscription s;
  s.id = r.i64(0);
  s.distributor_id = r.opt_i64(1);
  s.url = r.text(2);
  s.events = events_from_json(r.text(3));
  s.secret = r.text(4);
  s.active = r.flag(5);
  s.description = r.text(6);
  s.created_at = Timestamp{r.i64(7)};
  s.updated_at = Timestamp{r.i64(8)};
  s.version = r.i64(9);
  return s;
}

// Managers see every subscription; a distributor user its own; anyone else none.
bool restrict(const Scope& scope, std::string& sql, std::vector<Value>& params, std::string_view column) {
  if (scope.role == Role::supplier) return false;
  if (scope.role == Role::distributor) {
    if (!scope.distributor_id) return false;
    sql += " AND " + std::string(column) + " = ?";
    params.emplace_back(*scope.distributor_id);
  }
  return true;
}

std::optional<Timestamp> opt_time(const Row& r, std::size_t i) {
  if (r.is_null(i)) return std::nullopt;
  return Timestamp{r.i64(i)};
}

constexpr std::string_view kDeliveryColumns =
    "d.id, d.subscription_id, d.event_id, o.topic, d.status, d.attempts, d.next_attempt_at, d.last_attempt_at, "
    "d.last_http_status, d.last_error, d.delivered_at, d.created_at";

WebhookDeliveryRow delivery_from(const Row& r) {
  WebhookDeliveryRow d;
  d.id = r.i64(0);
  d.subscription_id = r.i64(1);
  d.event_id = r.i64(2);
  d.topic = r.text(3);
  d.status = r.text(4);
  d.attempts = r.i64(5);
  d.next_attempt_at = Timestamp{r.i64(6)};
  d.last_attempt_at = opt_time(r, 7);
  d.last_http_status = r.opt_i64(8);
  d.last_error = r.text(9);
  d.delivered_at = opt_time(r, 10);
  d.created_at = Timestamp{r.i64(11)};
  return d;
}

constexpr std::string_view kMessageColumns =
    "id, event_id, order_id, shipment_id, kind, language, to_address, subject, body, status, attempts, "
    "next_attempt_at, last_smtp_status, last_error, sent_at, created_at";

CustomerMessage message_from(const Row& r) {
  CustomerMessage m;
  m.id = r.i64(0);
  m.event_id = r.i64(1);
  m.order_id = r.i64(2);
  m.shipment_id = r.opt_i64(3);
  m.kind = r.text(4);
  m.language = r.text(5);
  m.to_address = r.text(6);
  m.subject = r.text(7);
  m.body = r.text(8);
  m.status = r.text(9);
  m.attempts = r.i64(10);
  m.next_attempt_at = Timestamp{r.i64(11)};
  m.last_smtp_status = r.opt_i64(12);
  m.last_error = r.text(13);
  m.sent_at = opt_time(r, 14);
  m.created_at = Timestamp{r.i64(15)};
  return m;
}

std::string placeholders(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

// Leases the rows of `table` among `ids` that are still pending and due (another dispatcher may have
// taken some since they were read); returns the ids it took.
std::vector<Id> lease(Connection& c, std::string_view table, const std::vector<Id>& ids, Timestamp now,
                      Timestamp lease_until) {
  if (ids.empty()) return {};
  std::vector<Value> params{lease_until.unix_ms};
  for (Id id : ids) params.emplace_back(id);
  params.emplace_back(now.unix_ms);
  Result r = c.exec("UPDATE " + std::string(table) + " SET next_attempt_at = ? WHERE id IN (" +
                        placeholders(ids.size()) + ") AND status = 'pending' AND next_attempt_at <= ? RETURNING id",
                    params);
  std::vector<Id> out;
  for (const Row& row : r.rows) out.push_back(row.i64(0));
  return out;
}

}  // namespace

void insert_webhook_subscription(Connection& c, const WebhookSubscription& s) {
  Value distributor = s.distributor_id ? Value{*s.distributor_id} : Value{nullptr};
  c.exec("INSERT INTO webhook_subscriptions (" + std::string(kSubscriptionColumns) +
             ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
         {s.id, distributor, s.url, events_to_json(s.events), s.secret, std::int64_t{s.active}, s.description,
          s.created_at.unix_ms, s.updated_at.unix_ms, s.version});
}

std::optional<WebhookSubscription> find_webhook_subscription(Connection& c, const Scope& scope, Id id) {
  std::string sql = "SELECT " + std::string(kSubscriptionColumns) + " FROM webhook_subscriptions WHERE id = ?";
  std::vector<Value> params{id};
  if (!restrict(scope, sql, params, "distributor_id")) return std::nullopt;
  Result r = c.exec(sql, params);
  if (r.empty()) return std::nullopt;
  return subscription_from(r.rows[0]);
}

Page<WebhookSubscription> list_webhook_subscriptions(Connection& c, const Scope& scope, const PageRequest& page) {
  std::string sql = "SELECT " + std::string(kSubscriptionColumns) + " FROM webhook_subscriptions WHERE id < ?";
  std::vector<Value> params{page.before_id.value_or(INT64_MAX)};
  if (!restrict(scope, sql, params, "distributor_id")) return {};
  sql += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(page.limit + 1);
  std::vector<WebhookSubscription> rows;
  for (const Row& row : c.exec(sql, params).rows) rows.push_back(subscription_from(row));
  return make_page(std::move(rows), page, [](const WebhookSubscription& s) { return s.id; });
}

bool update_webhook_subscription(Connection& c, const Scope& scope, const WebhookSubscription& s,
                                 std::int64_t expected_version) {
  std::string sql =
      "UPDATE webhook_subscriptions SET url = ?, events = ?, active = ?, description = ?, updated_at = ?, "
      "version = ? WHERE id = ? AND version = ?";
  std::vector<Value> params{s.url, events_to_json(s.events), std::int64_t{s.active}, s.description,
                            s.updated_at.unix_ms, expected_version + 1, s.id, expected_version};
  if (!restrict(scope, sql, params, "distributor_id")) return false;
  return c.exec(sql, params).affected == 1;
}

Page<WebhookDeliveryRow> list_webhook_deliveries(Connection& c, Id subscription_id, const DeliveryFilter& filter,
                                                 const PageRequest& page) {
  std::string sql = "SELECT " + std::string(kDeliveryColumns) +
                    " FROM webhook_deliveries d JOIN outbox o ON o.id = d.event_id WHERE d.subscription_id = ? "
                    "AND d.id < ?";
  std::vector<Value> params{subscription_id, page.before_id.value_or(INT64_MAX)};
  if (filter.status) {
    sql += " AND d.status = ?";
    params.emplace_back(*filter.status);
  }
  sql += " ORDER BY d.id DESC LIMIT ?";
  params.emplace_back(page.limit + 1);
  std::vector<WebhookDeliveryRow> rows;
  for (const Row& row : c.exec(sql, params).rows) rows.push_back(delivery_from(row));
  return make_page(std::move(rows), page, [](const WebhookDeliveryRow& d) { return d.id; });
}

std::optional<WebhookDeliveryRow> find_webhook_delivery(Connection& c, const Scope& scope, Id id) {
  std::string sql = "SELECT " + std::string(kDeliveryColumns) +
                    " FROM webhook_deliveries d JOIN outbox o ON o.id = d.event_id"
                    " JOIN webhook_subscriptions s ON s.id = d.subscription_id WHERE d.id = ?";
  std::vector<Value> params{id};
  if (!restrict(scope, sql, params, "s.distributor_id")) return std::nullopt;
  Result r = c.exec(sql, params);
  if (r.empty()) return std::nullopt;
  return delivery_from(r.rows[0]);
}

bool reset_webhook_delivery(Connection& c, Id id, Timestamp now) {
  return c.exec("UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = ?, "
                "delivered_at = NULL WHERE id = ? AND status <> 'pending'",
                {now.unix_ms, id})
             .affected == 1;
}

Page<CustomerMessage> list_customer_messages(Connection& c, std::optional<Id> order_id, const PageRequest& page) {
  std::string sql = "SELECT " + std::string(kMessageColumns) + " FROM customer_messages WHERE id < ?";
  std::vector<Value> params{page.before_id.value_or(INT64_MAX)};
  if (order_id) {
    sql += " AND order_id = ?";
    params.emplace_back(*order_id);
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(page.limit + 1);
  std::vector<CustomerMessage> rows;
  for (const Row& row : c.exec(sql, params).rows) rows.push_back(message_from(row));
  return make_page(std::move(rows), page, [](const CustomerMessage& m) { return m.id; });
}

std::vector<UndispatchedEvent> undispatched_events(Connection& c, std::size_t limit) {
  Result r = c.exec(
      "SELECT e.id, e.topic, e.payload, e.order_id, ord.distributor_id FROM outbox e "
      "LEFT JOIN orders ord ON ord.id = e.order_id WHERE e.delivered_at IS NULL ORDER BY e.id LIMIT ?",
      {static_cast<std::int64_t>(limit)});
  std::vector<UndispatchedEvent> out;
  for (const Row& row : r.rows) {
    out.push_back(UndispatchedEvent{row.i64(0), row.text(1), row.text(2), row.opt_i64(3), row.opt_i64(4)});
  }
  return out;
}

std::vector<WebhookSubscription> active_webhook_subscriptions(Connection& c) {
  std::vector<WebhookSubscription> out;
  for (const Row& row :
       c.exec("SELECT " + std::string(kSubscriptionColumns) + " FROM webhook_subscriptions WHERE active = 1 ORDER BY id")
           .rows) {
    out.push_back(subscription_from(row));
  }
  return out;
}

void insert_pending_delivery(Connection& c, Id id, Id subscription_id, Id event_id, Timestamp now) {
  c.exec("INSERT INTO webhook_deliveries (id, subscription_id, event_id, status, attempts, next_attempt_at, "
         "created_at) VALUES (?, ?, ?, 'pending', 0, ?, ?) ON CONFLICT (subscription_id, event_id) DO NOTHING",
         {id, subscription_id, event_id, now.unix_ms, now.unix_ms});
}

std::optional<OrderContact> find_order_contact(Connection& c, Id order_id) {
  Result r = c.exec("SELECT customer_email, ship_country, external_id FROM orders WHERE id = ?", {order_id});
  if (r.empty()) return std::nullopt;
  return OrderContact{r.rows[0].text(0), r.rows[0].text(1), r.rows[0].text(2)};
}

std::string latest_tracking_text(Connection& c, Id shipment_id) {
  Result r = c.exec("SELECT text FROM tracking_events WHERE shipment_id = ? ORDER BY at DESC, id DESC LIMIT 1",
                    {shipment_id});
  return r.empty() ? std::string() : r.rows[0].text(0);
}

void insert_pending_message(Connection& c, const CustomerMessage& m) {
  Value shipment = m.shipment_id ? Value{*m.shipment_id} : Value{nullptr};
  c.exec("INSERT INTO customer_messages (id, event_id, order_id, shipment_id, kind, language, to_address, subject, "
         "body, status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?) "
         "ON CONFLICT (event_id, kind) DO NOTHING",
         {m.id, m.event_id, m.order_id, shipment, m.kind, m.language, m.to_address, m.subject, m.body,
          m.next_attempt_at.unix_ms, m.created_at.unix_ms});
}

void mark_events_dispatched(Connection& c, const std::vector<Id>& event_ids, Timestamp now) {
  if (event_ids.empty()) return;
  std::vector<Value> params{now.unix_ms};
  for (Id id : event_ids) params.emplace_back(id);
  c.exec("UPDATE outbox SET delivered_at = ? WHERE id IN (" + placeholders(event_ids.size()) + ")", params);
}

std::vector<DueDelivery> claim_due_deliveries(Connection& c, Timestamp now, Timestamp lease_until, std::size_t limit) {
  Result due = c.exec(
      "SELECT d.id FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id "
      "WHERE d.status = 'pending' AND d.next_attempt_at <= ? AND s.active = 1 ORDER BY d.next_attempt_at, d.id LIMIT ?",
      {now.unix_ms, static_cast<std::int64_t>(limit)});
  std::vector<Id> ids;
  for (const Row& row : due.rows) ids.push_back(row.i64(0));
  ids = lease(c, "webhook_deliveries", ids, now, lease_until);
  if (ids.empty()) return {};
  std::vector<Value> params(ids.begin(), ids.end());
  Result r = c.exec(
      "SELECT d.id, d.event_id, o.topic, o.payload, s.url, s.secret, d.attempts FROM webhook_deliveries d "
      "JOIN outbox o ON o.id = d.event_id JOIN webhook_subscriptions s ON s.id = d.subscription_id "
      "WHERE d.id IN (" + placeholders(ids.size()) + ") ORDER BY d.id",
      params);
  std::vector<DueDelivery> out;
  for (const Row& row : r.rows) {
    out.push_back(DueDelivery{row.i64(0), row.i64(1), row.text(2), row.text(3), row.text(4), row.text(5), row.i64(6)});
  }
  return out;
}

std::vector<CustomerMessage> claim_due_messages(Connection& c, Timestamp now, Timestamp lease_until,
                                                std::size_t limit) {
  Result due = c.exec(
      "SELECT id FROM customer_messages WHERE status = 'pending' AND next_attempt_at <= ? "
      "ORDER BY next_attempt_at, id LIMIT ?",
      {now.unix_ms, static_cast<std::int64_t>(limit)});
  std::vector<Id> ids;
  for (const Row& row : due.rows) ids.push_back(row.i64(0));
  ids = lease(c, "customer_messages", ids, now, lease_until);
  if (ids.empty()) return {};
  std::vector<Value> params(ids.begin(), ids.end());
  Result r = c.exec("SELECT " + std::string(kMessageColumns) + " FROM customer_messages WHERE id IN (" +
                        placeholders(ids.size()) + ") ORDER BY id",
                    params);
  std::vector<CustomerMessage> out;
  for (const Row& row : r.rows) out.push_back(message_from(row));
  return out;
}

void record_delivery_attempt(Connection& c, const AttemptRecord& r) {
  Value code = r.status_code ? Value{r.status_code} : Value{nullptr};
  if (r.success) {
    c.exec("UPDATE webhook_deliveries SET status = 'delivered', attempts = attempts + 1, last_attempt_at = ?, "
           "last_http_status = ?, last_error = '', delivered_at = ? WHERE id = ?",
           {r.at.unix_ms, code, r.at.unix_ms, r.id});
  } else {
    c.exec("UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1, last_attempt_at = ?, "
           "last_http_status = ?, last_error = ?, next_attempt_at = ? WHERE id = ?",
           {std::string(r.dead ? "dead" : "pending"), r.at.unix_ms, code, r.error, r.next_attempt_at.unix_ms, r.id});
  }
}

void record_message_attempt(Connection& c, const AttemptRecord& r) {
  Value code = r.status_code ? Value{r.status_code} : Value{nullptr};
  if (r.success) {
    c.exec("UPDATE customer_messages SET status = 'sent', attempts = attempts + 1, last_smtp_status = ?, "
           "last_error = '', sent_at = ? WHERE id = ?",
           {code, r.at.unix_ms, r.id});
  } else {
    c.exec("UPDATE customer_messages SET status = ?, attempts = attempts + 1, last_smtp_status = ?, last_error = ?, "
           "next_attempt_at = ? WHERE id = ?",
           {std::string(r.dead ? "dead" : "pending"), code, r.error, r.next_attempt_at.unix_ms, r.id});
  }
}

}  // namespace daifa::store
