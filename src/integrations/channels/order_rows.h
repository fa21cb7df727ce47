#pragma once
// Orders from a spreadsheet (CSV or XLSX read by read_table): one row per order line, the header row
// first. Pure: the caller places the orders and reports the refusals.
//
// Columns are found by their header name, in any order; names are trimmed, and an unknown or repeated
// name refuses the whole file (a typo must not silently drop a column):
//   external_id*    the channel's order number; rows with the same one are the lines of one order
//   customer_name   the customer and the consignee (收件人)
//   phone, email
//   country         ISO 3166-1 alpha-2, default CN
//   province, city, district, address (→ line1), postal_code
//   sku*, quantity* (a whole number), unit_price* (a decimal such as 59.90, exact)
//   currency        default CNY
//   shipping_fee    a decimal, default 0
//   payment_method  prepaid | cod, default prepaid (a prepaid order counts as paid in full)
//   note
// (* required columns.) The order's fields come from its first row. A later row of the same order may
// leave them empty or repeat them; a different value there is a `conflicting_value` refusal of that row.
// Each cell is trimmed of spaces. Blank rows (no cell with text) are skipped, as the offer import does.
//
// A row's problem refuses its whole order — and only it: the order's other rows get an `order_refused`
// refusal naming the row at fault, and every other order stays. Each order also passes
// validate_order_draft, whose errors are mapped to the row and column at fault.
#include <cstddef>
#include <string>
#include <vector>

#include "domain/common/id.h"
#include "domain/common/status.h"
#include "domain/orders/order.h"

namespace daifa::integrations {

constexpr std::size_t kMaxOrderImportRows = 20'000;  // data rows, not counting the header

struct RowOrder {
  OrderDraft draft;               // valid: it has passed validate_order_draft
  std::size_t first_row = 0;      // as a spreadsheet shows it: the header is row 1
  std::vector<std::size_t> rows;  // all of the order's rows (its lines, in order)
};

struct RowRefusal {
  std::size_t row = 0;  // as a spreadsheet shows it: the header is row 1
  std::string field;    // the column ("unit_price"), or "row" for the row as a whole
  std::string code;
  std::string message;
  bool operator==(const RowRefusal&) const = default;
};

struct OrderRows {
  // Problems of the whole file (no header, an unknown or missing column, too many rows): when not
  // empty, nothing else was read. Fields are "header[3]", "header" or "file".
  FieldErrors file_errors;
  std::vector<RowOrder> orders;       // in the order of their first rows
  std::vector<RowRefusal> refusals;  // sorted by row
};

OrderRows read_order_rows(const std::vector<std::vector<std::string>>& rows, Id channel_id);

}  // namespace daifa::integrations
