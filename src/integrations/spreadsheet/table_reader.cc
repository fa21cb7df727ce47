#include "integrations/spreadsheet/table_reader.h"

#include <zip.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <pugixml.hpp>

#include "domain/common/validation.h"

namespace daifa::integrations {
namespace {

constexpr std::string_view kZipMagic{"PK\x03\x04", 4};
constexpr std::string_view kEmptyZipMagic{"PK\x05\x06", 4};
constexpr std::string_view kOleMagic{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8};

// Thrown inside the XLSX reader only, and caught by read_table: it carries the code and sentence.
struct TableError {
  std::string code;
  std::string message;
};

[[noreturn]] void fail(std::string code, std::string message) { throw TableError{std::move(code), std::move(message)}; }

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

class Workbook {
 public:
  explicit Workbook(std::string_view bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (!source) fail("malformed_xlsx", "the file could not be opened");
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (!archive) {
      zip_source_free(source);
      std::string reason = zip_error_strerror(&error);
      zip_error_fini(&error);
      fail("malformed_xlsx", "the file starts like an XLSX workbook but is not a readable zip archive (" + reason + ")");
    }
    zip_error_fini(&error);
    zip_.reset(archive);
  }

  bool has(const std::string& name) { return zip_name_locate(zip_.get(), name.c_str(), ZIP_FL_NOCASE) >= 0; }

  // The part's bytes, inflated at most kMaxXlsxPartBytes: the size the zip declares is checked first, and
  // the bytes actually produced are counted too, since a crafted archive can declare anything.
  std::string read(const std::string& name) {
    zip_int64_t index = zip_name_locate(zip_.get(), name.c_str(), ZIP_FL_NOCASE);
    if (index < 0) fail("malformed_xlsx", "the workbook has no " + name);
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip_.get(), static_cast<zip_uint64_t>(index), 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
        st.size > kMaxXlsxPartBytes) {
      fail("too_large", too_large_message(name));
    }
    std::unique_ptr<zip_file_t, ZipFileCloser> file(zip_fopen_index(zip_.get(), static_cast<zip_uint64_t>(index), 0));
    if (!file) {
      fail("malformed_xlsx", name + " cannot be read (" + std::string(zip_strerror(zip_.get())) +
                                 "); a password-protected workbook must be saved without its password");
    }
    std::string out;
    char buffer[64 * 1024];
    for (;;) {
      zip_int64_t n = zip_fread(file.get(), buffer, sizeof buffer);
      if (n < 0) fail("malformed_xlsx", name + " is damaged (" + std::string(zip_file_strerror(file.get())) + ")");
      if (n == 0) break;
      if (out.size() + static_cast<std::size_t>(n) > kMaxXlsxPartBytes) fail("too_large", too_large_message(name));
      out.append(buffer, static_cast<std::size_t>(n));
    }
    return out;
  }

 private:
  static std::string too_large_message(const std::string& name) {
    return name + " is larger than " + std::to_string(kMaxXlsxPartBytes / (1024 * 1024)) +
           " MB uncompressed: split the sheet into smaller files";
  }
  std::unique_ptr<zip_t, ZipCloser> zip_;
};

// Element and attribute names without their namespace prefix: tools write both <sheet> and <x:sheet>.
std::string_view local_name(const char* name) {
  const char* colon = std::strchr(name, ':');
  return colon ? colon + 1 : name;
}

pugi::xml_node child(pugi::xml_node node, std::string_view name) {
  for (pugi::xml_node c : node.children()) {
    if (c.type() == pugi::node_element && local_name(c.name()) == name) return c;
  }
  return {};
}

pugi::xml_document parse_xml(const std::string& bytes, const std::string& name) {
  pugi::xml_document doc;
  // parse_ws_pcdata_single keeps a cell whose whole text is spaces (<t xml:space="preserve"> </t>).
  pugi::xml_parse_result result =
      doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!result) {
    fail("malformed_xlsx", name + " is not valid XML at byte " + std::to_string(result.offset) + ": " +
                               result.description());
  }
  return doc;
}

// "xl/" + "worksheets/sheet1.xml", or an absolute "/xl/worksheets/sheet1.xml"; "." and ".." resolved.
std::string resolve(const std::string& base_dir, std::string_view target) {
  std::string joined = !target.empty() && target.front() == '/' ? std::string(target.substr(1))
                                                                 : base_dir + std::string(target);
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= joined.size()) {
    std::size_t slash = joined.find('/', start);
    if (slash == std::string::npos) slash = joined.size();
    std::string part = joined.substr(start, slash - start);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(std::move(part));
    }
    start = slash + 1;
  }
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

// The text of a shared string item or an inline string: its <t>, or the <t> of each rich text run <r>.
// Phonetic guides (<rPh>, furigana) are not part of the text a person typed.
std::string string_item_text(pugi::xml_node item) {
  std::string text;
  for (pugi::xml_node c : item.children()) {
    std::string_view name = local_name(c.name());
    if (name == "t") {
      text += c.text().get();
    } else if (name == "r") {
      for (pugi::xml_node t : c.children()) {
        if (local_name(t.name()) == "t") text += t.text().get();
      }
    }
  }
  return text;
}

std::string cell_ref_text(std::size_t row, std::size_t column) {
  std::string letters;
  for (std::size_t c = column + 1; c > 0; c = (c - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  return letters + std::to_string(row);
}

// A number as Excel shows it: its stored text rounded to 15 significant digits, written without an
// exponent. Pure text arithmetic on the digits. Text that is not a plain number is returned as it is.
std::string excel_number_text(std::string_view v) {
  std::size_t i = 0;
  bool negative = false;
  if (i < v.size() && (v[i] == '-' || v[i] == '+')) negative = v[i++] == '-';
  std::string digits;
  std::size_t int_digits = 0;
  bool any = false;
  while (i < v.size() && v[i] >= '0' && v[i] <= '9') {
    digits.push_back(v[i++]);
    ++int_digits;
    any = true;
  }
  if (i < v.size() && v[i] == '.') {
    ++i;
    while (i < v.size() && v[i] >= '0' && v[i] <= '9') {
      digits.push_back(v[i++]);
      any = true;
    }
  }
  long exponent = 0;
  if (any && i < v.size() && (v[i] == 'e' || v[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < v.size() && (v[i] == '-' || v[i] == '+')) exp_negative = v[i++] == '-';
    if (i == v.size()) return std::string(v);
    for (; i < v.size() && v[i] >= '0' && v[i] <= '9'; ++i) {
      exponent = exponent * 10 + (v[i] - '0');
      if (exponent > 400) return std::string(v);
    }
    if (exp_negative) exponent = -exponent;
  }
  if (!any || i != v.size()) return std::string(v);
  long point = static_cast<long>(int_digits) + exponent;  // digits before the decimal point
  std::size_t lead = digits.find_first_not_of('0');
  if (lead == std::string::npos) return "0";
  digits.erase(0, lead);
  point -= static_cast<long>(lead);
  constexpr std::size_t kSignificant = 15;
  if (digits.size() > kSignificant) {
    bool round_up = digits[kSignificant] >= '5';
    digits.resize(kSignificant);
    for (std::size_t k = kSignificant; round_up && k-- > 0;) {
      if (digits[k] == '9') {
        digits[k] = '0';
      } else {
        ++digits[k];
        round_up = false;
      }
    }
    if (round_up) {  // 999…9 rounded up to 1000…0
      digits.insert(digits.begin(), '1');
      digits.pop_back();
      ++point;
    }
  }
  while (!digits.empty() && digits.back() == '0') digits.pop_back();
  if (point > 40 || point < -40) return std::string(v);
  std::string out = negative ? "-" : "";
  const long n = static_cast<long>(digits.size());
  if (point <= 0) {
    out += "0." + std::string(static_cast<std::size_t>(-point), '0') + digits;
  } else if (point >= n) {
    out += digits + std::string(static_cast<std::size_t>(point - n), '0');
  } else {
    out += digits.substr(0, static_cast<std::size_t>(point)) + "." + digits.substr(static_cast<std::size_t>(point));
  }
  return out;
}

// "C7" → column 2 (and row 7). False if it is not a cell reference.
bool parse_cell_ref(std::string_view ref, std::size_t& column, std::size_t& row) {
  std::size_t i = 0, col = 0;
  while (i < ref.size() && ((ref[i] >= 'A' && ref[i] <= 'Z') || (ref[i] >= 'a' && ref[i] <= 'z'))) {
    char c = static_cast<char>(ref[i] & ~0x20);
    col = col * 26 + static_cast<std::size_t>(c - 'A' + 1);
    if (col > kMaxTableColumns) return false;
    ++i;
  }
  if (i == 0 || i == ref.size()) return false;
  std::size_t r = 0;
  for (; i < ref.size(); ++i) {
    if (ref[i] < '0' || ref[i] > '9') return false;
    r = r * 10 + static_cast<std::size_t>(ref[i] - '0');
    if (r > 10'000'000) return false;
  }
  if (r == 0) return false;
  column = col - 1;
  row = r;
  return true;
}

std::vector<std::vector<std::string>> read_xlsx(std::string_view bytes) {
  Workbook book(bytes);
  const std::string workbook_name = "xl/workbook.xml";
  pugi::xml_document workbook = parse_xml(book.read(workbook_name), workbook_name);
  pugi::xml_node sheets = child(workbook.document_element(), "sheets");
  pugi::xml_node first_sheet = child(sheets, "sheet");
  if (!first_sheet) fail("malformed_xlsx", "the workbook has no sheet");
  std::string sheet_rel;
  for (pugi::xml_attribute a : first_sheet.attributes()) {
    if (local_name(a.name()) == "id") sheet_rel = a.value();
  }
  const std::string rels_name = "xl/_rels/workbook.xml.rels";
  pugi::xml_document rels = parse_xml(book.read(rels_name), rels_name);
  std::string sheet_name, strings_name;
  for (pugi::xml_node rel : rels.document_element().children()) {
    if (local_name(rel.name()) != "Relationship") continue;
    std::string_view type = rel.attribute("Type").value();
    if (!sheet_rel.empty() && sheet_rel == rel.attribute("Id").value()) {
      sheet_name = resolve("xl/", rel.attribute("Target").value());
    }
    if (type.size() >= 14 && type.substr(type.size() - 14) == "/sharedStrings") {
      strings_name = resolve("xl/", rel.attribute("Target").value());
    }
  }
  if (sheet_name.empty()) fail("malformed_xlsx", "the workbook's first sheet is not in " + rels_name);
  if (strings_name.empty()) strings_name = "xl/sharedStrings.xml";

  // A workbook without text cells may have no shared strings part, even when its rels name one.
  std::vector<std::string> shared;
  if (book.has(strings_name)) {
    pugi::xml_document strings = parse_xml(book.read(strings_name), strings_name);
    for (pugi::xml_node si : strings.document_element().children()) {
      if (local_name(si.name()) == "si") shared.push_back(string_item_text(si));
    }
  }

  pugi::xml_document sheet = parse_xml(book.read(sheet_name), sheet_name);
  pugi::xml_node data = child(sheet.document_element(), "sheetData");
  std::vector<std::vector<std::string>> rows;
  std::size_t row_number = 0;
  for (pugi::xml_node row : data.children()) {
    if (local_name(row.name()) != "row") continue;
    if (pugi::xml_attribute r = row.attribute("r")) {
      std::size_t n = r.as_ullong();
      if (n == 0) fail("malformed_xlsx", "a row of " + sheet_name + " has the number \"" + r.value() + "\"");
      row_number = n;
    } else {
      ++row_number;
    }
    if (row_number > kMaxTableRows) {
      fail("too_large", "the sheet has more than " + std::to_string(kMaxTableRows) + " rows");
    }
    std::size_t column = SIZE_MAX;  // the previous cell's; the first cell without a reference is column A
    for (pugi::xml_node c : row.children()) {
      if (local_name(c.name()) != "c") continue;
      std::size_t ref_row = row_number;
      if (pugi::xml_attribute ref = c.attribute("r")) {
        if (!parse_cell_ref(ref.value(), column, ref_row) || ref_row != row_number) {
          fail("malformed_xlsx", "row " + std::to_string(row_number) + " has a cell \"" + ref.value() +
                                     "\" that is not a cell of that row within column XFD");
        }
      } else {
        column = column == SIZE_MAX ? 0 : column + 1;
        if (column >= kMaxTableColumns) fail("too_large", "row " + std::to_string(row_number) + " is too wide");
      }
      std::string_view type = c.attribute("t").value();
      const char* v = child(c, "v").text().get();
      std::string value;
      if (type == "s") {
        char* end = nullptr;
        unsigned long long index = std::strtoull(v, &end, 10);
        if (*v == '\0' || *end != '\0' || index >= shared.size()) {
          fail("malformed_xlsx", "cell " + cell_ref_text(row_number, column) + " refers to a shared string that does not exist");
        }
        value = shared[index];
      } else if (type == "inlineStr") {
        value = string_item_text(child(c, "is"));
      } else if (type == "b") {
        value = std::string_view(v) == "1" ? "TRUE" : std::string_view(v) == "0" ? "FALSE" : v;
      } else if (type == "str" || type == "e" || type == "d") {
        value = v;
      } else {
        value = excel_number_text(v);
      }
      if (value.empty()) continue;
      if (!is_valid_utf8(value)) {
        fail("invalid_utf8", "cell " + cell_ref_text(row_number, column) + " is not valid UTF-8 text");
      }
      if (rows.size() < row_number) rows.resize(row_number);
      auto& cells = rows[row_number - 1];
      if (cells.size() <= column) cells.resize(column + 1);
      cells[column] = std::move(value);
    }
  }
  // Pad every non-empty row to the widest, as a CSV export would be; empty rows stay empty.
  std::size_t width = 0, filled = 0;
  for (const auto& r : rows) {
    width = std::max(width, r.size());
    filled += !r.empty();
  }
  if (width > 0 && filled > kMaxTableCells / width) {
    fail("too_large", "the sheet has more than " + std::to_string(kMaxTableCells) + " cells (" + std::to_string(filled) +
                          " rows of " + std::to_string(width) + " columns)");
  }
  for (auto& r : rows) {
    if (!r.empty()) r.resize(width);
  }
  return rows;
}

}  // namespace

std::optional<std::vector<std::vector<std::string>>> parse_csv(std::string_view text, std::string& error) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false, after_quote = false;
  std::size_t line = 1;
  auto end_field = [&] {
    record.push_back(std::move(field));
    field.clear();
    after_quote = false;
  };
  auto end_record = [&] {
    end_field();
    if (record.size() == 1 && record[0].empty()) record.clear();
    records.push_back(std::move(record));
    record.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
          after_quote = true;
        }
      } else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
      continue;
    }
    if (c == ',') {
      end_field();
    } else if (c == '\n' || (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
      if (c == '\r') ++i;
      end_record();
      ++line;
    } else if (after_quote) {
      error = "line " + std::to_string(line) + ": text after a closing quote";
      return std::nullopt;
    } else if (c == '"' && field.empty()) {
      quoted = true;
    } else {
      field.push_back(c);
    }
  }
  if (quoted) {
    error = "line " + std::to_string(line) + ": a quoted field is not closed";
    return std::nullopt;
  }
  if (!field.empty() || !record.empty() || after_quote) end_record();
  return records;
}

Table read_table(std::string_view bytes) {
  Table table;
  if (bytes.substr(0, kOleMagic.size()) == kOleMagic) {
    table.format = TableFormat::xlsx;
    table.error_code = "xls_not_supported";
    table.error = "this is an old Excel .xls file or a password-protected workbook: save it as .xlsx "
                  "(without a password) or as CSV UTF-8";
    return table;
  }
  if (bytes.substr(0, 4) == kZipMagic || bytes.substr(0, 4) == kEmptyZipMagic) {
    table.format = TableFormat::xlsx;
    try {
      table.rows = read_xlsx(bytes);
    } catch (const TableError& e) {
      table.rows.clear();
      table.error_code = e.code;
      table.error = e.message;
    }
    return table;
  }
  if (!is_valid_utf8(bytes)) {
    table.error_code = "invalid_utf8";
    table.error = "the file is neither an XLSX workbook nor UTF-8 text: save it as .xlsx or as CSV UTF-8";
    return table;
  }
  std::string error;
  auto records = parse_csv(bytes, error);
  if (!records) {
    table.error_code = "malformed_csv";
    table.error = error;
    return table;
  }
  table.rows = std::move(*records);
  return table;
}

}  // namespace daifa::integrations
