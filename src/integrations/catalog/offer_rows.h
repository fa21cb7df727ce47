#pragma once
// A supplier's stock and cost list as sync items, read once for every way it arrives: the JSON items of
// POST /offers/sync, a CSV or XLSX file of POST /imports/offers, and a supplier feed's body (CSV, XLSX or
// JSON). The items then go through app::sync_offers / app::import_offers, which apply or refuse each.
//
// Table: header `supplier_sku,stock,cost[,currency]` in any order (an unknown or repeated column is
// refused, not ignored); `cost` is a decimal in `currency` (default CNY); blank rows are skipped. A row's
// problems are recorded on its item (refused alone); a file that cannot be used at all is a Failure.
#include <optional>
#include <string_view>
#include <vector>

#include <boost/json/fwd.hpp>

#include "domain/catalog/offer_rules.h"
#include "domain/common/status.h"
#include "integrations/spreadsheet/table_reader.h"

namespace daifa::integrations {

struct OfferRows {
  std::vector<SyncItem> rows;
  std::vector<std::size_t> row_numbers;  // a table's row as a spreadsheet shows it (header = 1); a JSON position
  // Set when the whole file is unusable: invalid_fields (unreadable, no header, bad header columns) or
  // payload_too_large (over app::kMaxImportRows rows, or a workbook past the reader's limits).
  std::optional<Failure> failure;
};

// One item of a sync body; problems are recorded on the item (field names relative to it).
SyncItem read_sync_item(const boost::json::value& v);

// The rows of a table read by read_table; at most `max_rows` data rows.
OfferRows offer_rows_from_table(const Table& table, std::size_t max_rows);

// A JSON feed: {"items": [...]} or a bare array of sync items; at most `max_rows` items.
OfferRows offer_rows_from_json(std::string_view body, std::size_t max_rows);

}  // namespace daifa::integrations
