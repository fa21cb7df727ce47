#pragma once
// The postings an order's money movements make, as double-entry lines (debit positive, credit negative)
// that sum to zero. Account names are stable: they are stored and reported.
//
//   sale (intake)       prepaid: Dr channel_clearing (paid), Dr customer_receivable (rest)
//                       cod:     Dr cod_receivable (total)
//                       both:    Cr sales_revenue (goods), Cr shipping_revenue (fee)
//   PO accepted         Dr cost_of_goods_sold (cost), Dr shipping_expense (supplier's shipping),
//                       Cr supplier_payable (both)
//   PO paid (prepaid terms, on acceptance)   Dr supplier_payable, Cr cash
//   cancel              each entry of the order reversed, posting by posting
#include <cstdint>
#include <string_view>
#include <vector>

#include "domain/orders/order.h"

namespace daifa {

namespace ledger_account {
constexpr std::string_view kChannelClearing = "channel_clearing";  // money the channel holds for us
constexpr std::string_view kCustomerReceivable = "customer_receivable";
constexpr std::string_view kCodReceivable = "cod_receivable";  // cash the carrier collects on delivery
constexpr std::string_view kSalesRevenue = "sales_revenue";
constexpr std::string_view kShippingRevenue = "shipping_revenue";
constexpr std::string_view kCostOfGoodsSold = "cost_of_goods_sold";
constexpr std::string_view kShippingExpense = "shipping_expense";
constexpr std::string_view kSupplierPayable = "supplier_payable";
constexpr std::string_view kCash = "cash";
}  // namespace ledger_account

struct LedgerLine {
  std::string_view account;
  std::int64_t amount_minor = 0;  // debit positive, credit negative
};

std::vector<LedgerLine> sale_postings(const Order& o);
std::vector<LedgerLine> po_acceptance_postings(const PurchaseOrder& po);
std::vector<LedgerLine> po_payment_postings(const PurchaseOrder& po);
// True when the lines sum to zero.
bool balances(const std::vector<LedgerLine>& lines);

}  // namespace daifa
