#include "domain/orders/routing.h"

// The reasons are built by appending into one reserved string (numbers via to_chars), and the per-order
// sets are small vectors: the choice itself is cheap, and text and tree nodes were most of the cost
// (bench/results/routing.md).
#include <algorithm>
#include <array>
#include <charconv>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace daifa {
namespace {

bool serves(const RouteCandidate& c, std::int64_t quantity) { return c.active && c.same_currency && c.stock >= quantity; }

void put_int(std::string& out, std::int64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}
// Same text as format_decimal_minor(v, 2).
void put_money(std::string& out, std::int64_t minor) {
  std::uint64_t mag = minor < 0 ? 0 - static_cast<std::uint64_t>(minor) : static_cast<std::uint64_t>(minor);
  if (minor < 0) out += '-';
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, mag);
  std::size_t n = static_cast<std::size_t>(r.ptr - buf);
  if (n <= 2) {
    out += "0.";
    if (n == 1) out += '0';
    out.append(buf, n);
  } else {
    out.append(buf, n - 2);
    out += '.';
    out.append(buf + n - 2, 2);
  }
}
void put_why_not(std::string& out, const RouteCandidate& c, std::int64_t q) {
  if (!c.active) { out += "inactive"; return; }
  if (!c.same_currency) { out += "other currency"; return; }
  out += "stock "; put_int(out, c.stock); out += " < "; put_int(out, q);
}
std::int64_t line_cost(const RouteCandidate& c, std::int64_t q) { return c.unit_cost_minor * q; }
void put_refused(std::string& out, const RouteLine& line) {
  bool first = true;
  for (const auto& c : line.candidates) {
    if (serves(c, line.quantity)) continue;
    out += first ? "; not usable: " : ", ";
    first = false;
    out += "offer "; put_int(out, c.offer_id); out += " (";
    put_why_not(out, c, line.quantity);
    out += ')';
  }
}

struct SupplierPicks {
  Id supplier;
  std::vector<const RouteCandidate*> picks;
};

std::optional<std::vector<LineRoute>> route_to_one_supplier(const std::vector<RouteLine>& lines) {
  std::vector<SupplierPicks> by_supplier;  // few per order: a linear search beats a tree
  by_supplier.reserve(16);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    for (const auto& c : lines[i].candidates) {
      if (!serves(c, lines[i].quantity)) continue;
      auto it = std::find_if(by_supplier.begin(), by_supplier.end(), [&](const SupplierPicks& s) { return s.supplier == c.supplier_id; });
      if (it == by_supplier.end()) {
        by_supplier.push_back({c.supplier_id, std::vector<const RouteCandidate*>(lines.size(), nullptr)});
        it = by_supplier.end() - 1;
      }
      const RouteCandidate*& pick = it->picks[i];
      if (!pick || std::tie(c.unit_cost_minor, c.offer_id) < std::tie(pick->unit_cost_minor, pick->offer_id)) pick = &c;
    }
  }
  // The winner is the minimum of a total order that ends in the supplier id, so the order in which
  // suppliers are visited does not change the result.
  struct Option { std::int64_t total, lead, neg_score; Id supplier; };
  std::optional<Option> best;
  const std::vector<const RouteCandidate*>* best_picks = nullptr;
  int complete = 0;
  for (const auto& s : by_supplier) {
    if (std::find(s.picks.begin(), s.picks.end(), nullptr) != s.picks.end()) continue;
    ++complete;
    Option o{0, 0, 0, s.supplier};
    std::int64_t shipping = 0, score = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      o.total += line_cost(*s.picks[i], lines[i].quantity);
      shipping = std::max(shipping, s.picks[i]->shipping_minor);
      o.lead = std::max(o.lead, s.picks[i]->lead_time_days);
      score = s.picks[i]->supplier_score_bp;
    }
    o.total += shipping;
    o.neg_score = -score;
    if (!best || std::tie(o.total, o.lead, o.neg_score, o.supplier) < std::tie(best->total, best->lead, best->neg_score, best->supplier)) {
      best = o;
      best_picks = &s.picks;
    }
  }
  if (!best) return std::nullopt;
  std::vector<LineRoute> routes(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const RouteCandidate* p = (*best_picks)[i];
    routes[i].chosen = *p;
    std::string& r = routes[i].reason;
    r.reserve(200);
    r += "one supplier for the whole order: supplier "; put_int(r, best->supplier);
    r += " (offer "; put_int(r, p->offer_id); r += ") serves all "; put_int(r, static_cast<std::int64_t>(lines.size()));
    r += " lines for "; put_money(r, best->total); r += " landed, lead "; put_int(r, best->lead); r += " d; ";
    put_int(r, complete); r += " supplier(s) could serve the whole order, ";
    put_int(r, static_cast<std::int64_t>(lines[i].candidates.size())); r += " offer(s) for this line";
    put_refused(r, lines[i]);
  }
  return routes;
}
}  // namespace

std::vector<LineRoute> route_order(const std::vector<RouteLine>& lines) {
  if (lines.size() > 1) {
    if (auto one = route_to_one_supplier(lines)) return std::move(*one);
  }
  std::vector<LineRoute> routes(lines.size());
  std::vector<Id> used;
  used.reserve(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const RouteLine& line = lines[i];
    const RouteCandidate* best = nullptr;
    auto key = [&](const RouteCandidate& c) {
      const bool is_used = std::find(used.begin(), used.end(), c.supplier_id) != used.end();
      return std::make_tuple(line_cost(c, line.quantity) + c.shipping_minor, c.lead_time_days, -c.supplier_score_bp,
                             is_used ? 0 : 1, c.offer_id);
    };
    int usable = 0;
    for (const auto& c : line.candidates) {
      if (!serves(c, line.quantity)) continue;
      ++usable;
      if (!best || key(c) < key(*best)) best = &c;
    }
    std::string& r = routes[i].reason;
    if (!best) {
      if (line.candidates.empty()) { r = "no offer for SKU " + line.sku; continue; }
      r += "no usable offer among "; put_int(r, static_cast<std::int64_t>(line.candidates.size()));
      put_refused(r, line);
      continue;
    }
    if (std::find(used.begin(), used.end(), best->supplier_id) == used.end()) used.push_back(best->supplier_id);
    routes[i].chosen = *best;
    const std::int64_t best_cost = line_cost(*best, line.quantity) + best->shipping_minor;
    r.reserve(256);
    r += "offer "; put_int(r, best->offer_id); r += " of supplier "; put_int(r, best->supplier_id);
    r += ": lowest landed cost "; put_money(r, best_cost); r += " among "; put_int(r, usable);
    r += " usable of "; put_int(r, static_cast<std::int64_t>(line.candidates.size())); r += " offer(s)";
    bool first = true;
    for (const auto& c : line.candidates) {
      if (&c == best || !serves(c, line.quantity)) continue;
      const std::int64_t diff = line_cost(c, line.quantity) + c.shipping_minor - best_cost;
      r += first ? "; others: " : ", ";
      first = false;
      r += "offer "; put_int(r, c.offer_id);
      if (diff > 0) { r += " +"; put_money(r, diff); }
      else if (diff == 0) r += " same cost, later in the tie-break";
      else { r += ' '; put_money(r, diff); }
    }
    put_refused(r, line);
  }
  return routes;
}

}  // namespace daifa
