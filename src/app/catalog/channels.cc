#include "app/catalog/channels.h"

#include "store/distribution/distributor_repo.h"

#include <boost/json.hpp>

#include "domain/common/validation.h"

namespace daifa::app {
namespace json = boost::json;

std::string pricing_rule_to_json(const PricingRule& r) {
  return json::serialize(json::object{{"mode", to_string(r.mode)},
                                      {"value_bp", r.value_bp},
                                      {"channel_fee_bp", r.channel_fee_bp},
                                      {"channel_fee_fixed_minor", r.channel_fee_fixed_minor},
                                      {"rounding", to_string(r.rounding)},
                                      {"min_margin_bp", r.min_margin_bp}});
}

std::optional<PricingRule> pricing_rule_from_json(std::string_view text, FieldErrors& errors, std::string_view prefix) {
  json::error_code ec;
  json::value v = json::parse(text, ec);
  std::string p(prefix);
  if (ec || !v.is_object()) {
    errors.push_back({p, "must_be_object", "must be a pricing rule object"});
    return std::nullopt;
  }
  PricingRule rule;
  std::size_t before = errors.size();
  for (const auto& kv : v.as_object()) {
    std::string key(kv.key());
    std::string field = p + "." + key;
    const json::value& value = kv.value();
    auto integer = [&](std::int64_t& out) {
      if (value.is_int64()) out = value.as_int64();
      else errors.push_back({field, "must_be_integer", "must be a whole number"});
    };
    if (key == "mode") {
      auto m = value.is_string() ? parse_pricing_mode(value.as_string()) : std::nullopt;
      if (m) rule.mode = *m;
      else errors.push_back({field, "unknown_mode", "must be markup or target_margin"});
    } else if (key == "rounding") {
      auto r = value.is_string() ? parse_price_rounding(value.as_string()) : std::nullopt;
      if (r) rule.rounding = *r;
      else errors.push_back({field, "unknown_rounding", "must be none, x.99 or x.9"});
    } else if (key == "value_bp") {
      integer(rule.value_bp);
    } else if (key == "channel_fee_bp") {
      integer(rule.channel_fee_bp);
    } else if (key == "channel_fee_fixed_minor") {
      integer(rule.channel_fee_fixed_minor);
    } else if (key == "min_margin_bp") {
      integer(rule.min_margin_bp);
    } else {
      errors.push_back({field, "unknown_field", "is not a field of a pricing rule"});
    }
  }
  if (errors.size() != before) return std::nullopt;
  FieldErrors rule_errors = validate(rule, prefix);
  if (!rule_errors.empty()) {
    errors.insert(errors.end(), rule_errors.begin(), rule_errors.end());
    return std::nullopt;
  }
  return rule;
}

FieldErrors validate_channel(store::Connection& c, const Channel& ch) {
  FieldErrors errors;
  if (ch.distributor_id && !store::find_distributor(c, Scope{}, *ch.distributor_id)) {
    errors.push_back({"distributor_id", "unknown_distributor", "no distributor has this id"});
  }
  check_text(errors, "name", ch.name, 1, 64);
  check_range(errors, "stock_buffer", ch.stock_buffer, 0, 1'000'000);
  if (ch.secret.size() > 256) errors.push_back({"secret", "too_long", "must have at most 256 characters"});
  pricing_rule_from_json(ch.pricing_rule_json, errors, "pricing_rule");
  return errors;
}

Outcome<Channel> create_channel(store::Tx& tx, App& app, Channel ch) {
  FieldErrors errors = validate_channel(tx.conn(), ch);
  if (!errors.empty()) return fail(Status::invalid_fields, "the channel has invalid fields", std::move(errors));
  ch.id = app.new_id();
  ch.version = 1;
  ch.created_at = ch.updated_at = app.now();
  store::insert_channel(tx.conn(), ch);
  return ch;
}

Outcome<Channel> update_channel(store::Tx& tx, App& app, Id id, std::int64_t expected_version,
                                const std::function<void(Channel&)>& patch) {
  auto current = store::find_channel(tx.conn(), id);
  if (!current) return fail(Status::not_found, "no such channel");
  if (current->version != expected_version) {
    return fail(Status::version_conflict, "the channel was changed by someone else (now version " +
                                              std::to_string(current->version) + "); reload and retry");
  }
  Channel next = *current;
  patch(next);
  next.id = id;
  FieldErrors errors = validate_channel(tx.conn(), next);
  if (!errors.empty()) return fail(Status::invalid_fields, "the channel has invalid fields", std::move(errors));
  next.updated_at = app.now();
  if (!store::update_channel(tx.conn(), next, expected_version)) {
    return fail(Status::version_conflict, "the channel was changed by someone else; reload and retry");
  }
  next.version = expected_version + 1;
  return next;
}

std::string_view to_string(ListingStatus s) {
  switch (s) {
    case ListingStatus::listed: return "listed";
    case ListingStatus::no_offer: return "no_offer";
    case ListingStatus::out_of_stock: return "out_of_stock";
    case ListingStatus::currency_mismatch: return "currency_mismatch";
    case ListingStatus::no_price: return "no_price";
  }
  return "no_offer";
}

Listing price_listing(const Channel& channel, const PricingRule& rule, const store::ListingSource& source) {
  Listing out;
  out.source = source;
  if (source.offers.empty()) return out;
  const auto currency = source.list_price.currency;
  const store::ListingSource::OfferFacts* best = nullptr;        // cheapest landed cost with stock
  const store::ListingSource::OfferFacts* cheapest_any = nullptr;  // for pricing when all are out of stock
  std::vector<std::int64_t> stocks;
  for (const auto& o : source.offers) {
    if (o.currency != currency.code()) continue;
    stocks.push_back(o.stock);
    if (!cheapest_any || o.landed_minor < cheapest_any->landed_minor) cheapest_any = &o;
    if (o.stock > 0 && (!best || o.landed_minor < best->landed_minor)) best = &o;
  }
  if (!cheapest_any) {
    out.status = ListingStatus::currency_mismatch;
    return out;
  }
  const auto* basis = best ? best : cheapest_any;
  out.offer_id = basis->offer_id;
  out.supplier_id = basis->supplier_id;
  out.landed_minor = basis->landed_minor;
  out.published_stock = published_stock(stocks, channel.stock_buffer);
  out.quote = quote_price(rule, basis->landed_minor, currency.minor_digits());
  if (!out.quote) out.status = ListingStatus::no_price;
  else out.status = out.published_stock > 0 ? ListingStatus::listed : ListingStatus::out_of_stock;
  return out;
}

}  // namespace daifa::app
