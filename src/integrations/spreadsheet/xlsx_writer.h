#pragma once
// Writes a one-sheet XLSX workbook (libxlsxwriter) and returns its bytes. Numbers stay numbers in Excel;
// money goes in as decimal numbers formatted with two places, computed from minor units.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace daifa::integrations {

struct MoneyCell {
  std::int64_t amount_minor = 0;
  int minor_digits = 2;
};
using Cell = std::variant<std::string, std::int64_t, MoneyCell>;

// The first row is written bold (the header). Throws std::runtime_error if the workbook cannot be written.
std::string write_xlsx(const std::string& sheet_name, const std::vector<std::vector<Cell>>& rows);

}  // namespace daifa::integrations
