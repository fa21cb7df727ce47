#pragma once
// What the order, purchase-order and shipment use cases share (internal to app/orders): the Work that
// collects a command's history rows, ledger postings and outbox events, and the small helpers around it.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "app/app.h"
#include "app/orders/orders.h"
#include "domain/common/outcome.h"
#include "domain/orders/ledger.h"
#include "store/orders/ledger_repo.h"
#include "store/orders/order_repo.h"

namespace daifa::app::detail {
namespace json = boost::json;

// What one command writes besides the rows it changes: history, postings and events, flushed together
// at the end in a few multi-row statements.
class Work {
 public:
  Work(App& app, const Actor& actor) : app_(app), actor_(actor), now_(app.now()) {}
  Timestamp now() const { return now_; }
  const std::string& actor() const { return actor_.name; }

  void order_move(const Order& o, std::string_view from, std::string_view to, std::string reason) {
    history_.push_back(store::HistoryRow{app_.new_id(), o.id, std::nullopt, std::string(from), std::string(to),
                                         actor_.name, std::move(reason), now_});
  }
  void po_move(const PurchaseOrder& po, std::string_view from, std::string_view to, std::string reason) {
    history_.push_back(store::HistoryRow{app_.new_id(), po.order_id, po.id, std::string(from), std::string(to),
                                         actor_.name, std::move(reason), now_});
  }
  // One balanced ledger entry; returns its id.
  Id post(const std::vector<LedgerLine>& lines, const Currency& currency, Id order_id, std::optional<Id> po_id,
          const std::string& memo, std::optional<Id> reverses = std::nullopt) {
    if (lines.empty()) return 0;
    if (!balances(lines)) throw std::logic_error("unbalanced ledger entry: " + memo);
    const Id entry = app_.new_id();
    for (const LedgerLine& l : lines) {
      postings_.push_back(store::Posting{app_.new_id(), entry, std::string(l.account), l.amount_minor,
                                         std::string(currency.code()), order_id, po_id, memo, reverses, now_});
    }
    return entry;
  }
  void event(std::string topic, json::object payload) {
    const Id id = app_.new_id();
    payload["event_id"] = id_to_string(id);
    payload["type"] = topic;
    payload["at"] = format_rfc3339(now_);
    std::optional<Id> order_id;
    if (const json::value* v = payload.if_contains("order_id"); v && v->is_string()) order_id = parse_id(v->get_string());
    events_.push_back(store::OutboxEvent{id, std::move(topic), json::serialize(payload), now_, order_id});
  }
  void flush(store::Connection& c) {
    store::insert_history(c, history_);
    store::insert_postings(c, postings_);
    store::insert_outbox(c, events_);
  }

 private:
  App& app_;
  const Actor& actor_;
  Timestamp now_;
  std::vector<store::HistoryRow> history_;
  std::vector<store::Posting> postings_;
  std::vector<store::OutboxEvent> events_;
};

json::object order_event(const Order& o);
json::object po_event(const PurchaseOrder& po);
// Optimistic saves: a concurrent change makes the command a busy failure (the writer re-runs it).
void save_order(store::Connection& c, Order& o, Timestamp now);
void save_po(store::Connection& c, PurchaseOrder& po, Timestamp now);
// The order's status from its live POs once one of them has shipped.
OrderStatus shipping_status(const std::vector<PurchaseOrder>& pos);
Failure po_conflict(const PurchaseOrder& po, std::string_view action);
// Starts following a new shipment (shipments.cc): the aggregator's subscription and its job, or a polling
// job for carriers configured to be polled.
void follow_shipment(store::Connection& c, App& app, const store::Shipment& s);

}  // namespace daifa::app::detail
