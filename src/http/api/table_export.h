#pragma once
// Exports: one table — a header row, then data rows — answered as CSV or as an Excel workbook (the `.csv` and
// `.xlsx` twins of a list route). Money cells are decimal numbers computed from minor units, never floats.
#include <array>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/common/time.h"
#include "http/core/message.h"
#include "integrations/spreadsheet/table_reader.h"
#include "integrations/spreadsheet/xlsx_writer.h"
#include "store/common/page.h"

namespace daifa::http {

enum class ExportFormat { csv, xlsx };

using TableRow = std::vector<integrations::Cell>;

// The most rows an export answers, header aside; a larger one asks for a narrower filter. One less than an
// upload reads, so that an export goes back as an upload whole (the tracking upload takes the PO export).
constexpr std::size_t kMaxExportRows = integrations::kMaxTableRows - 1;

// The header row of an export: its column names.
template <std::size_t N>
TableRow header_row(const std::array<std::string_view, N>& columns) {
  TableRow row;
  for (std::string_view name : columns) row.emplace_back(std::string(name));
  return row;
}

// How an export writes its times: RFC 3339 in UTC by default; with `tz=+08:00` (the console sends the
// browser's offset) as "2026-12-08 09:24:15" at that offset, which a spreadsheet reads as a date and time.
struct ExportTimes {
  std::optional<int> offset_minutes;
  std::string operator()(Timestamp t) const;
  std::string operator()(const std::optional<Timestamp>& t) const { return t ? (*this)(*t) : std::string(); }
};

// An export's query: the filters of its list (`allowed`, read by the list's own code) and `tz`, but no limit
// or cursor. Reads `tz` into `times`; false, with a 400 naming the parameter in `error`, for any other
// parameter or a `tz` other than ±HH:MM within ±14:00.
bool export_query(const Request& req, std::initializer_list<std::string_view> allowed, ExportTimes& times,
                  Response& error);

// The 422 of an export with more than kMaxExportRows rows.
Response too_many_rows();

// Hands every item of a keyset-paged list to `each`, read page by page with `list(PageRequest)` (each page its
// own snapshot: an item created meanwhile is newer than the first page and is not included), so that only one
// page of items is held at a time. False, as soon as it is known, when there are more than `max` items.
template <class List, class Each>
bool each_item(List list, Each each, std::size_t max = kMaxExportRows) {
  store::PageRequest req{store::kMaxPageSize, std::nullopt};
  std::size_t seen = 0;
  for (;;) {
    auto page = list(req);
    seen += page.items.size();
    if (seen > max) return false;
    for (auto& item : page.items) each(item);
    if (!page.next_before_id) return true;
    req.before_id = page.next_before_id;
  }
}

// An export's file name without its extension: `name` and the day it was taken (UTC), e.g.
// orders-2026-12-08, so that two downloads do not collide.
std::string export_stem(std::string_view name, Timestamp now);

// `rows` starts with the header (our own column names, written plain in CSV). The file is named
// `<file_stem>.csv|.xlsx`. CSV is UTF-8 with a byte order mark (Excel then reads Chinese as UTF-8) and CRLF
// line ends, every text field quoted; a text that a spreadsheet would run as a formula (it starts with =, @, a
// tab or a carriage return, or with + or - not followed by a number such as +86 138…) is prefixed with ' so
// that it shows as text (OWASP "CSV injection"). The workbook has one sheet, `sheet`, its text cells never
// formulas.
Response table_response(ExportFormat format, const std::string& file_stem, const std::string& sheet,
                        const std::vector<TableRow>& rows);

}  // namespace daifa::http
