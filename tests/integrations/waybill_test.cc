// Waybill PDFs: rendered with the real libharu, zint and CJK font, then read back and rasterised by
// poppler (through libvips) to check that the pages hold bars, a QR code and Chinese text where the
// layout puts them. The regions below are the layout's (waybill_pdf.cc, in mm from the top-left corner).
#include "integrations/waybill/waybill_pdf.h"

#include <gtest/gtest.h>
#include <vips/vips8>

#include <filesystem>
#include <functional>

namespace daifa::integrations {
namespace {

constexpr double kDpi = 150;

Money cny(std::int64_t fen) { return Money{fen, *Currency::parse("CNY")}; }

WaybillLabel label(std::string carrier, std::string tracking) {
  WaybillLabel l;
  l.carrier_code = std::move(carrier);
  l.tracking_number = std::move(tracking);
  l.order_reference = "DF-20261125-0042";
  l.parcel_index = 1;
  l.parcel_count = 2;
  l.sender_name = "发货中心";
  l.sender_phone = "400-820-8820";
  l.sender_address = "浙江省杭州市余杭区文一西路 969 号 3 号楼";
  l.receiver_name = "张伟明";
  l.receiver_phone = "138 0013 8000";
  l.receiver_address = "广东省深圳市南山区粤海街道科技园南区高新南七道 18 号 深圳湾科技生态园 10 栋 A 座 1203 室";
  l.item_summary = "蓝牙耳机 × 2，手机壳（黑色）× 1，Type-C 数据线 × 3";
  l.printed_at = "2026-11-25 10:42";
  return l;
}

std::vector<WaybillLabel> three_labels() {
  auto sf = label("SF", "SF1402386958217");
  sf.cod = cny(12850);
  auto zto = label("ZTO", "78312345678901");
  zto.receiver_name = "欧阳娜娜";
  auto other = label("JTSD", "JT5012345678901");  // 极兔: no template of its own
  other.receiver_name = "李雷";
  return {sf, zto, other};
}

void start_vips() {
  static const bool started = [] {
    if (VIPS_INIT("waybill_test")) throw std::runtime_error("libvips could not start");
    return true;
  }();
  (void)started;
}

int page_count(const std::string& pdf) {
  start_vips();
  auto img = vips::VImage::new_from_buffer(pdf.data(), pdf.size(), "", vips::VImage::option()->set("access", "sequential"));
  return img.get_int("n-pages");
}

// One page as 8-bit grey on white, at kDpi.
struct Raster {
  int width = 0, height = 0;
  std::vector<unsigned char> grey;

  int px(double mm) const { return static_cast<int>(mm / 25.4 * kDpi); }
  bool dark(int x, int y) const { return grey[static_cast<std::size_t>(y) * width + x] < 128; }

  // Share of dark pixels in a box given in mm from the top-left corner.
  double dark_fraction(double x_mm, double top_mm, double w_mm, double h_mm) const {
    long dark_count = 0, all = 0;
    for (int y = px(top_mm); y < px(top_mm + h_mm) && y < height; ++y)
      for (int x = px(x_mm); x < px(x_mm + w_mm) && x < width; ++x, ++all) dark_count += dark(x, y) ? 1 : 0;
    return all == 0 ? 0 : static_cast<double>(dark_count) / static_cast<double>(all);
  }

  // Dark/light changes along a horizontal line: bars make many, text a few, blank paper none.
  int transitions(double top_mm, double x_mm, double w_mm) const {
    int count = 0;
    const int y = px(top_mm);
    for (int x = px(x_mm) + 1; x < px(x_mm + w_mm) && x < width; ++x) count += dark(x, y) != dark(x - 1, y) ? 1 : 0;
    return count;
  }
};

Raster rasterise(const std::string& pdf, int page) {
  start_vips();
  VipsBlob* blob = vips_blob_new(nullptr, pdf.data(), pdf.size());
  vips::VImage img = vips::VImage::pdfload_buffer(blob, vips::VImage::option()->set("page", page)->set("dpi", kDpi));
  vips_area_unref(VIPS_AREA(blob));  // the image holds its own reference
  img = img.flatten(vips::VImage::option()->set("background", 255)).colourspace(VIPS_INTERPRETATION_B_W);
  if (img.bands() > 1) img = img.extract_band(0);
  img = img.cast(VIPS_FORMAT_UCHAR);
  Raster r;
  r.width = img.width();
  r.height = img.height();
  std::size_t size = 0;
  void* mem = img.write_to_memory(&size);
  r.grey.assign(static_cast<unsigned char*>(mem), static_cast<unsigned char*>(mem) + size);
  g_free(mem);
  return r;
}

TEST(WaybillTemplate, ChosenFromTheCarrierCode) {
  EXPECT_EQ(waybill_template_for("SF"), WaybillTemplate::sf);
  EXPECT_EQ(waybill_template_for("shunfeng"), WaybillTemplate::sf);
  EXPECT_EQ(waybill_template_for("顺丰"), WaybillTemplate::sf);
  EXPECT_EQ(waybill_template_for("yto"), WaybillTemplate::yto);
  EXPECT_EQ(waybill_template_for("圆通"), WaybillTemplate::yto);
  EXPECT_EQ(waybill_template_for("ZTO"), WaybillTemplate::zto);
  EXPECT_EQ(waybill_template_for("zhongtong"), WaybillTemplate::zto);
  EXPECT_EQ(waybill_template_for("Yunda"), WaybillTemplate::yunda);
  EXPECT_EQ(waybill_template_for("韵达"), WaybillTemplate::yunda);
  EXPECT_EQ(waybill_template_for("JTSD"), WaybillTemplate::generic);
  EXPECT_EQ(waybill_template_for(""), WaybillTemplate::generic);
}

TEST(WaybillPdf, OnePageALabelWithTheFontEmbedded) {
  const std::string pdf = render_waybills(three_labels());
  ASSERT_GE(pdf.size(), 5u);
  EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
  EXPECT_EQ(page_count(pdf), 3);
  // The CJK font travels with the file (a TrueType FontFile2), so a printer without it prints the same.
  EXPECT_NE(pdf.find("/FontFile2"), std::string::npos);
  EXPECT_NE(pdf.find("WenQuanYiZenHei"), std::string::npos);
  // Size of 100 × 150 mm: 283.46 × 425.2 pt.
  const Raster page = rasterise(pdf, 0);
  EXPECT_NEAR(page.width, 100 / 25.4 * kDpi, 2);
  EXPECT_NEAR(page.height, 150 / 25.4 * kDpi, 2);
}

TEST(WaybillPdf, PageShowsBarsQrCodeAndText) {
  const std::string pdf = render_waybills(three_labels());
  for (int p = 0; p < 3; ++p) {
    SCOPED_TRACE("page " + std::to_string(p + 1));
    const Raster page = rasterise(pdf, p);
    const double overall = page.dark_fraction(0, 0, 100, 150);
    EXPECT_GT(overall, 0.05);
    EXPECT_LT(overall, 0.6);
    // Code 128 (8–92 mm across, 16–34 mm down): about half dark, with a change every module or so.
    EXPECT_GT(page.dark_fraction(8, 16, 84, 18), 0.3);
    EXPECT_LT(page.dark_fraction(8, 16, 84, 18), 0.75);
    EXPECT_GT(page.transitions(25, 8, 84), 40);
    // The QR code (66–96 mm, 100–130 mm) on these templates.
    EXPECT_GT(page.dark_fraction(66, 100, 30, 30), 0.25);
    int qr_transitions = 0;  // summed over rows: a single QR row may happen to hold few modules
    for (double y = 104; y < 128; y += 3) qr_transitions += page.transitions(y, 66, 30);
    EXPECT_GT(qr_transitions, 60);
    // Receiver address, three lines of Chinese.
    EXPECT_GT(page.dark_fraction(14, 53, 83, 23), 0.05);
  }
}

TEST(WaybillPdf, ChineseReceiverNameIsDrawnInItsBox) {
  auto with_name = label("YTO", "YT7512345678901");
  auto without = with_name;
  without.receiver_name.clear();
  const Raster named = rasterise(render_waybills({with_name}), 0);
  const Raster blank = rasterise(render_waybills({without}), 0);
  // The name box: 14–66 mm across, 43.5–51.5 mm down.
  EXPECT_GT(named.dark_fraction(14, 43.5, 52, 8), 0.02);
  EXPECT_EQ(blank.dark_fraction(14, 43.5, 52, 8), 0);
}

TEST(WaybillPdf, CodSectionOnlyWhenSet) {
  auto cod = label("ZTO", "78312345678901");
  cod.cod = cny(9990);
  const auto no_cod = label("ZTO", "78312345678901");
  const Raster with = rasterise(render_waybills({cod}), 0);
  const Raster without = rasterise(render_waybills({no_cod}), 0);
  // ZTO prints the COD amount white on a black box (3–63 mm, 100–111 mm) and a 到付 badge in the header.
  EXPECT_GT(with.dark_fraction(3, 100, 60, 11), 0.5);
  EXPECT_LT(without.dark_fraction(3, 100, 60, 11), 0.2);
  // SF: the 到付 badge is white, framed, on the black header band (50–74 mm, 3–12 mm).
  auto sf_cod = label("SF", "SF1402386958217");
  sf_cod.cod = cny(9990);
  const Raster sf_with = rasterise(render_waybills({sf_cod}), 0);
  const Raster sf_without = rasterise(render_waybills({label("SF", "SF1402386958217")}), 0);
  EXPECT_GT(sf_without.dark_fraction(50, 3, 24, 9), 0.95);
  EXPECT_LT(sf_with.dark_fraction(50, 3, 24, 9), 0.6);
  EXPECT_GT(sf_with.dark_fraction(50, 3, 24, 9), 0.05);  // its text and frame
}

TEST(WaybillPdf, LongTextStaysInItsBox) {
  auto l = label("YUNDA", "4312345678901");
  l.receiver_address.clear();
  for (int i = 0; i < 30; ++i) l.receiver_address += "新疆维吾尔自治区乌鲁木齐市天山区 ";
  l.sender_name.clear();
  l.sender_phone.clear();
  l.sender_address.clear();
  for (int i = 0; i < 40; ++i) l.item_summary += "超长商品名称";
  const Raster page = rasterise(render_waybills({l}), 0);
  EXPECT_GT(page.dark_fraction(14, 53, 83, 23), 0.05);
  // The sender's text area stays empty: nothing of the receiver's address spilled into it.
  EXPECT_EQ(page.dark_fraction(14, 79, 83, 18), 0);
  // Yunda: the QR code on the left (3–33 mm).
  EXPECT_GT(page.dark_fraction(3, 100, 30, 30), 0.25);
}

TEST(WaybillPdf, BatchOf300Labels) {
  std::vector<WaybillLabel> labels;
  const char* carriers[] = {"SF", "YTO", "ZTO", "YUNDA", "EMS"};
  for (int i = 0; i < 300; ++i) {
    auto l = label(carriers[i % 5], "SF" + std::to_string(1400000000000LL + i));
    l.parcel_index = i % 3 + 1;
    l.parcel_count = 3;
    if (i % 7 == 0) l.cod = cny(1000 + i);
    labels.push_back(std::move(l));
  }
  const std::string pdf = render_waybills(labels);
  EXPECT_EQ(page_count(pdf), 300);
  // The font is embedded once, not per page: 300 labels stay well under 300 × a single label.
  const std::string one = render_waybills({labels[0]});
  EXPECT_LT(pdf.size(), one.size() * 30);
  const Raster last = rasterise(pdf, 299);
  EXPECT_GT(last.transitions(25, 8, 84), 40);
}

TEST(WaybillPdf, RefusalsAreWaybillErrors) {
  auto expect_code = [](const std::function<void()>& f, const std::string& code) {
    try {
      f();
      ADD_FAILURE() << "no WaybillError, expected " << code;
    } catch (const WaybillError& e) {
      EXPECT_EQ(e.code(), code) << e.what();
    }
  };
  expect_code([] { render_waybills({}); }, "invalid_label");
  auto bad_parcel = label("SF", "SF1");
  bad_parcel.parcel_index = 3;
  expect_code([&] { render_waybills({bad_parcel}); }, "invalid_label");
  // Code 128 cannot hold Chinese; the message names the label.
  auto chinese_tracking = label("SF", "SF顺丰123");
  try {
    render_waybills({label("SF", "SF1"), chinese_tracking});
    ADD_FAILURE() << "rendered a Chinese tracking number";
  } catch (const WaybillError& e) {
    EXPECT_EQ(e.code(), "barcode_failed");
    EXPECT_NE(std::string(e.what()).find("label 2"), std::string::npos) << e.what();
  }
  expect_code([] { render_waybills({label("SF", "")}); }, "barcode_failed");
  expect_code([] { render_waybills({label("SF", "SF1")}, WaybillFont{"/nonexistent/font.ttc", 0}); }, "font_missing");
  // fonts-noto-cjk is CFF-flavoured OpenType, which libharu cannot embed: refused clearly, not a broken PDF.
  const std::string noto = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
  if (std::filesystem::exists(noto))
    expect_code([&] { render_waybills({label("SF", "SF1")}, WaybillFont{noto, 2}); }, "font_missing");
}

}  // namespace
}  // namespace daifa::integrations
