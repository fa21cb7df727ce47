#include "http/api/table_export.h"

#include <algorithm>
#include <variant>

#include "domain/common/money.h"
#include "domain/common/status.h"
#include "http/api/api.h"

namespace daifa::http {
namespace {

// +86 138-0000-0000, -12.5: a number a person typed, which a spreadsheet shows as it is.
bool number_like(std::string_view rest) {
  bool digit = false;
  for (char c : rest) {
    if (c >= '0' && c <= '9') digit = true;
    else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') return false;
  }
  return digit;
}

bool formula_like(std::string_view v) {
  if (v.empty()) return false;
  switch (v.front()) {
    case '=': case '@': case '\t': case '\r': return true;
    case '+': case '-': return !number_like(v.substr(1));
    default: return false;
  }
}

}  // namespace

bool export_params(const Request& req, std::initializer_list<std::string_view> allowed, Response& error) {
  FieldErrors errors;
  for (const auto& [key, value] : req.query) {
    if (std::find(allowed.begin(), allowed.end(), std::string_view(key)) == allowed.end()) {
      errors.push_back({key, "unknown_parameter", "is not a parameter of this export"});
    }
  }
  if (errors.empty()) return true;
  error = problem(Status::malformed_request, "the query has invalid parameters", errors);
  return false;
}

std::string export_stem(std::string_view name, Timestamp now) {
  return std::string(name) + "-" + format_rfc3339(now).substr(0, 10);
}

Response too_many_rows() {
  return problem(Status::invalid_fields, "the export has more than " + std::to_string(kMaxExportRows) + " rows",
                 {{"query", "too_many_rows", "narrow the export with the list's filters (status, …)"}});
}

std::string csv_field(std::string_view v) {
  std::string out = "\"";
  if (formula_like(v)) out.push_back('\'');
  for (char c : v) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  return out + "\"";
}

Response table_response(ExportFormat format, const std::string& file_stem, const std::string& sheet,
                        const std::vector<TableRow>& rows) {
  Response r;
  if (format == ExportFormat::xlsx) {
    r.set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    r.set("Content-Disposition", "attachment; filename=\"" + file_stem + ".xlsx\"");
    r.body = integrations::write_xlsx(sheet, rows);
    return r;
  }
  std::string csv = "\xEF\xBB\xBF";  // a byte order mark, so that Excel opens the Chinese text as UTF-8
  for (std::size_t i = 0; i < rows.size(); ++i) {
    bool first = true;
    for (const integrations::Cell& cell : rows[i]) {
      if (!first) csv.push_back(',');
      first = false;
      if (const auto* s = std::get_if<std::string>(&cell)) {
        csv += i == 0 ? *s : csv_field(*s);  // the header: our own column names, plain
      } else if (const auto* n = std::get_if<std::int64_t>(&cell)) {
        csv += std::to_string(*n);
      } else {
        const auto& m = std::get<integrations::MoneyCell>(cell);
        csv += format_decimal_minor(m.amount_minor, m.minor_digits);
      }
    }
    csv += "\r\n";
  }
  r.set("Content-Type", "text/csv; charset=utf-8");
  r.set("Content-Disposition", "attachment; filename=\"" + file_stem + ".csv\"");
  r.body = std::move(csv);
  return r;
}

}  // namespace daifa::http
