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

// One CSV field, always quoted, formula-like text prefixed with ' (table_response).
std::string csv_field(std::string_view v) {
  std::string out = "\"";
  if (formula_like(v)) out.push_back('\'');
  for (char c : v) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  return out + "\"";
}

}  // namespace

std::string ExportTimes::operator()(Timestamp t) const {
  if (!offset_minutes) return format_rfc3339(t);
  std::string local = format_rfc3339(t + std::int64_t{*offset_minutes} * 60'000).substr(0, 19);  // 2026-12-08T09:24:15
  local[10] = ' ';
  return local;
}

bool export_query(const Request& req, std::initializer_list<std::string_view> allowed, ExportTimes& times,
                  Response& error) {
  FieldErrors errors;
  for (const auto& [key, value] : req.query) {
    if (key != "tz" && std::find(allowed.begin(), allowed.end(), std::string_view(key)) == allowed.end()) {
      errors.push_back({key, "unknown_parameter", "is not a parameter of this export"});
    }
  }
  if (!errors.empty()) {
    error = problem(Status::malformed_request, "the query has invalid parameters", errors);
    return false;
  }
  auto text = req.query_param("tz");
  if (!text) return true;
  const std::string_view v = *text;
  auto digit = [&](std::size_t i) { return v[i] >= '0' && v[i] <= '9'; };
  const bool shaped = v.size() == 6 && (v[0] == '+' || v[0] == '-') && digit(1) && digit(2) && v[3] == ':' &&
                      digit(4) && digit(5);
  const int hours = shaped ? (v[1] - '0') * 10 + (v[2] - '0') : 0;
  const int minutes = shaped ? (v[4] - '0') * 10 + (v[5] - '0') : 0;
  if (!shaped || minutes > 59 || hours * 60 + minutes > 14 * 60) {
    error = problem(Status::malformed_request, "tz must be an offset such as +08:00",
                    {{"tz", "invalid_tz", "must be an offset from UTC such as +08:00, within ±14:00"}});
    return false;
  }
  times.offset_minutes = (v[0] == '-' ? -1 : 1) * (hours * 60 + minutes);
  return true;
}

std::string export_stem(std::string_view name, Timestamp now) {
  return std::string(name) + "-" + format_rfc3339(now).substr(0, 10);
}

Response too_many_rows() {
  return problem(Status::invalid_fields, "the export has more than " + std::to_string(kMaxExportRows) + " rows",
                 {{"query", "too_many_rows", "narrow the export with the list's filters (status, …)"}});
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
