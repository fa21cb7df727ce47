// read_order_rows: a spreadsheet of order lines (CSV or XLSX) as orders, one refusal per row at fault,
// with row numbers as the spreadsheet shows them.
#include "integrations/channels/order_rows.h"

#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "integrations/spreadsheet/table_reader.h"

namespace daifa::integrations {
namespace {

using Rows = std::vector<std::vector<std::string>>;

Rows csv(const std::string& text) {
  Table t = read_table(text);
  EXPECT_TRUE(t.error.empty()) << t.error;
  return t.rows;
}

std::string dump(const OrderRows& r) {
  std::string out;
  for (const auto& e : r.file_errors) out += "file: " + e.field + " " + e.code + " (" + e.message + ")\n";
  for (const auto& f : r.refusals) {
    out += "row " + std::to_string(f.row) + ": " + f.field + " " + f.code + " (" + f.message + ")\n";
  }
  return out;
}

// Columns in an unusual order, as a shop's own export might have them.
const std::string kFile =
    "external_id,customer_name,phone,province,city,district,address,sku,quantity,unit_price,payment_method,note\r\n"
    "TB1001,王小明,13800138000,广东,深圳市,南山区,科技园南区1号,TS-RED-M,2,59.90,,\r\n"      // 2: order 1, line 1
    "TB1001,,,,,,,HOODIE-GRY-L,1,129,,\r\n"                                                // 3: order 1, line 2
    ",,,,,,,,,,,\r\n"                                                                      // 4: blank, skipped
    "TB1002,李芳,13912345678,浙江,杭州市,西湖区,文三路1号,MUG-WHT,3,25.5,cod,下午送\r\n"  // 5: order 2 (COD)
    "TB1003,张伟,13700000000,北京,北京市,朝阳区,建国路1号,TS-RED-M,1,59.999,,\r\n"       // 6: bad price
    "TB1003,,,,,,,MUG-WHT,1,25,,\r\n"                                                      // 7: refused with row 6
    "TB1004,赵敏,13600000000,广东,广州市,天河区,天河路1号,TS-RED-M,1,59.90,,\r\n"         // 8: refused with row 9
    "TB1004,,,江苏,,,,MUG-WHT,1,25,,\r\n"                                                  // 9: conflicting province
    ",钱七,13500000000,广东,广州市,天河区,天河路2号,TS-RED-M,1,59.90,,\r\n"               // 10: no external_id
    "TB1005,孙八,13400000000,广东,广州市,天河区,天河路3号,TS-RED-M,two,59.90,card,\r\n"   // 11: two errors
    "TB1006,周九,13300000000,广东,广州市,天河区,天河路4号,TS-RED-M,0,59.90,,\r\n"         // 12: quantity 0
    "TB1007,吴十,13200000000,广东,广州市,天河区,天河路5号,,1,59.90,,\r\n"                 // 13: no sku
    "TB1008,郑一,13100000000,广东,广州市,天河区,天河路6号,TS-RED-M,1,59.90,,,extra\r\n"   // 14: one field too many
    "TB1001,王小明,13800138000,广东,,,,TEA-LJ-250G,1,199.00,prepaid,\r\n";                // 15: order 1, line 3

TEST(OrderRows, RowsGroupIntoOrdersAndEachFaultRefusesOnlyItsOrder) {
  OrderRows r = read_order_rows(csv(kFile), 77);
  ASSERT_TRUE(r.file_errors.empty()) << dump(r);
  const Currency cny = *Currency::parse("CNY");

  ASSERT_EQ(r.orders.size(), 2u) << dump(r);
  const RowOrder& first = r.orders[0];
  EXPECT_EQ(first.first_row, 2u);
  EXPECT_EQ(first.rows, (std::vector<std::size_t>{2, 3, 15}));
  const OrderDraft& d = first.draft;
  EXPECT_EQ(d.channel_id, 77);
  EXPECT_EQ(d.external_id, "TB1001");
  EXPECT_EQ(d.customer.name, "王小明");
  EXPECT_EQ(d.customer.phone, "13800138000");
  EXPECT_EQ(d.shipping_address.name, "王小明");
  EXPECT_EQ(d.shipping_address.phone, "13800138000");
  EXPECT_EQ(d.shipping_address.country, "CN");
  EXPECT_EQ(d.shipping_address.province, "广东");
  EXPECT_EQ(d.shipping_address.city, "深圳市");
  EXPECT_EQ(d.shipping_address.district, "南山区");
  EXPECT_EQ(d.shipping_address.line1, "科技园南区1号");
  ASSERT_EQ(d.lines.size(), 3u);
  EXPECT_EQ(d.lines[0].sku, "TS-RED-M");
  EXPECT_EQ(d.lines[0].quantity, 2);
  EXPECT_EQ(d.lines[0].unit_price, (Money{5990, cny}));
  EXPECT_EQ(d.lines[1].unit_price, (Money{12900, cny}));
  EXPECT_EQ(d.lines[2].sku, "TEA-LJ-250G");
  EXPECT_EQ(d.lines[2].unit_price, (Money{19900, cny}));
  EXPECT_FALSE(d.shipping_fee);
  EXPECT_EQ(d.payment_method, PaymentMethod::prepaid);
  EXPECT_FALSE(d.paid) << "prepaid by default: paid is the total";

  const RowOrder& second = r.orders[1];
  EXPECT_EQ(second.first_row, 5u);
  EXPECT_EQ(second.draft.external_id, "TB1002");
  EXPECT_EQ(second.draft.payment_method, PaymentMethod::cod);
  EXPECT_EQ(second.draft.lines[0].unit_price, (Money{2550, cny}));
  EXPECT_EQ(second.draft.note, "下午送");

  std::vector<RowRefusal> want{
      {6, "unit_price", "must_be_decimal", ""},
      {7, "row", "order_refused", ""},
      {8, "row", "order_refused", ""},
      {9, "province", "conflicting_value", ""},
      {10, "external_id", "required", ""},
      {11, "payment_method", "unknown_payment_method", ""},
      {11, "quantity", "must_be_integer", ""},
      {12, "quantity", "out_of_range", ""},
      {13, "sku", "required", ""},
      {14, "row", "wrong_column_count", ""},
  };
  ASSERT_EQ(r.refusals.size(), want.size()) << dump(r);
  for (std::size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(dump(r));
    EXPECT_EQ(r.refusals[i].row, want[i].row) << i;
    EXPECT_EQ(r.refusals[i].field, want[i].field) << i;
    EXPECT_EQ(r.refusals[i].code, want[i].code) << i;
    EXPECT_FALSE(r.refusals[i].message.empty());
  }
  EXPECT_NE(r.refusals[1].message.find("row 6"), std::string::npos) << r.refusals[1].message;
  EXPECT_NE(r.refusals[3].message.find("广东"), std::string::npos) << r.refusals[3].message;
  EXPECT_NE(r.refusals[3].message.find("row 8"), std::string::npos) << r.refusals[3].message;
}

TEST(OrderRows, DefaultsCurrenciesAndShippingFees) {
  OrderRows r = read_order_rows(
      csv("sku,quantity,unit_price,external_id,currency,shipping_fee,country,payment_method,email\n"
          "TS-RED-M,1,21.99,W-1,usd,5.00,us,card,\n"      // lower case codes are fine; card is not a method
          "TS-RED-M,1,21.99,W-2,USD,4.5,US,,bob@example.com\n"
          "TS-RED-M,2,21.99,W-2,USD,,us,prepaid,\n"       // same values, other spellings: no conflict
          "TS-RED-M,1,1000,W-3,JPY,,JP,COD,\n"
          "TS-RED-M,1,1000.5,W-4,JPY,,JP,,\n"             // yen have no decimals
          "TS-RED-M,1,10,W-5,RMB,,,,\n"
          "TS-RED-M,1,10,W-6,CNY,-1,,,\n"
          "TS-RED-M,1,10,W-7,CNY,abc,,,\n"
          "TS-RED-M,1,10,W-8,,,,,not-an-email\n"
          "TS-RED-M,1,10,W-2,EUR,,,,\n"),                 // W-2 again, in another currency
      5);
  ASSERT_TRUE(r.file_errors.empty()) << dump(r);
  ASSERT_EQ(r.orders.size(), 1u) << dump(r);
  EXPECT_EQ(r.orders[0].draft.external_id, "W-3");
  EXPECT_EQ(r.orders[0].draft.lines[0].unit_price, (Money{1000, *Currency::parse("JPY")}));
  EXPECT_EQ(r.orders[0].draft.payment_method, PaymentMethod::cod);
  EXPECT_EQ(r.orders[0].draft.shipping_address.country, "JP");
  auto refusal_of = [&](std::size_t row) -> std::string {
    std::string out;
    for (const auto& f : r.refusals) {
      if (f.row == row) out += (out.empty() ? "" : ";") + f.field + ":" + f.code;
    }
    return out;
  };
  EXPECT_EQ(refusal_of(2), "payment_method:unknown_payment_method");
  EXPECT_EQ(refusal_of(3), "row:order_refused");
  EXPECT_EQ(refusal_of(4), "row:order_refused");
  EXPECT_EQ(refusal_of(6), "unit_price:must_be_decimal");
  EXPECT_EQ(refusal_of(7), "currency:unknown_currency");
  EXPECT_EQ(refusal_of(8), "shipping_fee:must_not_be_negative");
  EXPECT_EQ(refusal_of(9), "shipping_fee:must_be_decimal");
  EXPECT_EQ(refusal_of(10), "email:invalid_email");
  EXPECT_EQ(refusal_of(11), "currency:conflicting_value");
}

TEST(OrderRows, AValidOrderKeepsItsDecimalsExactly) {
  OrderRows r = read_order_rows(csv("external_id,sku,quantity,unit_price,shipping_fee,currency\n"
                                    "A,TS-RED-M,3,0.29,0.10,USD\nA,MUG-WHT,7,4.35,,USD\n"),
                                1);
  ASSERT_EQ(r.orders.size(), 1u) << dump(r);
  const OrderDraft& d = r.orders[0].draft;
  EXPECT_EQ(d.shipping_fee, (Money{10, *Currency::parse("USD")}));
  EXPECT_EQ(order_total(d).amount_minor, 3 * 29 + 7 * 435 + 10);
}

TEST(OrderRows, TheHeaderMustNameKnownColumnsOnce) {
  OrderRows r = read_order_rows(csv("external_id,sku,qty,unit_price,sku\nA,B,1,2,B\n"), 1);
  EXPECT_TRUE(r.orders.empty());
  EXPECT_TRUE(r.refusals.empty());
  ASSERT_EQ(r.file_errors.size(), 3u) << dump(r);
  EXPECT_EQ(r.file_errors[0].field, "header[2]");
  EXPECT_EQ(r.file_errors[0].code, "unknown_column");
  EXPECT_NE(r.file_errors[0].message.find("\"qty\""), std::string::npos);
  EXPECT_EQ(r.file_errors[1].field, "header[4]");
  EXPECT_EQ(r.file_errors[1].code, "duplicate_column");
  EXPECT_EQ(r.file_errors[2].code, "missing_column");
  EXPECT_NE(r.file_errors[2].message.find("quantity"), std::string::npos);

  r = read_order_rows({}, 1);
  ASSERT_EQ(r.file_errors.size(), 1u);
  EXPECT_EQ(r.file_errors[0].code, "missing_header");
  r = read_order_rows({{}, {"A", "B"}}, 1);
  EXPECT_EQ(r.file_errors.at(0).code, "missing_header");

  Rows many{{"external_id", "sku", "quantity", "unit_price"}};
  many.resize(kMaxOrderImportRows + 2, {"A", "B", "1", "2"});
  r = read_order_rows(many, 1);
  EXPECT_EQ(r.file_errors.at(0).code, "too_many_rows");

  r = read_order_rows(csv(" external_id , sku ,quantity,unit_price\nA, B ,1,2\n"), 1);
  ASSERT_EQ(r.orders.size(), 1u) << dump(r);
  EXPECT_EQ(r.orders[0].draft.lines[0].sku, "B") << "names and cells are trimmed";
}

TEST(OrderRows, AnXlsxFileWithNumberCellsImportsLikeItsCsv) {
  const auto path = std::filesystem::path(::testing::TempDir()) / "order-rows.xlsx";
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
  const char* header[] = {"external_id", "customer_name", "phone", "province", "city", "district", "address",
                          "sku", "quantity", "unit_price", "shipping_fee"};
  for (lxw_col_t c = 0; c < 11; ++c) worksheet_write_string(ws, 0, c, header[c], nullptr);
  worksheet_write_number(ws, 1, 0, 20250320001, nullptr);  // order numbers typed as numbers
  worksheet_write_string(ws, 1, 1, "王小明", nullptr);
  worksheet_write_number(ws, 1, 2, 13800138000, nullptr);
  worksheet_write_string(ws, 1, 3, "广东", nullptr);
  worksheet_write_string(ws, 1, 4, "深圳市", nullptr);
  worksheet_write_string(ws, 1, 5, "南山区", nullptr);
  worksheet_write_string(ws, 1, 6, "科技园南区1号", nullptr);
  worksheet_write_string(ws, 1, 7, "TS-RED-M", nullptr);
  worksheet_write_number(ws, 1, 8, 2, nullptr);
  worksheet_write_number(ws, 1, 9, 59.9, nullptr);
  worksheet_write_number(ws, 1, 10, 0.1 + 0.2, nullptr);  // 0.30000000000000004 in the file: shown 0.3
  worksheet_write_number(ws, 3, 0, 20250320001, nullptr);  // row 4 (row 3 empty): a second line
  worksheet_write_string(ws, 3, 7, "MUG-WHT", nullptr);
  worksheet_write_number(ws, 3, 8, 1, nullptr);
  worksheet_write_number(ws, 3, 9, 25, nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::filesystem::remove(path);

  Table t = read_table(bytes.str());
  ASSERT_TRUE(t.error.empty()) << t.error;
  OrderRows r = read_order_rows(t.rows, 2);
  ASSERT_EQ(r.orders.size(), 1u) << dump(r);
  EXPECT_TRUE(r.refusals.empty()) << dump(r);
  const OrderDraft& d = r.orders[0].draft;
  const Currency cny = *Currency::parse("CNY");
  EXPECT_EQ(d.external_id, "20250320001");
  EXPECT_EQ(d.customer.phone, "13800138000");
  ASSERT_EQ(d.lines.size(), 2u);
  EXPECT_EQ(d.lines[0].quantity, 2);
  EXPECT_EQ(d.lines[0].unit_price, (Money{5990, cny}));
  EXPECT_EQ(d.lines[1].unit_price, (Money{2500, cny}));
  EXPECT_EQ(d.shipping_fee, (Money{30, cny}));
  EXPECT_EQ(r.orders[0].rows, (std::vector<std::size_t>{2, 4}));
}

}  // namespace
}  // namespace daifa::integrations
