#include "integrations/channels/payload.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <array>
#include <tuple>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/value_stack.hpp>

#include "domain/common/validation.h"
#include "integrations/signature.h"

namespace daifa::integrations::channel {
namespace json = boost::json;

namespace {

// A basic_parser handler that builds the value as boost::json::parser does and records each number's
// text under its path. The path is kept as a stack of frames (an object's current key, an array's index).
class KeepingHandler {
 public:
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);

  json::value_stack st;
  std::unordered_map<std::string, std::string> numbers;

  bool on_document_begin(json::error_code&) { return true; }
  bool on_document_end(json::error_code&) { return true; }
  bool on_object_begin(json::error_code&) {
    frames_.push_back({false, 0, {}});
    return true;
  }
  bool on_object_end(std::size_t n, json::error_code&) {
    frames_.pop_back();
    st.push_object(n);
    value_done();
    return true;
  }
  bool on_array_begin(json::error_code&) {
    frames_.push_back({true, 0, {}});
    return true;
  }
  bool on_array_end(std::size_t n, json::error_code&) {
    frames_.pop_back();
    st.push_array(n);
    value_done();
    return true;
  }
  bool on_key_part(json::string_view s, std::size_t, json::error_code&) {
    key_part_.append(s.data(), s.size());
    st.push_chars(s);
    return true;
  }
  bool on_key(json::string_view s, std::size_t, json::error_code&) {
    key_part_.append(s.data(), s.size());
    frames_.back().key = std::move(key_part_);
    key_part_.clear();
    st.push_key(s);
    return true;
  }
  bool on_string_part(json::string_view s, std::size_t, json::error_code&) {
    st.push_chars(s);
    return true;
  }
  bool on_string(json::string_view s, std::size_t, json::error_code&) {
    st.push_string(s);
    value_done();
    return true;
  }
  bool on_number_part(json::string_view s, json::error_code&) {
    number_part_.append(s.data(), s.size());
    return true;
  }
  bool on_int64(std::int64_t i, json::string_view s, json::error_code&) {
    record(s);
    st.push_int64(i);
    value_done();
    return true;
  }
  bool on_uint64(std::uint64_t u, json::string_view s, json::error_code&) {
    record(s);
    st.push_uint64(u);
    value_done();
    return true;
  }
  bool on_double(double d, json::string_view s, json::error_code&) {
    record(s);
    st.push_double(d);
    value_done();
    return true;
  }
  bool on_bool(bool b, json::error_code&) {
    st.push_bool(b);
    value_done();
    return true;
  }
  bool on_null(json::error_code&) {
    st.push_null();
    value_done();
    return true;
  }
  bool on_comment_part(json::string_view, json::error_code&) { return true; }
  bool on_comment(json::string_view, json::error_code&) { return true; }

 private:
  struct Frame {
    bool array;
    std::size_t index;
    std::string key;
  };

  void value_done() {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().index;
  }
  void record(json::string_view last) {
    number_part_.append(last.data(), last.size());
    std::string path;
    for (const Frame& f : frames_) path = f.array ? index_path(path, f.index) : child_path(path, f.key);
    numbers[std::move(path)] = std::move(number_part_);
    number_part_.clear();
  }

  std::vector<Frame> frames_;
  std::string key_part_;
  std::string number_part_;
};

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string clean(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c != '\r') out.push_back(c);
  }
  std::size_t b = 0, e = out.size();
  while (b < e && is_ascii_space(out[b])) ++b;
  while (e > b && is_ascii_space(out[e - 1])) --e;
  return out.substr(b, e - b);
}

// The code points of valid UTF-8 text (the parsers only see text Boost.JSON has validated).
std::vector<std::uint32_t> code_points(std::string_view s) {
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
    std::uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += n;
  }
  return out;
}

std::size_t utf8_offset(std::string_view s, std::size_t chars) {
  std::size_t i = 0;
  for (std::size_t n = 0; i < s.size() && n < chars; ++n) {
    auto c = static_cast<unsigned char>(s[i]);
    i += c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
  }
  return std::min(i, s.size());
}

bool is_han(std::uint32_t cp) { return (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF); }

bool has_non_ascii(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

constexpr std::uint32_t kQu = 0x533A;    // 区
constexpr std::uint32_t kXian = 0x53BF;  // 县
constexpr std::uint32_t kQi = 0x65D7;    // 旗
constexpr std::uint32_t kShi = 0x5E02;   // 市

// Characters no district name (区/县/旗) has but street addresses do: 园 路 街 道 号 栋 楼 室 村 巷 弄.
constexpr std::array<std::uint32_t, 11> kStreetChars{0x56ED, 0x8DEF, 0x8857, 0x9053, 0x53F7, 0x680B,
                                                     0x697C, 0x5BA4, 0x6751, 0x5DF7, 0x5F04};
// …区 that are not districts: 小区 社区 校区 厂区 景区 片区 营区 院区 住区 宅区 库区 矿区 商区 (a housing
// estate, a campus, a scenic area…), all common in typed addresses.
constexpr std::array<std::uint32_t, 13> kNotDistrictBeforeQu{0x5C0F, 0x793E, 0x6821, 0x5382, 0x666F, 0x7247, 0x8425,
                                                            0x9662, 0x4F4F, 0x5B85, 0x5E93, 0x77FF, 0x5546};

bool contains(const auto& set, std::uint32_t cp) { return std::find(set.begin(), set.end(), cp) != set.end(); }

// `cps` (2 to 6 Chinese characters) reads as a district (区, 县, 旗; with `city_too`, a county-level 市).
bool reads_as_district(const std::vector<std::uint32_t>& cps, bool city_too) {
  if (cps.size() < 2 || cps.size() > 6) return false;
  for (std::uint32_t cp : cps) {
    if (!is_han(cp) || contains(kStreetChars, cp)) return false;
  }
  const std::uint32_t last = cps.back();
  if (last == kQu) return !contains(kNotDistrictBeforeQu, cps[cps.size() - 2]);
  return last == kXian || last == kQi || (city_too && last == kShi);
}

bool is_district(std::string_view s) { return reads_as_district(code_points(s), true); }

// The length in bytes of a district at the start of `s` ("南山区…" → 9, at most 5 characters, with
// more text after it), or 0.
std::size_t district_prefix(std::string_view s) {
  auto cps = code_points(s);
  for (std::size_t n = 2; n <= 5 && n < cps.size(); ++n) {
    const std::uint32_t c = cps[n - 1];
    if (c != kQu && c != kXian && c != kQi) continue;
    std::vector<std::uint32_t> token(cps.begin(), cps.begin() + static_cast<std::ptrdiff_t>(n));
    return reads_as_district(token, false) ? utf8_offset(s, n) : 0;
  }
  return 0;
}

std::string join(std::string_view a, std::string_view b, std::string_view sep) {
  if (a.empty()) return std::string(b);
  if (b.empty()) return std::string(a);
  return std::string(a) + std::string(sep) + std::string(b);
}

}  // namespace

std::optional<JsonDocument> parse_json_keeping_numbers(std::string_view text, std::string& error) {
  json::basic_parser<KeepingHandler> p{json::parse_options{}};
  json::error_code ec;
  std::size_t n = p.write_some(false, text.data(), text.size(), ec);
  if (!ec && n < text.size()) ec = json::error::extra_data;
  if (ec) {
    error = "not valid JSON at byte " + std::to_string(n) + ": " + ec.message();
    return std::nullopt;
  }
  return JsonDocument{p.handler().st.release(), std::move(p.handler().numbers)};
}

std::string child_path(std::string_view parent, std::string_view key) {
  return parent.empty() ? std::string(key) : std::string(parent) + "." + std::string(key);
}

std::string index_path(std::string_view parent, std::size_t i) {
  return std::string(parent) + "[" + std::to_string(i) + "]";
}

void PayloadReader::error(std::string field, std::string code, std::string message) {
  errors_.push_back({std::move(field), std::move(code), std::move(message)});
}

const json::value* PayloadReader::find(const json::object& o, const std::string& at, std::string_view key, Need need) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) {
    if (need == Need::required) error(child_path(at, key), "required", "is required");
    return nullptr;
  }
  return &it->value();
}

const json::object* PayloadReader::object(const json::object& o, const std::string& at, std::string_view key,
                                          Need need) {
  const json::value* v = find(o, at, key, need);
  if (!v) return nullptr;
  if (!v->is_object()) {
    error(child_path(at, key), "must_be_object", "must be an object");
    return nullptr;
  }
  return &v->get_object();
}

const json::array* PayloadReader::array(const json::object& o, const std::string& at, std::string_view key,
                                        Need need) {
  const json::value* v = find(o, at, key, need);
  if (!v) return nullptr;
  if (!v->is_array()) {
    error(child_path(at, key), "must_be_array", "must be an array");
    return nullptr;
  }
  return &v->get_array();
}

std::string PayloadReader::text(const json::object& o, const std::string& at, std::string_view key) {
  const json::value* v = find(o, at, key, Need::optional);
  if (!v) return {};
  if (!v->is_string()) {
    error(child_path(at, key), "must_be_string", "must be a string");
    return {};
  }
  return clean(v->get_string());
}

std::optional<std::int64_t> PayloadReader::integer(const json::object& o, const std::string& at, std::string_view key,
                                                   Need need) {
  const json::value* v = find(o, at, key, need);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64()) {
    error(child_path(at, key), "out_of_range", "is too large");
  } else {
    error(child_path(at, key), "must_be_integer", "must be a whole number");
  }
  return std::nullopt;
}

std::optional<std::string> PayloadReader::id_text(const json::object& o, const std::string& at, std::string_view key) {
  const json::value* v = find(o, at, key, Need::required);
  if (!v) return std::nullopt;
  const std::string path = child_path(at, key);
  if ((v->is_int64() && v->get_int64() > 0) || v->is_uint64()) {
    auto it = doc_.number_text.find(path);
    if (it != doc_.number_text.end()) return it->second;
  }
  error(path, "must_be_id", "must be the platform's order id, a positive whole number");
  return std::nullopt;
}

std::optional<std::int64_t> PayloadReader::amount_minor_of(const json::value& v, const std::string& path,
                                                           const Currency& currency) {
  std::string text;
  if (v.is_string()) {
    text = clean(v.get_string());
  } else if (v.is_number()) {
    auto it = doc_.number_text.find(path);
    if (it != doc_.number_text.end()) text = it->second;
  } else {
    error(path, "must_be_decimal", "must be an amount such as \"59.90\"");
    return std::nullopt;
  }
  auto minor = parse_decimal_minor(text, currency.minor_digits());
  if (!minor || *minor < 0) {
    error(path, "must_be_decimal",
          "must be an amount of 0 or more such as 59.90 with at most " + std::to_string(currency.minor_digits()) +
              " decimals for " + std::string(currency.code()) + ", not \"" + truncate_chars(text, 40) + "\"");
    return std::nullopt;
  }
  return minor;
}

std::optional<std::int64_t> PayloadReader::amount_minor(const json::object& o, const std::string& at,
                                                        std::string_view key, const Currency& currency, Need need) {
  const json::value* v = find(o, at, key, need);
  if (!v) return std::nullopt;
  return amount_minor_of(*v, child_path(at, key), currency);
}

std::string person_name(std::string_view first, std::string_view last) {
  std::string f = clean(first), l = clean(last);
  if (has_non_ascii(f) || has_non_ascii(l)) return l + f;
  return join(f, l, " ");
}

Street street_of(std::string_view country, std::string_view address1, std::string_view address2) {
  std::string a1 = clean(address1), a2 = clean(address2);
  if (country != "CN") return {"", join(a1, a2, ", ")};
  if (is_district(a2) && !a1.empty()) return {a2, a1};
  if (std::size_t n = district_prefix(a1); n > 0) return {a1.substr(0, n), join(clean(a1.substr(n)), a2, " ")};
  return {"", join(a1, a2, " ")};
}

std::string truncate_chars(std::string_view text, std::size_t max_chars) {
  return std::string(text.substr(0, utf8_offset(text, max_chars)));
}

bool signature_matches(std::string_view raw_body, std::string_view header_value, std::string_view secret) {
  while (!header_value.empty() && is_ascii_space(header_value.front())) header_value.remove_prefix(1);
  while (!header_value.empty() && is_ascii_space(header_value.back())) header_value.remove_suffix(1);
  if (header_value.empty() || secret.empty()) return false;
  const std::string expected = hmac_sha256_base64(secret, raw_body);
  // The length of a base64 SHA-256 is public (44); only the bytes must be compared in constant time.
  if (header_value.size() != expected.size()) return false;
  return CRYPTO_memcmp(header_value.data(), expected.data(), expected.size()) == 0;
}

void add_lines(OrderDraft& draft, std::vector<std::size_t>& sources, const std::string& sku, std::int64_t quantity,
               std::int64_t line_total_minor, const Currency& currency, std::size_t source) {
  if (quantity <= 0) {  // refused by validation; keep the line so the error names it
    draft.lines.push_back({sku, quantity, Money{line_total_minor, currency}});
    sources.push_back(source);
    return;
  }
  const std::int64_t unit = line_total_minor / quantity;
  const std::int64_t rest = line_total_minor % quantity;  // units that cost one minor unit more
  if (rest == 0) {
    draft.lines.push_back({sku, quantity, Money{unit, currency}});
    sources.push_back(source);
    return;
  }
  draft.lines.push_back({sku, quantity - rest, Money{unit, currency}});
  draft.lines.push_back({sku, rest, Money{unit + 1, currency}});
  sources.push_back(source);
  sources.push_back(source);
}

FieldErrors rename_errors(const FieldErrors& errors, const std::vector<std::size_t>& sources,
                          const std::function<std::string(const DraftPath&)>& rename) {
  FieldErrors out;
  for (const FieldError& e : errors) {
    DraftPath p{e.field, std::nullopt, {}};
    if (e.field.rfind("lines[", 0) == 0) {
      std::size_t close = e.field.find(']');
      std::size_t k = 0;
      bool digits = close != std::string::npos && close > 6;
      for (std::size_t i = 6; digits && i < close; ++i) {
        if (e.field[i] < '0' || e.field[i] > '9') digits = false;
        else k = k * 10 + static_cast<std::size_t>(e.field[i] - '0');
      }
      if (digits && k < sources.size()) {
        p.source = sources[k];
        p.line_field = close + 2 <= e.field.size() ? e.field.substr(close + 2) : std::string{};
      }
    }
    FieldError renamed{rename(p), e.code, e.message};
    if (std::find(out.begin(), out.end(), renamed) == out.end()) out.push_back(std::move(renamed));
  }
  return out;
}

void sort_unique(FieldErrors& errors) {
  auto key = [](const FieldError& e) { return std::tie(e.field, e.code, e.message); };
  std::sort(errors.begin(), errors.end(), [&](const FieldError& a, const FieldError& b) { return key(a) < key(b); });
  errors.erase(std::unique(errors.begin(), errors.end()), errors.end());
}

std::int64_t capped_paid(const OrderDraft& draft, std::int64_t paid_minor) {
  std::int64_t total = 0;
  bool overflow = false;
  for (const DraftLine& l : draft.lines) {
    std::int64_t line = 0;
    overflow = overflow || __builtin_mul_overflow(l.unit_price.amount_minor, l.quantity, &line) ||
               __builtin_add_overflow(total, line, &total);
  }
  if (draft.shipping_fee) overflow = overflow || __builtin_add_overflow(total, draft.shipping_fee->amount_minor, &total);
  if (paid_minor < 0) return 0;
  if (overflow) return paid_minor;  // validation refuses the order's total anyway
  return std::min(paid_minor, std::max<std::int64_t>(total, 0));
}

}  // namespace daifa::integrations::channel
