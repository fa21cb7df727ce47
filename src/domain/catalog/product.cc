#include "domain/catalog/product.h"

#include <array>
#include <utility>

namespace daifa {
namespace {
constexpr std::array kChannelKinds{std::pair{ChannelKind::api, std::string_view("api")},
                                   std::pair{ChannelKind::shopify, std::string_view("shopify")},
                                   std::pair{ChannelKind::woocommerce, std::string_view("woocommerce")},
                                   std::pair{ChannelKind::csv, std::string_view("csv")},
                                   std::pair{ChannelKind::manual, std::string_view("manual")}};
}  // namespace

std::string_view to_string(ChannelKind k) {
  for (auto& [v, s] : kChannelKinds) if (v == k) return s;
  return "api";
}

TierPriceFor price_for_tier(const Variant& v, std::int64_t tier) {
  TierPriceFor out{v.price, 0};
  for (const TierPrice& p : v.tier_prices) {
    if (p.tier <= tier && p.tier > out.from_tier) out = {p.price, p.tier};
  }
  return out;
}

std::optional<ChannelKind> parse_channel_kind(std::string_view text) {
  for (auto& [v, s] : kChannelKinds) if (s == text) return v;
  return std::nullopt;
}

}  // namespace daifa
