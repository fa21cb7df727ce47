// Orders from the channels themselves: Shopify's and WooCommerce's order webhooks (their signatures
// checked on the raw body against the channel's secret before anything is read or stored) and CSV/XLSX
// imports with a report of every row. All of them go through the same intake as POST /orders, so a
// retried webhook or a re-imported file finds the order it made the first time.
#include <algorithm>
#include <set>

#include "app/orders/orders.h"
#include "http/api/api.h"
#include "http/api/order_json.h"
#include "integrations/channels/order_rows.h"
#include "integrations/channels/shopify_order.h"
#include "integrations/channels/woocommerce_order.h"
#include "integrations/spreadsheet/table_reader.h"
#include "store/catalog/channel_repo.h"

namespace daifa::http {
namespace json = boost::json;

namespace {

std::optional<Channel> load_channel(RequestContext& ctx) {
  auto id = ctx.path_id("id");
  if (!id) return std::nullopt;
  return ctx.app.store().reads().read([&](store::Connection& c) { return store::find_channel(c, *id); });
}

// The order a webhook carried, taken in as the merchant would: the channel is the merchant's (or its
// distributor's), and the webhook is the actor the history names.
Response take_in(RequestContext& ctx, const Channel& channel, integrations::ParsedOrder parsed, std::string actor,
                 std::string_view platform) {
  if (!parsed.draft) {
    // Signed by the shop but not an order Daifa can take. Answered 202, not 4xx: Shopify retries a non-2xx
    // for 48 hours and then deletes the subscription, WooCommerce disables the webhook after five failures,
    // and either would stop every other order of the shop. The refusal is kept as an outbox event.
    return ctx.write([&](store::Tx& tx) {
      std::string hint;
      boost::json::error_code ec;
      if (auto v = boost::json::parse(ctx.req.body, ec); !ec && v.is_object()) {
        if (auto* id = v.as_object().if_contains("id")) hint = boost::json::serialize(*id);
      }
      Id event = app::record_refused_delivery(tx, ctx.app, channel.id, platform, hint, parsed.errors);
      json::array errors;
      for (const FieldError& e : parsed.errors) {
        errors.push_back(json::object{{"field", e.field}, {"code", e.code}, {"message", e.message}});
      }
      return json_response(202, json::object{{"accepted", false},
                                             {"event_id", id_to_string(event)},
                                             {"detail", "the payload is not an order Daifa can take; it was recorded"},
                                             {"errors", std::move(errors)}});
    });
  }
  Scope scope;  // staff: the signature proved the channel's own shop sent it
  scope.role = Role::operator_;
  return ctx.write([&](store::Tx& tx) {
    auto result = app::intake_order(tx, ctx.app, scope, app::Actor{actor}, *parsed.draft);  // copies: it may run again
    if (!result) return problem(result.failure());
    Response r = json_response(result->created ? 201 : 200, order_json(result->order, scope));
    if (result->created) r.set("Location", "/api/v1/orders/" + id_to_string(result->order.id));
    return r;
  });
}

Response unsigned_webhook() {
  return problem(Status::unauthenticated, "the webhook signature does not match the channel's secret",
                 {{"signature", "mismatch", "must be base64(HMAC-SHA256(raw body, channel secret))"}});
}

Response shopify_webhook(RequestContext& ctx) {
  auto channel = load_channel(ctx);
  if (!channel || channel->kind != ChannelKind::shopify) return not_found("Shopify channel");
  const std::string_view signature = ctx.req.header("X-Shopify-Hmac-Sha256").value_or("");
  if (!integrations::verify_shopify_signature(ctx.req.body, signature, channel->secret)) return unsigned_webhook();
  const std::string_view topic = ctx.req.header("X-Shopify-Topic").value_or("orders/create");
  if (topic != "orders/create") {
    // Shopify retries anything but a 2xx: acknowledge topics Daifa does not take, and take nothing.
    return json_response(200, json::object{{"ignored", topic}});
  }
  const std::string webhook_id(ctx.req.header("X-Shopify-Webhook-Id").value_or(""));
  return take_in(ctx, *channel, integrations::parse_shopify_order(ctx.req.body, channel->id),
                 "webhook:shopify" + (webhook_id.empty() ? "" : ":" + webhook_id), "shopify");
}

Response woocommerce_webhook(RequestContext& ctx) {
  auto channel = load_channel(ctx);
  if (!channel || channel->kind != ChannelKind::woocommerce) return not_found("WooCommerce channel");
  // The creation ping is unsigned and carries no order: it must get a 200 or the webhook is not saved.
  if (integrations::is_woocommerce_ping(ctx.req.header("Content-Type").value_or(""), ctx.req.body)) {
    return json_response(200, json::object{{"ping", true}});
  }
  const std::string_view signature = ctx.req.header("X-WC-Webhook-Signature").value_or("");
  if (!integrations::verify_woocommerce_signature(ctx.req.body, signature, channel->secret)) return unsigned_webhook();
  const std::string_view topic = ctx.req.header("X-WC-Webhook-Topic").value_or("order.created");
  if (topic != "order.created") return json_response(200, json::object{{"ignored", topic}});
  return take_in(ctx, *channel, integrations::parse_woocommerce_order(ctx.req.body, channel->id),
                 "webhook:woocommerce", "woocommerce");
}

// POST /imports/orders?channel_id=&file= with a CSV or XLSX body: every order of the file is taken in on
// its own (a refused row refuses only its order), and the report says what became of each row.
Response import_orders(RequestContext& ctx) {
  for (const auto& [key, value] : ctx.req.query) {
    if (key != "channel_id" && key != "file") {
      return problem(Status::malformed_request, "the query has invalid parameters",
                     {{key, "unknown_parameter", "is not a parameter of this import"}});
    }
  }
  auto channel_text = ctx.req.query_param("channel_id");
  auto channel_id = channel_text ? parse_id(*channel_text) : std::nullopt;
  if (!channel_id) {
    return problem(Status::invalid_fields, "which channel the orders came from: give channel_id",
                   {{"channel_id", channel_text ? "must_be_id" : "required", "must be the id of a channel"}});
  }
  auto channel = ctx.app.store().reads().read([&](store::Connection& c) { return store::find_channel(c, *channel_id); });
  const Scope& scope = ctx.scope();
  if (!channel || (!scope.is_staff() && !(scope.role == Role::distributor && scope.distributor_id &&
                                          channel->distributor_id == scope.distributor_id))) {
    return problem(Status::invalid_fields, "no such channel", {{"channel_id", "unknown_channel", "no channel has this id"}});
  }
  const std::string file(ctx.req.query_param("file").value_or("orders"));
  if (file.empty() || file.size() > 200) {
    return problem(Status::malformed_request, "file must be 1 to 200 characters",
                   {{"file", "out_of_range", "must be 1 to 200 characters"}});
  }
  integrations::Table table = integrations::read_table(ctx.req.body);
  if (!table.error.empty()) {
    return problem(Status::invalid_fields, "the file cannot be read: " + table.error,
                   {{"file", table.error_code, table.error}});
  }
  integrations::OrderRows rows = integrations::read_order_rows(table.rows, *channel_id);
  if (!rows.file_errors.empty()) return problem(Status::invalid_fields, "the file cannot be imported", rows.file_errors);
  return ctx.write([&](store::Tx& tx) {
    json::array results;
    int created = 0, existing = 0, refused = 0;
    for (const auto& r : rows.refusals) {
      results.push_back(json::object{{"row", r.row},
                                     {"status", "refused"},
                                     {"error", json::object{{"field", r.field}, {"code", r.code}, {"message", r.message}}}});
    }
    std::set<std::size_t> refused_rows;
    for (const auto& r : rows.refusals) refused_rows.insert(r.row);
    refused = static_cast<int>(refused_rows.size());
    const app::Actor actor{(ctx.principal ? ctx.principal->user.email : std::string("import")) + " import:" + file};
    for (auto& order : rows.orders) {
      auto result = app::intake_order(tx, ctx.app, ctx.scope(), actor, order.draft);
      if (!result) {
        // The channel (not visible to this user) or another refusal of the whole order: every row says why.
        const Failure& f = result.failure();
        for (std::size_t row : order.rows) {
          json::object err{{"field", f.errors.empty() ? std::string("row") : f.errors.front().field},
                           {"code", f.errors.empty() ? std::string(to_string(f.status)) : f.errors.front().code},
                           {"message", f.errors.empty() ? f.detail : f.errors.front().message}};
          results.push_back(json::object{{"row", row}, {"status", "refused"}, {"error", std::move(err)}});
          ++refused;
        }
        continue;
      }
      (result->created ? created : existing) += 1;
      for (std::size_t row : order.rows) {
        results.push_back(json::object{{"row", row},
                                       {"status", result->created ? "created" : "existing"},
                                       {"order_id", id_to_string(result->order.id)},
                                       {"external_id", result->order.external_id},
                                       {"order_status", to_string(result->order.status)}});
      }
    }
    std::sort(results.begin(), results.end(), [](const json::value& a, const json::value& b) {
      return a.at("row").to_number<std::int64_t>() < b.at("row").to_number<std::int64_t>();
    });
    return json_response(200, json::object{{"file", file},
                                           {"orders_created", created},
                                           {"orders_existing", existing},
                                           {"rows_refused", refused},
                                           {"results", std::move(results)}});
  });
}

}  // namespace

void add_order_intake_routes(Api& api) {
  // Public: the channel's signature is the credential, checked before anything is read or stored.
  api.add("POST", "/api/v1/channels/{id}/webhooks/shopify", RoleSet::public_access(), shopify_webhook);
  api.add("POST", "/api/v1/channels/{id}/webhooks/woocommerce", RoleSet::public_access(), woocommerce_webhook);
  api.add("POST", "/api/v1/imports/orders", RoleSet{Role::owner, Role::operator_, Role::agent, Role::distributor},
          api.blocking(import_orders),
          {"text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/octet-stream"});
}

}  // namespace daifa::http
