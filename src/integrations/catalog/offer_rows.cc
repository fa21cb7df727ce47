#include "integrations/catalog/offer_rows.h"

#include <algorithm>
#include <charconv>
#include <cstdint>

#include <boost/json.hpp>

#include "http/core/json_reader.h"

namespace daifa::integrations {
namespace json = boost::json;

namespace {

OfferRows refused(Status status, std::string detail, FieldErrors errors) {
  OfferRows out;
  out.failure = Failure{status, std::move(detail), std::move(errors)};
  return out;
}

std::string trimmed(std::string v) {
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.pop_back();
  std::size_t lead = 0;
  while (lead < v.size() && (v[lead] == ' ' || v[lead] == '\t')) ++lead;
  return v.substr(lead);
}

}  // namespace

SyncItem read_sync_item(const json::value& v) {
  SyncItem item;
  if (!v.is_object()) {
    item.errors.push_back({"", "must_be_object", "each item must be an object"});
    return item;
  }
  http::JsonReader reader(v.as_object(), item.errors);
  item.supplier_sku = reader.string("supplier_sku", http::Need::required).value_or("");
  item.stock = reader.integer("stock", http::Need::optional);
  item.cost = reader.money("cost", http::Need::optional);
  reader.allow_only({"supplier_sku", "stock", "cost"});
  return item;
}

OfferRows offer_rows_from_table(const Table& table, std::size_t max_rows) {
  const bool xlsx = table.format == TableFormat::xlsx;
  if (table.error_code == "invalid_utf8") {
    return refused(Status::invalid_fields, "the file is not UTF-8 text",
                   {{"file", "invalid_utf8", xlsx ? table.error : "must be UTF-8"}});
  }
  if (table.error_code == "malformed_csv") {
    return refused(Status::invalid_fields, "the file is not valid CSV", {{"file", "malformed_csv", table.error}});
  }
  if (table.error_code == "too_large") {
    return refused(Status::payload_too_large, "the workbook is too large", {{"file", "too_large", table.error}});
  }
  if (!table.error.empty()) {
    return refused(Status::invalid_fields, "the file is not a readable XLSX workbook",
                   {{"file", table.error_code, table.error}});
  }
  const auto& records = table.rows;
  if (records.empty() || records.front().empty()) {
    return refused(Status::invalid_fields, "the file needs a header row",
                   {{"file", "missing_header", "row 1 must name the columns: supplier_sku,stock,cost[,currency]"}});
  }
  // Columns by name, so that their order does not matter; an unknown one is refused, not ignored.
  constexpr std::size_t kNone = SIZE_MAX;
  std::size_t col_sku = kNone, col_stock = kNone, col_cost = kNone, col_currency = kNone;
  FieldErrors header_errors;
  const auto& header = records.front();
  for (std::size_t i = 0; i < header.size(); ++i) {
    std::string name = header[i];
    while (!name.empty() && name.back() == ' ') name.pop_back();
    while (!name.empty() && name.front() == ' ') name.erase(name.begin());
    std::size_t* slot = name == "supplier_sku" ? &col_sku : name == "stock" ? &col_stock : name == "cost" ? &col_cost
                        : name == "currency" ? &col_currency : nullptr;
    if (!slot) {
      header_errors.push_back({"header[" + std::to_string(i) + "]", "unknown_column",
                               "\"" + name + "\" is not a column: use supplier_sku, stock, cost, currency"});
    } else if (*slot != kNone) {
      header_errors.push_back({"header[" + std::to_string(i) + "]", "duplicate_column", name + " appears twice"});
    } else {
      *slot = i;
    }
  }
  if (col_sku == kNone) header_errors.push_back({"header", "missing_column", "supplier_sku is required"});
  if (col_stock == kNone && col_cost == kNone) {
    header_errors.push_back({"header", "missing_column", "give a stock column, a cost column or both"});
  }
  if (!header_errors.empty()) return refused(Status::invalid_fields, "the header row is not usable", header_errors);
  if (records.size() - 1 > max_rows) {
    return refused(Status::payload_too_large, "at most " + std::to_string(max_rows) + " rows per file",
                   {{"file", "too_many_rows", "must have at most " + std::to_string(max_rows) + " rows"}});
  }

  OfferRows out;
  out.rows.reserve(records.size() - 1);
  for (std::size_t r = 1; r < records.size(); ++r) {
    const auto& rec = records[r];
    // Blank lines and rows of empty cells (spreadsheets export them) are not rows of the list.
    if (std::all_of(rec.begin(), rec.end(), [](const std::string& f) {
          return f.find_first_not_of(" \t") == std::string::npos;
        })) {
      continue;
    }
    out.row_numbers.push_back(r + 1);
    auto cell = [&](std::size_t col) -> std::string {
      if (col == kNone || col >= rec.size()) return {};
      return trimmed(rec[col]);
    };
    SyncItem item;
    item.supplier_sku = cell(col_sku);
    if (rec.size() != header.size()) {
      item.errors.push_back({"row", "wrong_column_count", "has " + std::to_string(rec.size()) + " fields; the header has " +
                                                              std::to_string(header.size())});
    }
    if (std::string stock = cell(col_stock); !stock.empty()) {
      std::int64_t n = 0;
      auto [ptr, ec] = std::from_chars(stock.data(), stock.data() + stock.size(), n);
      if (ec != std::errc{} || ptr != stock.data() + stock.size()) {
        item.errors.push_back({"stock", "must_be_integer", "must be a whole number such as 120"});
      } else {
        item.stock = n;
      }
    }
    if (std::string cost = cell(col_cost); !cost.empty()) {
      std::string code = cell(col_currency);
      auto currency = Currency::parse(code.empty() ? "CNY" : code);
      if (!currency) {
        item.errors.push_back({"currency", "unknown_currency", "must be an ISO 4217 code Daifa knows, such as CNY"});
      } else if (auto minor = parse_decimal_minor(cost, currency->minor_digits())) {
        item.cost = Money{*minor, *currency};
      } else {
        item.errors.push_back({"cost", "must_be_decimal",
                               "must be an amount such as 25.10 with at most " +
                                   std::to_string(currency->minor_digits()) + " decimals"});
      }
    }
    out.rows.push_back(std::move(item));
  }
  return out;
}

OfferRows offer_rows_from_json(std::string_view body, std::size_t max_rows) {
  json::value doc;
  try {
    doc = json::parse(body);
  } catch (const std::exception& e) {
    return refused(Status::invalid_fields, "the feed is not valid JSON",
                   {{"file", "malformed_json", std::string("cannot be parsed: ") + e.what()}});
  }
  const json::array* items = doc.if_array();
  if (!items && doc.is_object()) {
    if (const json::value* v = doc.as_object().if_contains("items")) items = v->if_array();
  }
  if (!items) {
    return refused(Status::invalid_fields, "the feed is not a list of items",
                   {{"file", "must_be_array", "must be an array of items or {\"items\": [...]}"}});
  }
  if (items->size() > max_rows) {
    return refused(Status::payload_too_large, "at most " + std::to_string(max_rows) + " items per feed",
                   {{"items", "too_many_items", "must have at most " + std::to_string(max_rows) + " items"}});
  }
  OfferRows out;
  out.rows.reserve(items->size());
  for (std::size_t i = 0; i < items->size(); ++i) {
    out.rows.push_back(read_sync_item((*items)[i]));
    out.row_numbers.push_back(i);
  }
  return out;
}

}  // namespace daifa::integrations
