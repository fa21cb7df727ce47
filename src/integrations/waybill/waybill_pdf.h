#pragma once
// Electronic waybills (电子面单): print-ready PDF labels, one 100 × 150 mm page a label, drawn with libharu
// (PDF) and zint (Code 128 of the tracking number, QR code of tracking number and order reference, both as
// vector rectangles). Chinese text uses a real CJK TrueType font, embedded in the file.
//
// The font must have TrueType outlines: libharu cannot load CFF-flavoured OpenType, which is what
// fonts-noto-cjk ships, so the default is WenQuanYi Zen Hei (fonts-wqy-zenhei). Not Micro Hei: libharu
// subsets its nested composite glyphs wrongly and most characters print blank.
//
// Pure rendering: no store, no HTTP. The caller validates its input first (a 422 is its business); what
// cannot be rendered anyway throws WaybillError.
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/common/money.h"

namespace daifa::integrations {

// 顺丰 SF, 圆通 YTO, 中通 ZTO, 韵达 Yunda; every other carrier gets the generic label.
enum class WaybillTemplate { sf, yto, zto, yunda, generic };

// Case-insensitive: "SF"/"shunfeng"/"顺丰", "YTO"/"yuantong"/"圆通", "ZTO"/"zhongtong"/"中通",
// "YUNDA"/"YD"/"韵达" (Kuaidi100's company codes included); anything else → generic.
WaybillTemplate waybill_template_for(std::string_view carrier_code);

struct WaybillLabel {
  std::string carrier_code;
  std::string tracking_number;  // printed as Code 128: printable ASCII only
  std::string order_reference;
  int parcel_index = 1;  // 1-based, printed as "index/count"
  int parcel_count = 1;
  // For blind-ship orders the caller passes the neutral sender, never the supplier's.
  std::string sender_name;
  std::string sender_phone;
  std::string sender_address;
  std::string receiver_name;
  std::string receiver_phone;
  std::string receiver_address;  // the full address, one string; wrapped to its box
  std::string item_summary;
  std::optional<Money> cod;  // set: a 到付/代收货款 (COD) section with the amount
  std::string printed_at;    // printed as given
};

struct WaybillFont {
  std::string path;  // a .ttf, or a .ttc with `index`
  int index = 0;
};

// WenQuanYi Zen Hei (fonts-wqy-zenhei), the CJK TrueType font libharu is known to embed correctly;
// nullopt when it is not installed.
std::optional<WaybillFont> default_waybill_font();

// code: font_missing (no usable font, or libharu refused the file), barcode_failed (zint refused the
// tracking number or QR content; the message names the label), invalid_label (no labels, parcel numbers out
// of range), pdf_failed (any other libharu error).
class WaybillError : public std::runtime_error {
 public:
  WaybillError(std::string code, const std::string& message) : std::runtime_error(message), code_(std::move(code)) {}
  const std::string& code() const { return code_; }

 private:
  std::string code_;
};

// The PDF bytes, one page a label, in order. Text too long for its box is set smaller, wrapped, and at
// the smallest size cut with "…". The QR code holds "<tracking number>|<order reference>".
// Throws WaybillError. Reentrant: documents share nothing, so callers may render on several threads.
std::string render_waybills(const std::vector<WaybillLabel>& labels);  // with default_waybill_font()
std::string render_waybills(const std::vector<WaybillLabel>& labels, const WaybillFont& font);

}  // namespace daifa::integrations
