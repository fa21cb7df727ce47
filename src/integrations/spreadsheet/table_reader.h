#pragma once
// Spreadsheet files as rows of text cells, whichever form a person saved them in: CSV (RFC 4180) or XLSX
// (Office Open XML workbook), told apart by their first bytes, not by a file name or media type.
//
// Row i of `rows` is the row the spreadsheet shows as i + 1 (the header is row 1): empty lines and
// empty rows are kept as empty vectors so that a refusal can name the row a person sees.
//
// XLSX: the first sheet (the leftmost tab) is read. Shared strings (with rich text runs, without their
// phonetic guides), inline strings and formula results become their text; booleans TRUE/FALSE; a number
// becomes its stored text rounded to 15 significant digits, as Excel shows it ("59.899999999999999" is
// "59.9"; decimal text rounding, never a double); a date is its serial number, as stored. Cells are
// placed by their reference ("C7"): a gap is an empty string, and every non-empty row is padded to the
// widest row, as a CSV export of the sheet would be. Limits against zip bombs and huge sheets: each part
// read at most kMaxXlsxPartBytes uncompressed (counted while inflating, whatever the zip claims), at most
// kMaxTableRows rows, kMaxTableColumns columns and kMaxTableCells cells.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace daifa::integrations {

constexpr std::size_t kMaxXlsxPartBytes = 50 * 1024 * 1024;
constexpr std::size_t kMaxTableRows = 100'000;
constexpr std::size_t kMaxTableColumns = 16'384;  // Excel's own limit (column XFD)
constexpr std::size_t kMaxTableCells = 3'000'000;  // after padding: 100 000 rows of 30 columns

enum class TableFormat { csv, xlsx };

struct Table {
  std::vector<std::vector<std::string>> rows;
  // Empty when the file was read. Else a sentence for the person who sent the file, and a stable code:
  // invalid_utf8, malformed_csv, malformed_xlsx, xls_not_supported (an old .xls or an encrypted workbook),
  // too_large (past one of the limits above).
  std::string error;
  std::string error_code;
  TableFormat format = TableFormat::csv;
};

Table read_table(std::string_view bytes);

// RFC 4180 records: fields separated by commas, records by CRLF or LF; a quoted field may hold commas,
// line breaks and doubled quotes. A UTF-8 byte order mark is skipped. Empty lines are kept as empty
// records so that row numbers stay those a spreadsheet shows. Nullopt (and `error`) when malformed.
// Does not check UTF-8 (read_table does).
std::optional<std::vector<std::vector<std::string>>> parse_csv(std::string_view text, std::string& error);

}  // namespace daifa::integrations
