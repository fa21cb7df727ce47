#include "integrations/waybill/waybill_pdf.h"

#include <hpdf.h>
#include <zint.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <memory>
#include <unordered_map>

namespace daifa::integrations {
namespace {

// Layout is in millimetres from the label's top-left corner, as a person measures a label; converted to
// PDF points (origin bottom-left) only when drawn.
constexpr float kPointsPerMm = 72.0f / 25.4f;
constexpr float kPageWidthMm = 100.0f;
constexpr float kPageHeightMm = 150.0f;

struct Box {
  float x, top, w, h;  // mm
};

struct Rgb {
  float r, g, b;
};
constexpr Rgb kBlack{0, 0, 0};
constexpr Rgb kWhite{1, 1, 1};

struct TemplateStyle {
  const char* name_zh;
  const char* name_en;
  Rgb band;  // the header band's fill
  Rgb band_text;
  float frame_width;  // pt; SF labels have a heavier frame
  bool qr_left;       // Yunda puts the QR code on the left of the goods box
  bool cod_inverted;  // COD amount white on black (SF, ZTO) or black in a frame
};

const TemplateStyle& style_of(WaybillTemplate t) {
  static const std::array<TemplateStyle, 5> kStyles{{
      {"顺丰速运", "SF EXPRESS", {0, 0, 0}, kWhite, 1.6f, false, true},
      {"圆通速递", "YTO EXPRESS", {0.36f, 0.18f, 0.55f}, kWhite, 0.8f, false, false},
      {"中通快递", "ZTO EXPRESS", {0.0f, 0.33f, 0.65f}, kWhite, 0.8f, false, true},
      {"韵达快递", "YUNDA EXPRESS", {1.0f, 0.82f, 0.0f}, kBlack, 0.8f, true, false},
      {"快递", "EXPRESS", {1, 1, 1}, kBlack, 0.8f, false, false},
  }};
  return kStyles[static_cast<std::size_t>(t)];
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Decodes UTF-8 leniently (a bad byte becomes U+FFFD): labels must print whatever the order carried.
std::vector<char32_t> code_points(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    bool ok = true;
    for (int k = 1; k < len; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if ((c >> 6) != 2) ok = false;
      cp = (cp << 6) | (c & 0x3F);
    }
    out.push_back(ok ? cp : 0xFFFD);
    i += ok ? len : 1;
  }
  return out;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_space(char32_t c) { return c == U' ' || c == U'\t' || c == 0x3000; }

// libharu reports errors through a callback; throwing from it would unwind through C frames, so the first
// error is recorded and checked after each step instead.
struct HpdfErrors {
  HPDF_STATUS first = HPDF_OK;
  HPDF_STATUS detail = 0;
};

void on_hpdf_error(HPDF_STATUS error, HPDF_STATUS detail, void* user) {
  auto* errors = static_cast<HpdfErrors*>(user);
  if (errors->first == HPDF_OK) {
    errors->first = error;
    errors->detail = detail;
  }
}

std::string hex(HPDF_STATUS s) {
  static const char* kDigits = "0123456789ABCDEF";
  std::string out = "0x0000";
  for (int i = 0; i < 4; ++i) out[5 - i] = kDigits[(s >> (4 * i)) & 0xF];
  return out;
}

struct ZintDeleter {
  void operator()(zint_symbol* s) const { ZBarcode_Delete(s); }
};
using Symbol = std::unique_ptr<zint_symbol, ZintDeleter>;

enum class Align { left, center, right };

class Renderer {
 public:
  explicit Renderer(const WaybillFont& font) {
    if (!std::filesystem::exists(font.path))
      throw WaybillError("font_missing", "waybill font not found: " + font.path);
    pdf_ = HPDF_New(on_hpdf_error, &errors_);
    if (pdf_ == nullptr) throw WaybillError("pdf_failed", "libharu could not create a document");
    try {
      load_font(font);
    } catch (...) {
      HPDF_Free(pdf_);  // the destructor does not run for a constructor that throws
      throw;
    }
  }
  ~Renderer() { HPDF_Free(pdf_); }
  Renderer(const Renderer&) = delete;
  Renderer& operator=(const Renderer&) = delete;

  void add_label(const WaybillLabel& label, std::size_t number);

  std::string save() {
    HPDF_SaveToStream(pdf_);
    check("writing the PDF");
    std::string out(HPDF_GetStreamSize(pdf_), '\0');
    HPDF_UINT32 size = static_cast<HPDF_UINT32>(out.size());
    HPDF_ReadFromStream(pdf_, reinterpret_cast<HPDF_BYTE*>(out.data()), &size);
    out.resize(size);
    return out;
  }

 private:
  void load_font(const WaybillFont& font) {
    // Page content streams are many small vector and text operators: deflate shrinks them ~5×, and the
    // embedded font (the biggest part of a small batch) with them.
    HPDF_SetCompressionMode(pdf_, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(pdf_);
    // A collection (.ttc) needs its index; a single .ttf is refused by the collection loader.
    const bool collection = font.path.size() > 4 && lower_ascii(font.path.substr(font.path.size() - 4)) == ".ttc";
    const char* name =
        collection ? HPDF_LoadTTFontFromFile2(pdf_, font.path.c_str(), static_cast<HPDF_UINT>(font.index), HPDF_TRUE)
                   : HPDF_LoadTTFontFromFile(pdf_, font.path.c_str(), HPDF_TRUE);
    if (name == nullptr)
      throw WaybillError("font_missing", "libharu could not load the waybill font " + font.path + " (index " +
                                             std::to_string(font.index) + "): error " + hex(errors_.first) +
                                             "; it must have TrueType outlines");
    font_ = HPDF_GetFont(pdf_, name, "UTF-8");
    check("loading the font");
    ascent_ = static_cast<float>(HPDF_Font_GetAscent(font_)) / 1000.0f;
  }

  void check(const std::string& what) {
    if (errors_.first != HPDF_OK)
      throw WaybillError("pdf_failed", "libharu failed " + what + ": error " + hex(errors_.first) + " detail " +
                                           std::to_string(errors_.detail));
  }

  static float pt(float mm) { return mm * kPointsPerMm; }
  static float y_of(float top_mm) { return pt(kPageHeightMm - top_mm); }

  void fill_colour(Rgb c) { HPDF_Page_SetRGBFill(page_, c.r, c.g, c.b); }

  void rect(Box b, bool fill, float line_width = 0.6f) {
    if (!fill) HPDF_Page_SetLineWidth(page_, line_width);  // not allowed once a path is open
    HPDF_Page_Rectangle(page_, pt(b.x), y_of(b.top + b.h), pt(b.w), pt(b.h));
    if (fill) HPDF_Page_Fill(page_);
    else HPDF_Page_Stroke(page_);
  }

  void hline(float top, float x0 = 1.5f, float x1 = kPageWidthMm - 1.5f, float width = 0.6f) {
    HPDF_Page_SetLineWidth(page_, width);
    HPDF_Page_MoveTo(page_, pt(x0), y_of(top));
    HPDF_Page_LineTo(page_, pt(x1), y_of(top));
    HPDF_Page_Stroke(page_);
  }

  // Width in em (1/1000 font units), per code point, cached: CJK text is mostly the same few hundred
  // characters across a batch.
  float em_width(char32_t cp) {
    if (cp < 128 && ascii_widths_[cp] >= 0) return ascii_widths_[cp];
    if (auto it = widths_.find(cp); it != widths_.end()) return it->second;
    std::string bytes;
    append_utf8(bytes, cp);
    const HPDF_TextWidth tw =
        HPDF_Font_TextWidth(font_, reinterpret_cast<const HPDF_BYTE*>(bytes.data()), static_cast<HPDF_UINT>(bytes.size()));
    const float w = static_cast<float>(tw.width) / 1000.0f;
    if (cp < 128) ascii_widths_[cp] = w;
    else widths_.emplace(cp, w);
    return w;
  }

  float width_of(const std::vector<char32_t>& text, std::size_t from, std::size_t to, float size) {
    float w = 0;
    for (std::size_t i = from; i < to; ++i) w += em_width(text[i]);
    return w * size;
  }

  // Greedy line breaking: CJK may break anywhere; a run of Latin letters/digits breaks at the last space
  // when it can, so that a house number or a phone number stays whole.
  std::vector<std::vector<char32_t>> wrap(const std::vector<char32_t>& text, float width_pt, float size) {
    std::vector<std::vector<char32_t>> lines;
    std::vector<char32_t> line;
    float used = 0;
    std::size_t last_space = std::string::npos;  // index in `line` after which a break is nicest
    for (char32_t c : text) {
      if (c == U'\n' || c == U'\r') {
        lines.push_back(std::move(line));
        line.clear();
        used = 0;
        last_space = std::string::npos;
        continue;
      }
      const float w = em_width(c) * size;
      if (used + w > width_pt && !line.empty()) {
        std::vector<char32_t> rest;
        const bool latin = c < 0x2E80 && !is_space(c);
        if (latin && last_space != std::string::npos && last_space + 1 < line.size()) {
          rest.assign(line.begin() + static_cast<std::ptrdiff_t>(last_space) + 1, line.end());
          line.resize(last_space);
        }
        lines.push_back(std::move(line));
        line = std::move(rest);
        used = line.empty() ? 0 : width_of(line, 0, line.size(), size);
        last_space = std::string::npos;
        if (line.empty() && is_space(c)) continue;  // no line starts with a space
      }
      if (is_space(c)) last_space = line.size();
      line.push_back(c);
      used += w;
    }
    if (!line.empty() || lines.empty()) lines.push_back(std::move(line));
    return lines;
  }

  // Sets `text` in `box`: the largest size from max_size down to min_size at which it fits, wrapped to at
  // most `max_lines`; at min_size, the last line is cut with "…".
  void text_in(Box box, std::string_view text, float max_size, float min_size, int max_lines, Align align = Align::left,
               Rgb colour = kBlack, bool bold = false) {
    if (text.empty()) return;
    const auto cps = code_points(text);
    const float width_pt = pt(box.w);
    const float height_pt = pt(box.h);
    float size = max_size;
    std::vector<std::vector<char32_t>> lines;
    for (;; size = std::max(min_size, size - 0.5f)) {
      const int fit = std::min(max_lines, std::max(1, static_cast<int>(height_pt / (size * 1.18f))));
      lines = wrap(cps, width_pt, size);
      if (static_cast<int>(lines.size()) <= fit) break;
      if (size <= min_size) {
        lines.resize(static_cast<std::size_t>(fit));
        auto& last = lines.back();
        const float ellipsis = em_width(U'…') * size;
        while (!last.empty() && width_of(last, 0, last.size(), size) + ellipsis > width_pt) last.pop_back();
        last.push_back(U'…');
        break;
      }
    }
    fill_colour(colour);
    if (bold) {
      // No bold face in the font: fill and stroke the outlines, as label printers' drivers do.
      HPDF_Page_SetTextRenderingMode(page_, HPDF_FILL_THEN_STROKE);
      HPDF_Page_SetRGBStroke(page_, colour.r, colour.g, colour.b);
      HPDF_Page_SetLineWidth(page_, size * 0.04f);
    }
    HPDF_Page_BeginText(page_);
    HPDF_Page_SetFontAndSize(page_, font_, size);
    const float line_height = size * 1.18f;
    float baseline = y_of(box.top) - ascent_ * size;
    // Vertically centred when it is a single line in a box meant for one.
    if (lines.size() == 1 && max_lines == 1) baseline = y_of(box.top) - (height_pt - size) / 2 - ascent_ * size * 0.9f;
    std::string utf8;
    for (const auto& line : lines) {
      float x = pt(box.x);
      if (align != Align::left) {
        const float w = width_of(line, 0, line.size(), size);
        x += align == Align::center ? (width_pt - w) / 2 : width_pt - w;
      }
      utf8.clear();
      for (char32_t c : line) append_utf8(utf8, c);
      HPDF_Page_TextOut(page_, x, baseline, utf8.c_str());
      baseline -= line_height;
    }
    HPDF_Page_EndText(page_);
    if (bold) {
      HPDF_Page_SetTextRenderingMode(page_, HPDF_FILL);
      HPDF_Page_SetRGBStroke(page_, 0, 0, 0);  // rules and frames are always black
    }
  }

  // zint's vector output: rectangles in zint's own units, scaled here to the box. 1D bars are stretched
  // to the box height; the QR code keeps its square modules.
  void symbol(Box box, int symbology, std::string_view data, std::size_t number, bool keep_aspect) {
    Symbol sym(ZBarcode_Create());
    if (!sym) throw WaybillError("barcode_failed", "zint could not allocate a symbol");
    sym->symbology = symbology;
    sym->show_hrt = 0;
    sym->input_mode = UNICODE_MODE;
    if (symbology == BARCODE_QRCODE) {
      sym->option_1 = 2;  // error correction M: survives a crease
      // A fixed mask ((N + 1) << 8): zint otherwise scores all eight, the costliest part of each label.
      // Any mask reads the same; the chosen one only avoids the odd hard-to-scan pattern.
      sym->option_3 = (4 + 1) << 8;
    }
    const int rc = ZBarcode_Encode_and_Buffer_Vector(sym.get(), reinterpret_cast<const unsigned char*>(data.data()),
                                                     static_cast<int>(data.size()), 0);
    if (rc >= ZINT_ERROR || sym->vector == nullptr)
      throw WaybillError("barcode_failed", "label " + std::to_string(number) + ": zint refused " +
                                               (symbology == BARCODE_QRCODE ? "the QR code" : "the tracking number") +
                                               " \"" + std::string(data) + "\": " + sym->errtxt);
    const zint_vector* v = sym->vector;
    float sx = pt(box.w) / v->width;
    float sy = pt(box.h) / v->height;
    float ox = pt(box.x);
    float oy = y_of(box.top);
    if (keep_aspect) {
      const float s = std::min(sx, sy);
      ox += (pt(box.w) - v->width * s) / 2;
      oy -= (pt(box.h) - v->height * s) / 2;
      sx = sy = s;
    }
    fill_colour(kBlack);
    for (const zint_vector_rect* r = v->rectangles; r != nullptr; r = r->next) {
      if (r->colour > 0 && r->colour != 7) continue;  // only foreground modules; white is the paper
      HPDF_Page_Rectangle(page_, ox + r->x * sx, oy - (r->y + r->height) * sy, r->width * sx, r->height * sy);
    }
    HPDF_Page_Fill(page_);  // one fill for every bar: a much smaller content stream than one per bar
  }

  void section_tag(Box box, const char* tag) {
    text_in(box, tag, 16, 12, 1, Align::center, kBlack, true);
  }

  HpdfErrors errors_;
  HPDF_Doc pdf_ = nullptr;
  HPDF_Font font_ = nullptr;
  HPDF_Page page_ = nullptr;
  float ascent_ = 0.88f;
  std::array<float, 128> ascii_widths_ = [] {
    std::array<float, 128> a{};
    a.fill(-1);
    return a;
  }();
  std::unordered_map<char32_t, float> widths_;
};

std::string money_text(const Money& m) {
  const std::string amount = format_decimal_minor(m.amount_minor, m.currency.minor_digits());
  if (m.currency.code() == "CNY") return "¥" + amount;
  return std::string(m.currency.code()) + " " + amount;
}

// Layout, top to bottom (mm): header band 1.5–14, Code 128 16–34 with the tracking number under it to 41,
// receiver 42–77, sender 77–98, goods/COD and QR 98–132, order reference and signature 132–148.5.
void Renderer::add_label(const WaybillLabel& l, std::size_t number) {
  const WaybillTemplate tpl = waybill_template_for(l.carrier_code);
  const TemplateStyle& st = style_of(tpl);
  page_ = HPDF_AddPage(pdf_);
  HPDF_Page_SetWidth(page_, pt(kPageWidthMm));
  HPDF_Page_SetHeight(page_, pt(kPageHeightMm));
  HPDF_Page_SetRGBStroke(page_, 0, 0, 0);

  const float left = 1.5f;
  const float right = kPageWidthMm - 1.5f;
  const float inner_w = right - left;

  // Frame and header band.
  rect({left, 1.5f, inner_w, kPageHeightMm - 3.0f}, false, st.frame_width);
  fill_colour(st.band);
  rect({left, 1.5f, inner_w, 12.5f}, true);
  if (tpl == WaybillTemplate::generic) {
    hline(14.0f);
    text_in({3, 2.5f, 40, 10}, l.carrier_code.empty() ? std::string_view("快递") : std::string_view(l.carrier_code), 15,
            8, 1, Align::left, st.band_text, true);
  } else {
    text_in({3, 2.5f, 30, 7}, st.name_zh, 15, 10, 1, Align::left, st.band_text, true);
    text_in({3, 9.5f, 30, 4}, st.name_en, 7, 5, 1, Align::left, st.band_text);
  }
  // Parcel count, in a white box so it reads on every band colour.
  fill_colour(kWhite);
  rect({76, 3, 21, 9}, true);
  rect({76, 3, 21, 9}, false, 0.8f);
  text_in({76.5f, 3.2f, 20, 3.5f}, "件数 PCS", 6, 5, 1, Align::center);
  text_in({76.5f, 6.6f, 20, 5.2f}, std::to_string(l.parcel_index) + "/" + std::to_string(l.parcel_count), 12, 7, 1,
          Align::center, kBlack, true);
  if (l.cod) {
    // The 到付 badge in the header: the courier sees it before anything else.
    fill_colour(st.cod_inverted && tpl != WaybillTemplate::sf ? kBlack : kWhite);
    const bool dark = st.cod_inverted && tpl != WaybillTemplate::sf;
    rect({50, 3, 24, 9}, true);
    if (!dark) rect({50, 3, 24, 9}, false, 0.8f);
    text_in({50.5f, 3.5f, 23, 8}, "到付 COD", 12, 7, 1, Align::center, dark ? kWhite : kBlack, true);
  }

  // Code 128 of the tracking number; quiet zones of ≥ 10 modules come from the 8 mm side margins.
  symbol({8, 16, 84, 18}, BARCODE_CODE128, l.tracking_number, number, false);
  // The tracking number spaced out under the bars, as couriers read it aloud.
  std::string spaced;
  for (std::size_t i = 0; i < l.tracking_number.size(); ++i) {
    if (i > 0 && i % 4 == 0) spaced += ' ';
    spaced += l.tracking_number[i];
  }
  text_in({8, 35, 84, 6}, spaced, 13, 7, 1, Align::center, kBlack, true);
  hline(42);

  // Receiver.
  section_tag({left, 44, 10, 10}, "收");
  HPDF_Page_SetLineWidth(page_, 0.4f);
  HPDF_Page_MoveTo(page_, pt(12), y_of(42));
  HPDF_Page_LineTo(page_, pt(12), y_of(98));
  HPDF_Page_Stroke(page_);
  text_in({14, 43.5f, 52, 8}, l.receiver_name, 14, 8, 1, Align::left, kBlack, true);
  text_in({66, 43.5f, 31, 8}, l.receiver_phone, 12, 7, 1, Align::right, kBlack, true);
  text_in({14, 53, 83, 23.5f}, l.receiver_address, 12, 7.5f, 3, Align::left, kBlack, true);
  hline(77);

  // Sender: smaller, it is for returns only.
  section_tag({left, 79, 10, 10}, "寄");
  text_in({14, 78.5f, 50, 5.5f}, l.sender_name, 9, 6, 1);
  text_in({66, 78.5f, 31, 5.5f}, l.sender_phone, 9, 6, 1, Align::right);
  text_in({14, 85, 83, 12.5f}, l.sender_address, 8, 6, 2);
  hline(98);

  // Goods, COD amount and the QR code.
  const float qr_x = st.qr_left ? 3.0f : 66.0f;
  const float goods_x = st.qr_left ? 36.0f : 3.0f;
  symbol({qr_x, 100, 30, 30}, BARCODE_QRCODE, l.tracking_number + "|" + l.order_reference, number, true);
  float goods_top = 99.5f;
  if (l.cod) {
    const Box cod{goods_x, 100, 60, 11};
    if (st.cod_inverted) {
      fill_colour(kBlack);
      rect(cod, true);
    } else {
      rect(cod, false, 1.2f);
    }
    const Rgb ink = st.cod_inverted ? kWhite : kBlack;
    text_in({goods_x + 1, 100.5f, 20, 10}, "代收货款\nCOD", 8, 6, 2, Align::left, ink, true);
    text_in({goods_x + 21, 100.5f, 38, 10}, money_text(*l.cod), 16, 8, 1, Align::right, ink, true);
    goods_top = 112.5f;
  }
  text_in({goods_x, goods_top, 60, 3.5f}, "物品 ITEMS", 6, 5, 1);
  text_in({goods_x, goods_top + 3.8f, 60, 131.5f - goods_top - 3.8f}, l.item_summary, 9, 6, 6);
  hline(132);

  // Order reference, time of printing, and where the receiver signs.
  text_in({3, 133, 58, 6}, "订单 " + l.order_reference, 9, 6, 1);
  text_in({3, 139.5f, 58, 4.5f}, "打印 " + l.printed_at, 7, 5, 1);
  text_in({3, 144, 58, 4}, "第 " + std::to_string(l.parcel_index) + " 件 / 共 " + std::to_string(l.parcel_count) + " 件", 6,
          5, 1);
  text_in({63, 133, 34, 4}, "签收人 Signature", 6, 5, 1);
  hline(146, 63, 97, 0.4f);
  check("drawing label " + std::to_string(number));
}

}  // namespace

WaybillTemplate waybill_template_for(std::string_view carrier_code) {
  const std::string c = lower_ascii(carrier_code);
  auto is = [&](std::initializer_list<std::string_view> names) {
    return std::find(names.begin(), names.end(), c) != names.end();
  };
  if (is({"sf", "sfexpress", "shunfeng", "顺丰", "顺丰速运"})) return WaybillTemplate::sf;
  if (is({"yto", "yuantong", "圆通", "圆通速递"})) return WaybillTemplate::yto;
  if (is({"zto", "zhongtong", "中通", "中通快递"})) return WaybillTemplate::zto;
  if (is({"yunda", "yd", "韵达", "韵达快递"})) return WaybillTemplate::yunda;
  return WaybillTemplate::generic;
}

std::optional<WaybillFont> default_waybill_font() {
  // Not WenQuanYi Micro Hei: its CJK glyphs are composites of composites, and libharu's subsetting keeps
  // only one level of components, so most characters print blank or as a lone radical.
  // Nor Droid Sans Fallback: libharu embeds it with most glyphs missing too. Zen Hei is the one checked.
  static const std::array<WaybillFont, 1> kKnown{{
      {"/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0},
  }};
  for (const auto& f : kKnown) {
    std::error_code ec;
    if (std::filesystem::exists(f.path, ec)) return f;
  }
  return std::nullopt;
}

std::string render_waybills(const std::vector<WaybillLabel>& labels) {
  const auto font = default_waybill_font();
  if (!font)
    throw WaybillError("font_missing",
                       "no CJK TrueType font for waybills: install fonts-wqy-zenhei (scripts/lib.sh lists it)");
  return render_waybills(labels, *font);
}

std::string render_waybills(const std::vector<WaybillLabel>& labels, const WaybillFont& font) {
  if (labels.empty()) throw WaybillError("invalid_label", "no labels to render");
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const auto& l = labels[i];
    if (l.parcel_count < 1 || l.parcel_index < 1 || l.parcel_index > l.parcel_count)
      throw WaybillError("invalid_label", "label " + std::to_string(i + 1) + ": parcel " + std::to_string(l.parcel_index) +
                                              " of " + std::to_string(l.parcel_count) + " is out of range");
  }
  Renderer renderer(font);
  for (std::size_t i = 0; i < labels.size(); ++i) renderer.add_label(labels[i], i + 1);
  return renderer.save();
}

}  // namespace daifa::integrations
