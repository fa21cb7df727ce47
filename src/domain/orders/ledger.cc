#include "domain/orders/ledger.h"

namespace daifa {
namespace {

void add(std::vector<LedgerLine>& out, std::string_view account, std::int64_t amount) {
  if (amount != 0) out.push_back({account, amount});
}

}  // namespace

std::vector<LedgerLine> sale_postings(const Order& o) {
  namespace a = ledger_account;
  std::vector<LedgerLine> out;
  if (o.payment_method == PaymentMethod::cod) {
    add(out, a::kCodReceivable, o.total.amount_minor);
  } else {
    add(out, a::kChannelClearing, o.paid.amount_minor);
    add(out, a::kCustomerReceivable, o.total.amount_minor - o.paid.amount_minor);
  }
  add(out, a::kSalesRevenue, -o.goods_total.amount_minor);
  add(out, a::kShippingRevenue, -o.shipping_fee.amount_minor);
  return out;
}

std::vector<LedgerLine> po_acceptance_postings(const PurchaseOrder& po) {
  namespace a = ledger_account;
  std::vector<LedgerLine> out;
  add(out, a::kCostOfGoodsSold, po.cost_total.amount_minor);
  add(out, a::kShippingExpense, po.shipping_cost.amount_minor);
  add(out, a::kSupplierPayable, -(po.cost_total.amount_minor + po.shipping_cost.amount_minor));
  return out;
}

std::vector<LedgerLine> po_payment_postings(const PurchaseOrder& po) {
  namespace a = ledger_account;
  std::vector<LedgerLine> out;
  const std::int64_t due = po.cost_total.amount_minor + po.shipping_cost.amount_minor;
  add(out, a::kSupplierPayable, due);
  add(out, a::kCash, -due);
  return out;
}

bool balances(const std::vector<LedgerLine>& lines) {
  std::int64_t sum = 0;
  for (const LedgerLine& l : lines) sum += l.amount_minor;
  return sum == 0;
}

}  // namespace daifa
