#include "domain/orders/routing.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "domain/common/money.h"

namespace daifa {
namespace {

bool serves(const RouteCandidate& c, std::int64_t quantity) {
  return c.active && c.same_currency && c.stock >= quantity;
}

std::string why_not(const RouteCandidate& c, std::int64_t quantity) {
  if (!c.active) return "inactive";
  if (!c.same_currency) return "other currency";
  return "stock " + std::to_string(c.stock) + " < " + std::to_string(quantity);
}

std::string money(std::int64_t minor) { return format_decimal_minor(minor, 2); }

std::int64_t line_cost(const RouteCandidate& c, std::int64_t quantity) { return c.unit_cost_minor * quantity; }

// The part of a reason that lists the offers that could not serve the line.
std::string refused(const RouteLine& line) {
  std::string out;
  for (const auto& c : line.candidates) {
    if (serves(c, line.quantity)) continue;
    out += (out.empty() ? "; not usable: " : ", ") + std::string("offer ") + id_to_string(c.offer_id) + " (" +
           why_not(c, line.quantity) + ")";
  }
  return out;
}

// Rule 2: one supplier for the whole order, if any can.
std::optional<std::vector<LineRoute>> route_to_one_supplier(const std::vector<RouteLine>& lines) {
  // supplier → for each line, its best offer from that supplier (cheapest, then lowest offer id).
  std::map<Id, std::vector<const RouteCandidate*>> by_supplier;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    for (const auto& c : lines[i].candidates) {
      if (!serves(c, lines[i].quantity)) continue;
      auto& picks = by_supplier[c.supplier_id];
      picks.resize(lines.size(), nullptr);
      const RouteCandidate*& pick = picks[i];
      if (!pick || std::tie(c.unit_cost_minor, c.offer_id) < std::tie(pick->unit_cost_minor, pick->offer_id)) pick = &c;
    }
  }
  struct Option {
    std::int64_t total, lead, neg_score;
    Id supplier;
  };
  std::optional<Option> best;
  std::vector<const RouteCandidate*> best_picks;
  int complete = 0;
  for (const auto& [supplier, picks] : by_supplier) {
    if (std::find(picks.begin(), picks.end(), nullptr) != picks.end()) continue;
    ++complete;
    Option o{0, 0, 0, supplier};
    std::int64_t shipping = 0;
    std::int64_t score = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      o.total += line_cost(*picks[i], lines[i].quantity);
      shipping = std::max(shipping, picks[i]->shipping_minor);
      o.lead = std::max(o.lead, picks[i]->lead_time_days);
      score = picks[i]->supplier_score_bp;
    }
    o.total += shipping;
    o.neg_score = -score;
    if (!best || std::tie(o.total, o.lead, o.neg_score, o.supplier) <
                     std::tie(best->total, best->lead, best->neg_score, best->supplier)) {
      best = o;
      best_picks = picks;
    }
  }
  if (!best) return std::nullopt;
  std::vector<LineRoute> routes(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    routes[i].chosen = *best_picks[i];
    routes[i].reason = "one supplier for the whole order: supplier " + id_to_string(best->supplier) + " (offer " +
                       id_to_string(best_picks[i]->offer_id) + ") serves all " + std::to_string(lines.size()) +
                       " lines for " + money(best->total) + " landed, lead " + std::to_string(best->lead) + " d; " +
                       std::to_string(complete) + " supplier(s) could serve the whole order, " +
                       std::to_string(lines[i].candidates.size()) + " offer(s) for this line" + refused(lines[i]);
  }
  return routes;
}

}  // namespace

std::vector<LineRoute> route_order(const std::vector<RouteLine>& lines) {
  if (lines.size() > 1) {
    if (auto one = route_to_one_supplier(lines)) return *one;
  }
  std::vector<LineRoute> routes(lines.size());
  std::set<Id> used_suppliers;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const RouteLine& line = lines[i];
    const RouteCandidate* best = nullptr;
    auto key = [&](const RouteCandidate& c) {
      return std::make_tuple(line_cost(c, line.quantity) + c.shipping_minor, c.lead_time_days, -c.supplier_score_bp,
                             used_suppliers.count(c.supplier_id) ? 0 : 1, c.offer_id);
    };
    int usable = 0;
    for (const auto& c : line.candidates) {
      if (!serves(c, line.quantity)) continue;
      ++usable;
      if (!best || key(c) < key(*best)) best = &c;
    }
    if (!best) {
      routes[i].reason = line.candidates.empty()
                             ? "no offer for SKU " + line.sku
                             : "no usable offer among " + std::to_string(line.candidates.size()) + refused(line);
      continue;
    }
    used_suppliers.insert(best->supplier_id);
    routes[i].chosen = *best;
    std::string runner_up;
    for (const auto& c : line.candidates) {
      if (&c == best || !serves(c, line.quantity)) continue;
      std::int64_t diff = line_cost(c, line.quantity) + c.shipping_minor - (line_cost(*best, line.quantity) + best->shipping_minor);
      runner_up += (runner_up.empty() ? "; others: " : ", ") + std::string("offer ") + id_to_string(c.offer_id) +
                   (diff > 0 ? " +" + money(diff) : diff == 0 ? " same cost, later in the tie-break" : " " + money(diff));
    }
    routes[i].reason = "offer " + id_to_string(best->offer_id) + " of supplier " + id_to_string(best->supplier_id) +
                       ": lowest landed cost " + money(line_cost(*best, line.quantity) + best->shipping_minor) +
                       " among " + std::to_string(usable) + " usable of " + std::to_string(line.candidates.size()) +
                       " offer(s)" + runner_up + refused(line);
  }
  return routes;
}

}  // namespace daifa
