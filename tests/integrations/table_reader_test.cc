// read_table: CSV and XLSX files as rows of text, with row numbers as a spreadsheet shows them. The
// workbooks are real ones written by libxlsxwriter, or hand-made zips for what Excel and other tools
// write that libxlsxwriter does not (prefixed XML, cells without references, phonetic runs).
#include "integrations/spreadsheet/table_reader.h"

#include <gtest/gtest.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

namespace daifa::integrations {
namespace {

using Rows = std::vector<std::vector<std::string>>;

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::filesystem::path temp_path(const std::string& name) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  return std::filesystem::path(::testing::TempDir()) / (std::string(info->name()) + "-" + name);
}

// A workbook written by libxlsxwriter; `constant_memory` makes it write inline strings instead of
// shared strings, as streaming writers do.
std::string xlsx(const std::function<void(lxw_workbook*, lxw_worksheet*)>& fill, bool constant_memory = false) {
  const auto path = temp_path("book.xlsx");
  lxw_workbook_options options{};
  options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "订单");
  fill(wb, ws);
  EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
  std::string bytes = read_file(path);
  std::filesystem::remove(path);
  return bytes;
}

// A zip of exactly these parts, for workbooks libxlsxwriter would not write.
std::string zip_of(const std::map<std::string, std::string>& parts) {
  const auto path = temp_path("parts.zip");
  int error = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  EXPECT_NE(z, nullptr);
  for (const auto& [name, content] : parts) {
    zip_source_t* s = zip_source_buffer(z, content.data(), content.size(), 0);
    EXPECT_GE(zip_file_add(z, name.c_str(), s, ZIP_FL_ENC_UTF_8), 0);
  }
  EXPECT_EQ(zip_close(z), 0);  // reads the buffers now, while `parts` is alive
  std::string bytes = read_file(path);
  std::filesystem::remove(path);
  return bytes;
}

const std::string kWorkbookXml =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<x:sheets><x:sheet name="Orders" sheetId="7" r:id="rIdSheet"/><x:sheet name="Other" sheetId="1" r:id="rIdOther"/></x:sheets>
</x:workbook>)";
const std::string kRelsXml =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rIdOther" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/other.xml"/>
<Relationship Id="rIdStrings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/xl/strings.xml"/>
<Relationship Id="rIdSheet" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="./worksheets/../worksheets/orders.xml"/>
</Relationships>)";

std::string sheet_xml(const std::string& rows) {
  return R"(<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>)" +
         rows + "</x:sheetData></x:worksheet>";
}

std::string hand_made(const std::string& rows, const std::string& strings = "") {
  std::map<std::string, std::string> parts{{"xl/workbook.xml", kWorkbookXml},
                                           {"xl/_rels/workbook.xml.rels", kRelsXml},
                                           {"xl/worksheets/orders.xml", sheet_xml(rows)},
                                           {"xl/worksheets/other.xml", sheet_xml("")}};
  if (!strings.empty()) parts["xl/strings.xml"] = strings;
  return zip_of(parts);
}

TEST(TableReader, CsvKeepsItsRowsAndItsRules) {
  Table t = read_table("\xEF\xBB\xBFsku,quantity,note\r\nTS-RED-M,2,\"red, size M\"\r\n\r\nMUG,1,\"say \"\"hi\"\"\nthere\"\n");
  EXPECT_TRUE(t.error.empty()) << t.error;
  EXPECT_EQ(t.format, TableFormat::csv);
  EXPECT_EQ(t.rows, (Rows{{"sku", "quantity", "note"}, {"TS-RED-M", "2", "red, size M"}, {}, {"MUG", "1", "say \"hi\"\nthere"}}));

  t = read_table("a,b\n\"open,1\n");
  EXPECT_EQ(t.error_code, "malformed_csv");
  EXPECT_EQ(t.error, "line 3: a quoted field is not closed") << "the line where the file ended inside the quotes";
  EXPECT_TRUE(t.rows.empty());
  t = read_table("a,\"b\"x\n");
  EXPECT_EQ(t.error_code, "malformed_csv");
  t = read_table("sku\n\xFF\xFE\n");
  EXPECT_EQ(t.error_code, "invalid_utf8");
  t = read_table("");
  EXPECT_TRUE(t.error.empty());
  EXPECT_TRUE(t.rows.empty());
}

TEST(TableReader, XlsxWithSharedStringsNumbersGapsAndEmptyRows) {
  std::string bytes = xlsx([](lxw_workbook* wb, lxw_worksheet* ws) {
    worksheet_write_string(ws, 0, 0, "external_id", nullptr);
    worksheet_write_string(ws, 0, 1, "customer_name", nullptr);
    worksheet_write_string(ws, 0, 2, "phone", nullptr);
    worksheet_write_string(ws, 0, 3, "unit_price", nullptr);
    worksheet_write_string(ws, 0, 4, "note", nullptr);
    worksheet_write_string(ws, 1, 0, "TB1001", nullptr);
    worksheet_write_string(ws, 1, 1, "王小明", nullptr);
    worksheet_write_number(ws, 1, 2, 13800138000, nullptr);
    worksheet_write_number(ws, 1, 3, 59.9, nullptr);
    worksheet_write_string(ws, 1, 4, " ", nullptr);  // a cell of one space is text, kept as such
    // Row 3 left empty; row 4 has a gap at B and C (and a formatted but empty cell D).
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    worksheet_write_string(ws, 3, 0, "TB1001", nullptr);
    worksheet_write_blank(ws, 3, 3, bold);
    worksheet_write_number(ws, 3, 4, 0.1 + 0.2, nullptr);  // stored as 0.30000000000000004
    lxw_rich_string_tuple red{bold, const_cast<char*>("红色")};
    lxw_rich_string_tuple rest{nullptr, const_cast<char*>(" M码")};
    lxw_rich_string_tuple* rich[] = {&red, &rest, nullptr};
    worksheet_write_rich_string(ws, 4, 1, rich, nullptr);
    worksheet_write_boolean(ws, 4, 2, 1, nullptr);
    worksheet_write_formula_str(ws, 4, 0, "=\"TB\"&\"1002\"", nullptr, "TB1002");
    worksheet_write_number(ws, 4, 3, 1234567890123456789.0, nullptr);
    worksheet_write_number(ws, 4, 4, -0.001, nullptr);
  });
  ASSERT_EQ(bytes.substr(0, 4), std::string("PK\x03\x04", 4));
  Table t = read_table(bytes);
  ASSERT_TRUE(t.error.empty()) << t.error;
  EXPECT_EQ(t.format, TableFormat::xlsx);
  EXPECT_EQ(t.rows, (Rows{{"external_id", "customer_name", "phone", "unit_price", "note"},
                          {"TB1001", "王小明", "13800138000", "59.9", " "},
                          {},
                          {"TB1001", "", "", "", "0.3"},
                          {"TB1002", "红色 M码", "TRUE", "1234567890123460000", "-0.001"}}));
}

TEST(TableReader, XlsxWithInlineStrings) {
  std::string bytes = xlsx(
      [](lxw_workbook*, lxw_worksheet* ws) {
        worksheet_write_string(ws, 0, 0, "sku", nullptr);
        worksheet_write_string(ws, 0, 1, "quantity", nullptr);
        worksheet_write_string(ws, 2, 0, "茶-250g", nullptr);
        worksheet_write_number(ws, 2, 1, 3, nullptr);
      },
      /*constant_memory=*/true);
  Table t = read_table(bytes);
  ASSERT_TRUE(t.error.empty()) << t.error;
  EXPECT_EQ(t.rows, (Rows{{"sku", "quantity"}, {}, {"茶-250g", "3"}}));
}

TEST(TableReader, XlsxAsOtherToolsWriteIt) {
  // Prefixed elements, the first sheet not first in the rels, an absolute shared strings target, rich
  // runs with a phonetic guide, cells without references, a cell far right, rows out of sequence.
  const std::string strings = R"(<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">
<si><t>sku</t></si>
<si><r><rPr><b/></rPr><t>东京</t></r><r><t xml:space="preserve"> 店</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si>
<si><t>a &amp; b</t></si></sst>)";
  const std::string rows =
      R"(<x:row r="1"><x:c t="s"><x:v>0</x:v></x:c><x:c t="inlineStr"><x:is><x:t>price</x:t></x:is></x:c></x:row>)"
      R"(<x:row><x:c r="A2" t="s"><x:v>1</x:v></x:c><x:c r="F2"><x:v>59.899999999999999</x:v></x:c></x:row>)"
      R"(<x:row r="4"><x:c r="B4" t="s"><x:v>2</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c><x:c r="D4" t="n"><x:v>1E-3</x:v></x:c></x:row>)";
  Table t = read_table(hand_made(rows, strings));
  ASSERT_TRUE(t.error.empty()) << t.error;
  EXPECT_EQ(t.rows, (Rows{{"sku", "price", "", "", "", ""},
                          {"东京 店", "", "", "", "", "59.9"},
                          {},
                          {"", "a & b", "#N/A", "0.001", "", ""}}));
}

TEST(TableReader, BrokenWorkbooksAreRefusedWithAReason) {
  Table t = read_table(std::string("PK\x03\x04", 4) + "this is not a zip at all");
  EXPECT_EQ(t.error_code, "malformed_xlsx");
  EXPECT_EQ(t.format, TableFormat::xlsx);
  EXPECT_TRUE(t.rows.empty());
  t = read_table(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(512, '\0'));
  EXPECT_EQ(t.error_code, "xls_not_supported");
  t = read_table(zip_of({{"hello.txt", "hi"}}));
  EXPECT_EQ(t.error_code, "malformed_xlsx");
  EXPECT_NE(t.error.find("xl/workbook.xml"), std::string::npos) << t.error;
  t = read_table(zip_of({{"xl/workbook.xml", "<workbook><sheets>"}}));
  EXPECT_EQ(t.error_code, "malformed_xlsx");
  EXPECT_NE(t.error.find("not valid XML"), std::string::npos) << t.error;
  t = read_table(zip_of({{"xl/workbook.xml", kWorkbookXml}, {"xl/_rels/workbook.xml.rels", "<Relationships/>"}}));
  EXPECT_EQ(t.error_code, "malformed_xlsx");
  t = read_table(hand_made(R"(<x:row r="1"><x:c r="A1" t="s"><x:v>5</x:v></x:c></x:row>)"));
  EXPECT_EQ(t.error_code, "malformed_xlsx") << "a shared string that does not exist";
  EXPECT_NE(t.error.find("A1"), std::string::npos) << t.error;
  t = read_table(hand_made(R"(<x:row r="2"><x:c r="A3"><x:v>1</x:v></x:c></x:row>)"));
  EXPECT_EQ(t.error_code, "malformed_xlsx") << "a cell of another row";
  t = read_table(hand_made("<x:row r=\"1\"><x:c t=\"inlineStr\"><x:is><x:t>\xFF\xFE</x:t></x:is></x:c></x:row>"));
  EXPECT_EQ(t.error_code, "invalid_utf8") << t.error;
}

TEST(TableReader, LimitsStopZipBombsAndHugeSheets) {
  // 60 MB of XML that deflates to a few hundred kilobytes.
  std::string bomb = sheet_xml(std::string(60 * 1024 * 1024, ' '));
  std::string bytes = zip_of({{"xl/workbook.xml", kWorkbookXml},
                  {"xl/_rels/workbook.xml.rels", kRelsXml},
                  {"xl/worksheets/orders.xml", bomb}});
  ASSERT_LT(bytes.size(), 2u * 1024 * 1024);
  Table t = read_table(bytes);
  EXPECT_EQ(t.error_code, "too_large") << t.error;
  EXPECT_NE(t.error.find("50 MB"), std::string::npos) << t.error;

  t = read_table(hand_made(R"(<x:row r="100001"><x:c r="A100001"><x:v>1</x:v></x:c></x:row>)"));
  EXPECT_EQ(t.error_code, "too_large");
  t = read_table(hand_made(R"(<x:row r="100000"><x:c r="A100000"><x:v>1</x:v></x:c></x:row>)"));
  EXPECT_TRUE(t.error.empty()) << t.error;
  EXPECT_EQ(t.rows.size(), 100'000u) << "the rows before are empty, and kept";

  // One value in the last column makes every row that wide: the cell limit refuses the padding.
  std::string wide = R"(<x:row r="1"><x:c r="XFD1"><x:v>1</x:v></x:c></x:row>)";
  for (int r = 2; r <= 200; ++r) wide += "<x:row r=\"" + std::to_string(r) + "\"><x:c><x:v>1</x:v></x:c></x:row>";
  t = read_table(hand_made(wide));
  EXPECT_EQ(t.error_code, "too_large") << t.error;
  t = read_table(hand_made(R"(<x:row r="1"><x:c r="XFE1"><x:v>1</x:v></x:c></x:row>)"));
  EXPECT_EQ(t.error_code, "malformed_xlsx") << "past Excel's last column";
}

}  // namespace
}  // namespace daifa::integrations
