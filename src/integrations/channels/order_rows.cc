#include "integrations/channels/order_rows.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>
#include <unordered_map>

namespace daifa::integrations {
namespace {

enum Column : std::size_t {
  kExternalId, kCustomerName, kPhone, kEmail, kCountry, kProvince, kCity, kDistrict, kAddress, kPostalCode,
  kSku, kQuantity, kUnitPrice, kCurrency, kShippingFee, kPaymentMethod, kNote, kColumnCount
};

constexpr std::array<std::string_view, kColumnCount> kColumnNames{
    "external_id", "customer_name", "phone",    "email",      "country",      "province",
    "city",        "district",      "address",  "postal_code", "sku",         "quantity",
    "unit_price",  "currency",      "shipping_fee", "payment_method", "note"};

// The columns that describe the order, not one of its lines: taken from the order's first row.
constexpr std::array kOrderColumns{kCustomerName, kPhone,    kEmail,    kCountry,     kProvince,      kCity,
                                   kDistrict,     kAddress,  kPostalCode, kCurrency, kShippingFee, kPaymentMethod,
                                   kNote};

constexpr std::size_t kNone = SIZE_MAX;

std::string trimmed(std::string_view v) {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r')) v.remove_suffix(1);
  return std::string(v);
}

// A cell's value as the order means it: a default for an empty cell where there is one, and the
// spellings that mean the same thing made equal ("cn" is CN, "COD" is cod).
std::string effective(Column c, std::string v) {
  if (c == kCountry || c == kCurrency) {
    for (char& ch : v) {
      if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    }
  } else if (c == kPaymentMethod) {
    for (char& ch : v) {
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    }
  }
  if (v.empty()) {
    if (c == kCountry) return "CN";
    if (c == kCurrency) return "CNY";
    if (c == kPaymentMethod) return "prepaid";
  }
  return v;
}

struct Group {
  std::size_t first_row = 0;
  std::vector<std::size_t> rows;
  std::vector<std::size_t> line_rows;  // draft line k came from row line_rows[k]
  std::array<std::string, kColumnCount> values;  // the first row's effective order values
  std::optional<Currency> currency;
  OrderDraft draft;
  std::size_t failed_row = 0;  // the first row with a refusal, 0 if none
};

// validate_order_draft's field → the column that holds it.
std::string_view column_of(std::string_view field) {
  static constexpr std::pair<std::string_view, std::string_view> kMap[] = {
      {"external_id", "external_id"},
      {"customer.name", "customer_name"},
      {"customer.phone", "phone"},
      {"customer.email", "email"},
      {"shipping_address.name", "customer_name"},
      {"shipping_address.phone", "phone"},
      {"shipping_address.country", "country"},
      {"shipping_address.province", "province"},
      {"shipping_address.city", "city"},
      {"shipping_address.district", "district"},
      {"shipping_address.line1", "address"},
      {"shipping_address.postal_code", "postal_code"},
      {"note", "note"},
      {"lines", "external_id"},
      {"payment.paid", "payment_method"},
  };
  if (field.rfind("shipping_fee", 0) == 0) return "shipping_fee";
  for (const auto& [from, to] : kMap) {
    if (field == from) return to;
  }
  return field;
}

}  // namespace

OrderRows read_order_rows(const std::vector<std::vector<std::string>>& rows, Id channel_id) {
  OrderRows out;
  if (rows.empty() || rows.front().empty()) {
    out.file_errors.push_back({"header", "missing_header", "row 1 must name the columns, such as external_id,sku,quantity,unit_price"});
    return out;
  }
  // Columns by name, so that their order does not matter; an unknown one is refused, not ignored.
  const auto& header = rows.front();
  std::array<std::size_t, kColumnCount> col;
  col.fill(kNone);
  for (std::size_t i = 0; i < header.size(); ++i) {
    std::string name = trimmed(header[i]);
    if (i == 0 && name.rfind("\xEF\xBB\xBF", 0) == 0) name.erase(0, 3);
    auto it = std::find(kColumnNames.begin(), kColumnNames.end(), name);
    const std::string at = "header[" + std::to_string(i) + "]";
    if (it == kColumnNames.end()) {
      std::string all;
      for (std::string_view n : kColumnNames) all += (all.empty() ? "" : ", ") + std::string(n);
      out.file_errors.push_back({at, "unknown_column", "\"" + name + "\" is not a column: use " + all});
    } else if (std::size_t& slot = col[static_cast<std::size_t>(it - kColumnNames.begin())]; slot != kNone) {
      out.file_errors.push_back({at, "duplicate_column", name + " appears twice"});
    } else {
      slot = i;
    }
  }
  for (Column required : {kExternalId, kSku, kQuantity, kUnitPrice}) {
    if (col[required] == kNone) {
      out.file_errors.push_back({"header", "missing_column", std::string(kColumnNames[required]) + " is required"});
    }
  }
  if (rows.size() - 1 > kMaxOrderImportRows) {
    out.file_errors.push_back({"file", "too_many_rows", "must have at most " + std::to_string(kMaxOrderImportRows) + " rows"});
  }
  if (!out.file_errors.empty()) return out;

  std::vector<Group> groups;
  std::unordered_map<std::string, std::size_t> group_of;  // external_id → index in groups
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& rec = rows[r];
    const std::size_t row = r + 1;
    if (std::all_of(rec.begin(), rec.end(), [](const std::string& f) { return trimmed(f).empty(); })) continue;
    auto cell = [&](Column c) { return col[c] == kNone || col[c] >= rec.size() ? std::string{} : trimmed(rec[col[c]]); };
    std::vector<RowRefusal> refused;
    auto refuse = [&](std::string_view field, std::string code, std::string message) {
      refused.push_back({row, std::string(field), std::move(code), std::move(message)});
    };

    const std::string external_id = cell(kExternalId);
    if (external_id.empty()) {
      out.refusals.push_back({row, "external_id", "required", "is required: it names the order this row is a line of"});
      continue;
    }
    if (rec.size() != header.size()) {
      refuse("row", "wrong_column_count",
             "has " + std::to_string(rec.size()) + " fields; the header has " + std::to_string(header.size()));
    }
    auto [it, is_new] = group_of.try_emplace(external_id, groups.size());
    if (is_new) groups.push_back({});
    Group& g = groups[it->second];
    g.rows.push_back(row);
    if (is_new) {
      g.first_row = row;
      for (Column c : kOrderColumns) g.values[c] = effective(c, cell(c));
      OrderDraft& d = g.draft;
      d.channel_id = channel_id;
      d.external_id = external_id;
      d.customer = {g.values[kCustomerName], g.values[kPhone], g.values[kEmail]};
      d.shipping_address = {g.values[kCustomerName], g.values[kPhone],    g.values[kCountry],
                            g.values[kProvince],     g.values[kCity],     g.values[kDistrict],
                            g.values[kAddress],      g.values[kPostalCode]};
      d.note = g.values[kNote];
      g.currency = Currency::parse(g.values[kCurrency]);
      if (!g.currency) refuse("currency", "unknown_currency", "must be an ISO 4217 code Daifa knows, such as CNY");
      if (auto m = parse_payment_method(g.values[kPaymentMethod])) {
        d.payment_method = *m;
      } else {
        refuse("payment_method", "unknown_payment_method", "must be prepaid or cod");
      }
      if (const std::string& fee = g.values[kShippingFee]; !fee.empty() && g.currency) {
        if (auto minor = parse_decimal_minor(fee, g.currency->minor_digits())) {
          d.shipping_fee = Money{*minor, *g.currency};
        } else {
          refuse("shipping_fee", "must_be_decimal", "must be an amount such as 8.00 with at most " +
                                                      std::to_string(g.currency->minor_digits()) + " decimals");
        }
      }
    } else {
      for (Column c : kOrderColumns) {
        std::string v = cell(c);
        if (v.empty() || effective(c, v) == g.values[c]) continue;
        refuse(kColumnNames[c], "conflicting_value",
               "is \"" + v + "\" here but \"" + g.values[c] + "\" on row " + std::to_string(g.first_row) +
                   ", the first row of order " + external_id);
      }
    }

    DraftLine line;
    line.sku = cell(kSku);
    if (line.sku.empty()) refuse("sku", "required", "is required");
    const std::string quantity = cell(kQuantity);
    auto [ptr, ec] = std::from_chars(quantity.data(), quantity.data() + quantity.size(), line.quantity);
    if (quantity.empty()) {
      refuse("quantity", "required", "is required");
    } else if (ec != std::errc{} || ptr != quantity.data() + quantity.size()) {
      refuse("quantity", "must_be_integer", "must be a whole number such as 2");
    }
    const std::string price = cell(kUnitPrice);
    if (price.empty()) {
      refuse("unit_price", "required", "is required");
    } else if (g.currency) {
      if (auto minor = parse_decimal_minor(price, g.currency->minor_digits())) {
        line.unit_price = Money{*minor, *g.currency};
      } else {
        refuse("unit_price", "must_be_decimal", "must be an amount such as 59.90 with at most " +
                                                    std::to_string(g.currency->minor_digits()) + " decimals");
      }
    }
    if (refused.empty()) {
      g.draft.lines.push_back(std::move(line));
      g.line_rows.push_back(row);
    } else {
      if (g.failed_row == 0) g.failed_row = row;
      out.refusals.insert(out.refusals.end(), refused.begin(), refused.end());
    }
  }

  std::vector<bool> has_refusal(rows.size() + 1, false);  // by row number
  for (const RowRefusal& f : out.refusals) has_refusal[f.row] = true;
  for (Group& g : groups) {
    if (g.failed_row == 0) {
      std::vector<RowRefusal> invalid;
      for (const FieldError& e : validate_order_draft(g.draft)) {
        std::size_t row = g.first_row;
        std::string field(column_of(e.field));
        if (e.field.rfind("lines[", 0) == 0) {
          std::size_t k = std::strtoull(e.field.c_str() + 6, nullptr, 10);
          std::size_t dot = e.field.find("].");
          if (k < g.line_rows.size()) row = g.line_rows[k];
          std::string sub = dot == std::string::npos ? "" : e.field.substr(dot + 2);
          field = sub.rfind("unit_price", 0) == 0 ? "unit_price" : sub.empty() ? "sku" : sub;
        }
        RowRefusal refusal{row, field, e.code, e.message};
        // customer.phone and shipping_address.phone are one column: say it once.
        if (std::find(invalid.begin(), invalid.end(), refusal) == invalid.end()) invalid.push_back(std::move(refusal));
        has_refusal[row] = true;
        if (g.failed_row == 0 || row < g.failed_row) g.failed_row = row;
      }
      out.refusals.insert(out.refusals.end(), invalid.begin(), invalid.end());
    }
    if (g.failed_row == 0) {
      out.orders.push_back({std::move(g.draft), g.first_row, std::move(g.rows)});
      continue;
    }
    for (std::size_t row : g.rows) {
      if (!has_refusal[row]) {
        out.refusals.push_back({row, "row", "order_refused",
                                "order " + g.draft.external_id + " is refused because of row " + std::to_string(g.failed_row)});
      }
    }
  }
  std::stable_sort(out.refusals.begin(), out.refusals.end(),
                   [](const RowRefusal& a, const RowRefusal& b) { return a.row < b.row; });
  return out;
}

}  // namespace daifa::integrations
