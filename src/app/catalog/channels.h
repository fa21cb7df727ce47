#pragma once
// Sales channels and their listings: what each variant sells for on a channel, and how many a channel may sell.
#include <functional>
#include <optional>
#include <string>

#include "app/app.h"
#include "domain/catalog/pricing.h"
#include "domain/catalog/product.h"
#include "domain/common/outcome.h"
#include "store/catalog/channel_repo.h"

namespace daifa::app {

// The channel's pricing rule as stored (JSON text) ↔ the domain value. Parsing names bad fields.
std::string pricing_rule_to_json(const PricingRule& rule);
std::optional<PricingRule> pricing_rule_from_json(std::string_view text, FieldErrors& errors, std::string_view prefix);

FieldErrors validate_channel(const Channel& ch);

Outcome<Channel> create_channel(store::Tx& tx, App& app, Channel input);
Outcome<Channel> update_channel(store::Tx& tx, App& app, Id id, std::int64_t expected_version,
                                const std::function<void(Channel&)>& patch);

enum class ListingStatus { listed, no_offer, out_of_stock, currency_mismatch, no_price };
std::string_view to_string(ListingStatus s);

struct Listing {
  store::ListingSource source;
  ListingStatus status = ListingStatus::no_offer;
  std::optional<PriceQuote> quote;      // set when status is listed or out_of_stock
  std::optional<Id> offer_id;           // the offer the price is based on: the cheapest landed cost in stock
  std::optional<Id> supplier_id;
  std::int64_t landed_minor = 0;
  std::int64_t published_stock = 0;
};

// Prices a page of variants for `channel`. Offers in another currency than the variant's are not used:
// Daifa converts no currency without a configured rate.
Listing price_listing(const Channel& channel, const PricingRule& rule, const store::ListingSource& source);

}  // namespace daifa::app
