#include "integrations/spreadsheet/xlsx_writer.h"

#include <xlsxwriter.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

#include "domain/common/money.h"

namespace daifa::integrations {

std::string write_xlsx(const std::string& sheet_name, const std::vector<std::vector<Cell>>& rows) {
  // libxlsxwriter 1.1.4 (Debian 12) writes only to files: use a private temporary file.
  char path[] = "/tmp/daifa-xlsx-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) throw std::runtime_error("cannot create a temporary file for the workbook");
  close(fd);
  struct Remove {
    const char* p;
    ~Remove() { std::remove(p); }
  } remove_later{path};

  lxw_workbook* wb = workbook_new(path);
  if (!wb) throw std::runtime_error("cannot start the workbook");
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name.c_str());
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* money2 = workbook_add_format(wb);
  format_set_num_format(money2, "0.00");
  lxw_format* money0 = workbook_add_format(wb);
  format_set_num_format(money0, "0");
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      auto row = static_cast<lxw_row_t>(r);
      auto col = static_cast<lxw_col_t>(c);
      lxw_format* header = r == 0 ? bold : nullptr;
      if (auto* s = std::get_if<std::string>(&rows[r][c])) {
        worksheet_write_string(ws, row, col, s->c_str(), header);
      } else if (auto* n = std::get_if<std::int64_t>(&rows[r][c])) {
        worksheet_write_number(ws, row, col, static_cast<double>(*n), header);
      } else {
        const auto& m = std::get<MoneyCell>(rows[r][c]);
        // Excel stores numbers as doubles; the exact decimal string is converted once, here, for display.
        double value = std::strtod(format_decimal_minor(m.amount_minor, m.minor_digits).c_str(), nullptr);
        worksheet_write_number(ws, row, col, value, m.minor_digits == 0 ? money0 : money2);
      }
    }
  }
  if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("cannot write the workbook");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace daifa::integrations
