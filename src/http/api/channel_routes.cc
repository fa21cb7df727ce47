// Sales channels (create, read, edit) and their listings: the price of every variant on the channel from its
// pricing rule, and the stock the channel may publish. The secret is write-only.
#include <array>

#include "app/catalog/channels.h"
#include "domain/common/time.h"
#include "http/api/api.h"
#include "http/api/catalog_json.h"
#include "http/api/resource_handlers.h"
#include "http/api/table_export.h"
#include "http/core/json_reader.h"

namespace daifa::http {
namespace json = boost::json;

namespace {

json::object channel_json(const Channel& c) {
  return json::object{{"id", id_to_string(c.id)},
                      {"name", c.name},
                      {"kind", to_string(c.kind)},
                      {"has_secret", !c.secret.empty()},
                      {"stock_buffer", c.stock_buffer},
                      {"pricing_rule", parsed(c.pricing_rule_json)},
                      {"distributor_id", c.distributor_id ? json::value(id_to_string(*c.distributor_id)) : nullptr},
                      {"version", c.version},
                      {"created_at", format_rfc3339(c.created_at)},
                      {"updated_at", format_rfc3339(c.updated_at)}};
}

// A distributor reads its own shops without their pricing rule: a markup or target margin next to the listing
// price it sees would give away the merchant's landed cost.
std::function<json::object(const Channel&)> channel_json_for(const RequestContext& ctx) {
  if (ctx.scope().role != Role::distributor) return channel_json;
  return [](const Channel& c) {
    json::object o = channel_json(c);
    o.erase("pricing_rule");
    return o;
  };
}

std::function<void(Channel&)> read_channel(const json::object& body, FieldErrors& errors, bool creating) {
  JsonReader reader(body, errors);
  auto name = reader.string("name", creating ? Need::required : Need::optional);
  auto kind_text = reader.string("kind", creating ? Need::required : Need::optional);
  auto secret = reader.string("secret", Need::optional);
  auto buffer = reader.integer("stock_buffer", Need::optional);
  const json::object* rule = reader.object("pricing_rule", Need::optional);
  // null detaches the channel from its distributor; absent leaves it as it is.
  const bool distributor_null = body.contains("distributor_id") && body.at("distributor_id").is_null();
  auto distributor = distributor_null ? std::nullopt : reader.id("distributor_id", Need::optional);
  reader.allow_only({"name", "kind", "secret", "stock_buffer", "pricing_rule", "distributor_id", "version"});
  std::optional<ChannelKind> kind;
  if (kind_text && !(kind = parse_channel_kind(*kind_text))) {
    errors.push_back({"kind", "unknown_kind", "must be api, shopify, woocommerce, csv or manual"});
  }
  std::optional<std::string> rule_json;
  if (rule) rule_json = json::serialize(*rule);
  return [=](Channel& c) {
    if (name) c.name = *name;
    if (kind) c.kind = *kind;
    if (secret) c.secret = *secret;
    if (buffer) c.stock_buffer = *buffer;
    if (rule_json) c.pricing_rule_json = *rule_json;
    if (distributor) c.distributor_id = *distributor;
    if (distributor_null) c.distributor_id.reset();
  };
}

Response list_channels(RequestContext& ctx) {
  Response error;
  auto page = page_request(ctx.req, {}, error);
  if (!page) return error;
  // A distributor sees its own shops only (to place and import their orders); staff see every channel.
  std::optional<Id> only;
  if (ctx.scope().role == Role::distributor) only = ctx.scope().distributor_id.value_or(-1);
  auto result =
      ctx.app.store().reads().read([&](store::Connection& c) { return store::list_channels(c, *page, only); });
  return list_response(result, channel_json_for(ctx));
}

std::optional<Channel> load(RequestContext& ctx) {
  auto id = ctx.path_id("id");
  if (!id) return std::nullopt;
  auto ch = ctx.app.store().reads().read([&](store::Connection& c) { return store::find_channel(c, *id); });
  if (ch && ctx.scope().role == Role::distributor && ch->distributor_id != ctx.scope().distributor_id) return std::nullopt;
  return ch;
}

Response get_channel(RequestContext& ctx) { return versioned(load(ctx), channel_json_for(ctx), "channel"); }

Response create_channel(RequestContext& ctx) {
  return create_resource<Channel>(
      ctx, read_channel, [&](store::Tx& tx, const Channel& c) { return app::create_channel(tx, ctx.app, c); },
      channel_json, "/api/v1/channels", "channel");
}

Response update_channel(RequestContext& ctx) {
  return update_resource<Channel>(
      ctx, read_channel,
      [&](store::Tx& tx, Id id, std::int64_t version, const std::function<void(Channel&)>& patch) {
        return app::update_channel(tx, ctx.app, id, version, patch);
      },
      channel_json, "channel");
}

struct PricedPage {
  store::Page<app::Listing> page;
  Channel channel;
};

// Reads the channel and a page of listings in one snapshot. nullopt: unknown channel.
std::optional<PricedPage> priced_page(RequestContext& ctx, const store::PageRequest& page) {
  auto id = ctx.path_id("id");
  if (!id) return std::nullopt;
  return ctx.app.store().reads().read([&](store::Connection& c) -> std::optional<PricedPage> {
    auto ch = store::find_channel(c, *id);
    if (!ch) return std::nullopt;
    if (ctx.scope().role == Role::distributor && ch->distributor_id != ctx.scope().distributor_id) return std::nullopt;
    FieldErrors ignored;
    auto rule = app::pricing_rule_from_json(ch->pricing_rule_json, ignored, "pricing_rule").value_or(PricingRule{});
    auto sources = store::list_listing_sources(c, page);
    PricedPage out{{{}, sources.next_before_id}, *ch};
    for (const auto& s : sources.items) out.page.items.push_back(app::price_listing(*ch, rule, s));
    return out;
  });
}

// A distributor reads the listings of its own shops — the price it sells at and the stock it may publish —
// but never what the merchant pays for them: no supplier, offer, landed cost, fee or margin.
json::object listing_json(const app::Listing& l, bool with_costs) {
  const Currency cur = l.source.list_price.currency;
  json::object o{{"variant_id", id_to_string(l.source.variant_id)},
                 {"product_id", id_to_string(l.source.product_id)},
                 {"sku", l.source.sku},
                 {"title", l.source.title},
                 {"status", app::to_string(l.status)},
                 {"list_price", to_json(l.source.list_price)},
                 {"published_stock", l.published_stock}};
  if (!with_costs) {
    o["price"] = l.quote ? to_json(Money{l.quote->price_minor, cur}) : json::value(nullptr);
    return o;
  }
  o["offer_id"] = l.offer_id ? json::value(id_to_string(*l.offer_id)) : nullptr;
  o["supplier_id"] = l.supplier_id ? json::value(id_to_string(*l.supplier_id)) : nullptr;
  o["landed_cost"] = l.offer_id ? to_json(Money{l.landed_minor, cur}) : json::value(nullptr);
  if (l.quote) {
    o["price"] = to_json(Money{l.quote->price_minor, cur});
    o["channel_fee"] = to_json(Money{l.quote->fee_minor, cur});
    o["margin"] = to_json(Money{l.quote->margin_minor, cur});
    o["margin_bp"] = l.quote->margin_bp;
    o["raised_to_min_margin"] = l.quote->raised_to_min_margin;
  } else {
    o["price"] = nullptr;
  }
  return o;
}

Response list_listings(RequestContext& ctx) {
  Response error;
  auto page = page_request(ctx.req, {}, error);
  if (!page) return error;
  auto priced = priced_page(ctx, *page);
  if (!priced) return not_found("channel");
  const bool with_costs = ctx.scope().is_staff();
  return list_response(priced->page, [&](const app::Listing& l) { return listing_json(l, with_costs); });
}

// Every priced listing of the channel, walking all pages (each page one snapshot). nullopt: unknown channel.
std::optional<std::pair<Channel, std::vector<app::Listing>>> all_priced(RequestContext& ctx) {
  store::PageRequest req{store::kMaxPageSize, std::nullopt};
  std::optional<Channel> channel;
  std::vector<app::Listing> out;
  for (int pages = 0; pages < 10'000; ++pages) {
    auto priced = priced_page(ctx, req);
    if (!priced) return std::nullopt;
    channel = priced->channel;
    for (auto& l : priced->page.items) {
      if (l.status == app::ListingStatus::listed || l.status == app::ListingStatus::out_of_stock) out.push_back(std::move(l));
    }
    if (!priced->page.next_before_id) break;
    req.before_id = priced->page.next_before_id;
  }
  return std::pair{*channel, std::move(out)};
}

Response export_listings(RequestContext& ctx, bool xlsx) {
  if (!ctx.req.query.empty()) {
    return problem(Status::malformed_request, "the export takes no parameters",
                   {{ctx.req.query.front().first, "unknown_parameter", "is not a parameter of this export"}});
  }
  auto all = all_priced(ctx);
  if (!all) return not_found("channel");
  const auto& [channel, listings] = *all;
  constexpr std::array<std::string_view, 6> kColumns{"sku", "title", "price", "currency", "stock", "status"};
  std::vector<TableRow> rows{header_row(kColumns)};
  for (const auto& l : listings) {
    rows.push_back({l.source.sku, l.source.title,
                    integrations::MoneyCell{l.quote->price_minor, l.source.list_price.currency.minor_digits()},
                    std::string(l.source.list_price.currency.code()), l.published_stock,
                    std::string(app::to_string(l.status))});
  }
  return table_response(xlsx ? ExportFormat::xlsx : ExportFormat::csv, "listings-" + id_to_string(channel.id),
                        "listings", rows);
}

}  // namespace

void add_channel_routes(Api& api) {
  // Reading channels: every staff role (orders name their channel), and a distributor its own shops.
  const RoleSet readers{Role::owner, Role::operator_, Role::agent, Role::finance, Role::distributor};
  api.add("GET", "/api/v1/channels", readers, list_channels);
  api.add("POST", "/api/v1/channels", kManagers, create_channel);
  api.add("GET", "/api/v1/channels/{id}", readers, get_channel);
  api.add("PATCH", "/api/v1/channels/{id}", kManagers, update_channel);
  // Listings: the managers, and a distributor those of its own shops (its prices and live stock, no costs).
  const RoleSet listing_readers{Role::owner, Role::operator_, Role::distributor};
  api.add("GET", "/api/v1/channels/{id}/listings", listing_readers, list_listings);
  api.add("GET", "/api/v1/channels/{id}/listings.csv", listing_readers,
          api.blocking([](RequestContext& ctx) { return export_listings(ctx, false); }));
  api.add("GET", "/api/v1/channels/{id}/listings.xlsx", listing_readers,
          api.blocking([](RequestContext& ctx) { return export_listings(ctx, true); }));
}

}  // namespace daifa::http
