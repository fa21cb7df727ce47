// Outbound webhooks (subscriptions, their deliveries, redelivery) and the customer messages sent.
// Managers (owner, operator) manage the merchant's subscriptions and see all; a distributor user manages
// its own, which get the events of its own orders only. DELETE deactivates: the subscription and its
// deliveries stay, for the record, and nothing more is sent to it.
#include "app/notify/notify.h"
#include "http/api/api.h"
#include "http/core/json_reader.h"

namespace daifa::http {
namespace json = boost::json;

namespace {

json::value opt_time(const std::optional<Timestamp>& t) { return t ? json::value(format_rfc3339(*t)) : nullptr; }

json::object webhook_json(const store::WebhookSubscription& s) {
  json::array events;
  for (const auto& e : s.events) events.emplace_back(e);
  json::object o{{"id", id_to_string(s.id)},
                 {"url", s.url},
                 {"events", std::move(events)},
                 {"description", s.description},
                 {"active", s.active},
                 {"version", s.version},
                 {"created_at", format_rfc3339(s.created_at)},
                 {"updated_at", format_rfc3339(s.updated_at)}};
  o["distributor_id"] = s.distributor_id ? json::value(id_to_string(*s.distributor_id)) : nullptr;
  return o;
}

json::object delivery_json(const store::WebhookDeliveryRow& d) {
  json::object o{{"id", id_to_string(d.id)},
                 {"subscription_id", id_to_string(d.subscription_id)},
                 {"event_id", id_to_string(d.event_id)},
                 {"event_type", d.topic},
                 {"status", d.status},
                 {"attempts", d.attempts},
                 {"next_attempt_at", d.status == "pending" ? json::value(format_rfc3339(d.next_attempt_at)) : nullptr},
                 {"last_attempt_at", opt_time(d.last_attempt_at)},
                 {"last_error", d.last_error},
                 {"delivered_at", opt_time(d.delivered_at)},
                 {"created_at", format_rfc3339(d.created_at)}};
  o["last_http_status"] = d.last_http_status ? json::value(*d.last_http_status) : nullptr;
  return o;
}

json::object message_json(const store::CustomerMessage& m) {
  json::object o{{"id", id_to_string(m.id)},
                 {"event_id", id_to_string(m.event_id)},
                 {"order_id", id_to_string(m.order_id)},
                 {"kind", m.kind},
                 {"language", m.language},
                 {"to", m.to_address},
                 {"subject", m.subject},
                 {"body", m.body},
                 {"status", m.status},
                 {"attempts", m.attempts},
                 {"last_error", m.last_error},
                 {"sent_at", opt_time(m.sent_at)},
                 {"created_at", format_rfc3339(m.created_at)}};
  o["shipment_id"] = m.shipment_id ? json::value(id_to_string(*m.shipment_id)) : nullptr;
  o["last_smtp_status"] = m.last_smtp_status ? json::value(*m.last_smtp_status) : nullptr;
  return o;
}

// Reads {url, events, description, active}; every problem is a field error.
app::WebhookInput read_webhook(const json::object& body, FieldErrors& errors, bool creating) {
  JsonReader reader(body, errors);
  app::WebhookInput in;
  Need need = creating ? Need::required : Need::optional;
  in.url = reader.string("url", need);
  in.description = reader.string("description", Need::optional);
  in.active = reader.boolean("active", Need::optional);
  if (const json::value* v = body.if_contains("events")) {
    if (!v->is_array()) {
      errors.push_back({"events", "must_be_array", "must be an array of event types"});
    } else {
      std::vector<std::string> events;
      bool ok = true;
      const json::array& a = v->get_array();
      for (std::size_t i = 0; i < a.size(); ++i) {
        if (!a[i].is_string()) {
          errors.push_back({"events[" + std::to_string(i) + "]", "must_be_string", "must be an event type"});
          ok = false;
        } else {
          events.emplace_back(a[i].get_string());
        }
      }
      if (ok) in.events = std::move(events);
    }
  } else if (creating) {
    errors.push_back({"events", "required", "is required"});
  }
  if (creating) reader.allow_only({"url", "events", "description", "active"});
  else reader.allow_only({"url", "events", "description", "active", "version"});
  // The input's own rules (URL form, known events), reported together with the shape errors.
  app::WebhookInput checked = in;
  if (!checked.url && creating) checked.url = "http://placeholder";  // "required" is reported above
  if (!checked.events && creating) checked.events = std::vector<std::string>{"*"};
  for (auto& e : app::validate_webhook_input(checked, false)) errors.push_back(std::move(e));
  return in;
}

Response list_webhooks(RequestContext& ctx) {
  Response error;
  auto page = page_request(ctx.req, {}, error);
  if (!page) return error;
  return list_response(app::list_webhooks(ctx.app, ctx.scope(), *page), webhook_json);
}

Response get_webhook(RequestContext& ctx) {
  auto id = ctx.path_id("id");
  auto found = id ? app::get_webhook(ctx.app, ctx.scope(), *id) : std::nullopt;
  if (!found) return not_found("webhook");
  Response r = json_response(200, webhook_json(*found));
  r.set("ETag", "\"" + std::to_string(found->version) + "\"");
  return r;
}

Response create_webhook(RequestContext& ctx) {
  Response error;
  auto body = ctx.json_body(error);
  if (!body) return error;
  FieldErrors errors;
  app::WebhookInput in = read_webhook(*body, errors, true);
  if (!errors.empty()) return problem(Status::invalid_fields, "the webhook has invalid fields", errors);
  return ctx.write([&](store::Tx& tx) {
    auto made = app::create_webhook(tx, ctx.app, ctx.scope(), in);
    if (!made) return problem(made.failure());
    json::object o = webhook_json(*made);
    o["secret"] = made->secret;  // shown once: receivers verify X-Daifa-Signature with it
    Response r = json_response(201, o);
    r.set("Location", "/api/v1/webhooks/" + id_to_string(made->id));
    r.set("ETag", "\"" + std::to_string(made->version) + "\"");
    return r;
  });
}

Response update_webhook(RequestContext& ctx) {
  auto id = ctx.path_id("id");
  if (!id) return not_found("webhook");
  Response error;
  auto body = ctx.json_body(error);
  if (!body) return error;
  auto version = expected_version(ctx.req, *body, error);
  if (!version) return error;
  FieldErrors errors;
  app::WebhookInput in = read_webhook(*body, errors, false);
  if (!errors.empty()) return problem(Status::invalid_fields, "the webhook has invalid fields", errors);
  return ctx.write([&](store::Tx& tx) {
    auto changed = app::update_webhook(tx, ctx.app, ctx.scope(), *id, *version, in);
    if (!changed) return problem(changed.failure());
    Response r = json_response(200, webhook_json(*changed));
    r.set("ETag", "\"" + std::to_string(changed->version) + "\"");
    return r;
  });
}

Response delete_webhook(RequestContext& ctx) {
  auto id = ctx.path_id("id");
  if (!id) return not_found("webhook");
  return ctx.write([&](store::Tx& tx) {
    auto off = app::deactivate_webhook(tx, ctx.app, ctx.scope(), *id);
    if (!off) return problem(off.failure());
    Response r;
    r.status = 204;
    return r;
  });
}

Response list_deliveries(RequestContext& ctx) {
  auto id = ctx.path_id("id");
  if (!id) return not_found("webhook");
  Response error;
  auto page = page_request(ctx.req, {"status"}, error);
  if (!page) return error;
  store::DeliveryFilter filter;
  if (auto status = ctx.req.query_param("status")) {
    if (*status != "pending" && *status != "delivered" && *status != "dead") {
      return problem(Status::malformed_request, "unknown delivery status",
                     {{"status", "unknown_status", "must be pending, delivered or dead"}});
    }
    filter.status = std::string(*status);
  }
  auto found = app::list_webhook_deliveries(ctx.app, ctx.scope(), *id, filter, *page);
  if (!found) return not_found("webhook");
  return list_response(*found, delivery_json);
}

Response redeliver(RequestContext& ctx) {
  auto id = ctx.path_id("id");
  if (!id) return not_found("webhook delivery");
  return ctx.write([&](store::Tx& tx) {
    auto again = app::redeliver_webhook(tx, ctx.app, ctx.scope(), *id);
    if (!again) return problem(again.failure());
    return json_response(200, delivery_json(*again));
  });
}

Response list_messages(RequestContext& ctx) {
  Response error;
  auto page = page_request(ctx.req, {"order_id"}, error);
  if (!page) return error;
  std::optional<Id> order_id;
  if (!id_param(ctx, "order_id", order_id, error)) return error;
  return list_response(app::list_customer_messages(ctx.app, order_id, *page), message_json);
}

}  // namespace

void add_notify_routes(Api& api) {
  const RoleSet subscribers{Role::owner, Role::operator_, Role::distributor};
  api.add("GET", "/api/v1/webhooks", subscribers, list_webhooks);
  api.add("POST", "/api/v1/webhooks", subscribers, create_webhook);
  api.add("GET", "/api/v1/webhooks/{id}", subscribers, get_webhook);
  api.add("PATCH", "/api/v1/webhooks/{id}", subscribers, update_webhook);
  api.add("DELETE", "/api/v1/webhooks/{id}", subscribers, delete_webhook);
  api.add("GET", "/api/v1/webhooks/{id}/deliveries", subscribers, list_deliveries);
  api.add("POST", "/api/v1/webhook-deliveries/{id}/redeliver", subscribers, redeliver);
  api.add("GET", "/api/v1/customer-messages", kStaff, list_messages);
}

}  // namespace daifa::http
