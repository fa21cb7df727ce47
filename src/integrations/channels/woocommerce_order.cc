#include "integrations/channels/woocommerce_order.h"

#include <algorithm>
#include <array>
#include <limits>

#include "integrations/channels/payload.h"

namespace daifa::integrations {
namespace json = boost::json;
using channel::index_path;
using channel::Need;
using channel::PayloadReader;

namespace {

constexpr std::size_t kMaxNoteChars = 500;

// WooCommerce's states of China (i18n/states.php), CN1…CN32 in order.
constexpr std::array<std::string_view, 32> kChinaStates{
    "云南", "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏",
    "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南",
    "重庆", "四川", "贵州", "陕西", "甘肃", "青海", "宁夏", "澳门", "西藏", "新疆"};

std::string province_of(std::string_view country, const std::string& state) {
  if (country != "CN" || state.size() < 3 || state.size() > 4 || state.compare(0, 2, "CN") != 0) return state;
  std::size_t n = 0;
  for (std::size_t i = 2; i < state.size(); ++i) {
    if (state[i] < '0' || state[i] > '9') return state;
    n = n * 10 + static_cast<std::size_t>(state[i] - '0');
  }
  return n >= 1 && n <= kChinaStates.size() ? std::string(kChinaStates[n - 1]) : state;
}

std::string first_non_empty(std::initializer_list<std::string> values) {
  for (const std::string& v : values) {
    if (!v.empty()) return v;
  }
  return {};
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

}  // namespace

bool verify_woocommerce_signature(std::string_view raw_body, std::string_view header_value, std::string_view secret) {
  return channel::signature_matches(raw_body, header_value, secret);
}

bool is_woocommerce_ping(std::string_view content_type, std::string_view body) {
  std::string_view media = trim(content_type.substr(0, content_type.find(';')));
  constexpr std::string_view kForm = "application/x-www-form-urlencoded";
  if (media.size() != kForm.size() ||
      !std::equal(media.begin(), media.end(), kForm.begin(),
                  [](char a, char b) { return (a >= 'A' && a <= 'Z' ? a - 'A' + 'a' : a) == b; })) {
    return false;
  }
  body = trim(body);
  constexpr std::string_view kPrefix = "webhook_id=";
  if (body.substr(0, kPrefix.size()) != kPrefix) return false;
  std::string_view id = body.substr(kPrefix.size());
  return !id.empty() && id.size() <= 20 && std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; });
}

ParsedOrder parse_woocommerce_order(std::string_view raw_body, Id channel_id) {
  ParsedOrder out;
  std::string parse_error;
  auto doc = channel::parse_json_keeping_numbers(raw_body, parse_error);
  if (!doc) {
    out.errors.push_back({"body", "malformed_json", parse_error});
    return out;
  }
  if (!doc->root.is_object()) {
    out.errors.push_back({"body", "must_be_object", "must be a WooCommerce order object"});
    return out;
  }
  const json::object& o = doc->root.get_object();
  FieldErrors errors;
  PayloadReader r(*doc, errors);
  OrderDraft d;
  d.channel_id = channel_id;

  if (auto id = r.id_text(o, "", "id")) d.external_id = *id;
  const std::string code = r.text(o, "", "currency");
  const std::optional<Currency> currency = Currency::parse(code);
  if (code.empty()) {
    r.error("currency", "required", "is required");
  } else if (!currency) {
    r.error("currency", "unknown_currency", "\"" + channel::truncate_chars(code, 10) +
                                               "\" is not a currency Daifa knows (ISO 4217, such as CNY or USD)");
  }

  // Who and where.
  const json::object* billing = r.object(o, "", "billing", Need::optional);
  const json::object* shipping = r.object(o, "", "shipping", Need::optional);
  auto field = [&](const json::object* obj, const std::string& at, std::string_view key) {
    return obj ? r.text(*obj, at, key) : std::string{};
  };
  auto name_of = [&](const json::object* obj, const std::string& at) {
    return channel::person_name(field(obj, at, "first_name"), field(obj, at, "last_name"));
  };
  // WooCommerce sends a shipping object of empty strings when the customer ships to the billing address.
  const bool ships_to_shipping =
      shipping && !(field(shipping, "shipping", "address_1").empty() && field(shipping, "shipping", "city").empty());
  const json::object* address = ships_to_shipping ? shipping : billing;
  const std::string address_at = ships_to_shipping ? "shipping" : "billing";

  d.customer.name = first_non_empty({name_of(billing, "billing"), name_of(shipping, "shipping")});
  d.customer.phone = first_non_empty({field(billing, "billing", "phone"), field(shipping, "shipping", "phone")});
  d.customer.email = field(billing, "billing", "email");
  if (address) {
    ShippingAddress& a = d.shipping_address;
    a.name = first_non_empty({name_of(address, address_at), d.customer.name});
    a.phone = first_non_empty({field(address, address_at, "phone"), d.customer.phone});
    std::string country = field(address, address_at, "country");
    std::transform(country.begin(), country.end(), country.begin(),
                   [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; });
    if (!country.empty()) a.country = country;
    a.province = province_of(a.country, field(address, address_at, "state"));
    a.city = field(address, address_at, "city");
    a.postal_code = field(address, address_at, "postcode");
    auto street = channel::street_of(a.country, field(address, address_at, "address_1"),
                                     field(address, address_at, "address_2"));
    a.district = std::move(street.district);
    a.line1 = std::move(street.line1);
  } else {
    d.shipping_address.phone = d.customer.phone;
  }
  d.note = channel::truncate_chars(r.text(o, "", "customer_note"), kMaxNoteChars);

  // What was bought, at what price.
  bool tax_included = false;
  if (auto it = o.find("prices_include_tax"); it != o.end() && !it->value().is_null()) {
    if (it->value().is_bool()) tax_included = it->value().get_bool();
    else r.error("prices_include_tax", "must_be_boolean", "must be true or false");
  }
  std::vector<std::size_t> sources;  // draft line → line_items index
  if (const json::array* items = r.array(o, "", "line_items", Need::required)) {
    if (items->empty()) r.error("line_items", "required", "must have at least one line");
    for (std::size_t i = 0; i < items->size(); ++i) {
      const std::string at = index_path("line_items", i);
      if (!(*items)[i].is_object()) {
        r.error(at, "must_be_object", "must be an object");
        continue;
      }
      const json::object& item = (*items)[i].get_object();
      const std::string sku = r.text(item, at, "sku");
      if (sku.empty()) r.error(at + ".sku", "required", "is required: Daifa finds the product by its SKU");
      auto quantity = r.integer(item, at, "quantity", Need::required);
      if (quantity && (*quantity < 1 || *quantity > kMaxLineQuantity)) {
        r.error(at + ".quantity", "out_of_range", "must be between 1 and " + std::to_string(kMaxLineQuantity));
        quantity.reset();
      }
      if (!currency) continue;
      std::optional<std::int64_t> total;
      bool too_large = false;
      if (item.contains("total") && !item.at("total").is_null()) {
        total = r.amount_minor(item, at, "total", *currency, Need::required);
        if (tax_included && total) {
          auto tax = r.amount_minor(item, at, "total_tax", *currency, Need::optional);
          if (tax) too_large = __builtin_add_overflow(*total, *tax, &*total);
          else if (item.contains("total_tax") && !item.at("total_tax").is_null()) total.reset();
        }
      } else if (auto price = r.amount_minor(item, at, "price", *currency, Need::required); price && quantity) {
        total.emplace();
        too_large = __builtin_mul_overflow(*price, *quantity, &*total);
      }
      if (sku.empty() || !quantity || !total) continue;
      if (too_large || *total > channel::kMaxAmountMinor) {
        r.error(at + ".total", "out_of_range", "the line's total is too large");
      } else {
        channel::add_lines(d, sources, sku, *quantity, *total, *currency, i);
      }
    }
  }
  if (currency) {
    std::int64_t fee = r.amount_minor(o, "", "shipping_total", *currency, Need::optional).value_or(0);
    bool too_large = false;
    if (const json::array* fees = r.array(o, "", "fee_lines", Need::optional)) {
      for (std::size_t i = 0; i < fees->size(); ++i) {
        const std::string at = index_path("fee_lines", i);
        if (!(*fees)[i].is_object()) {
          r.error(at, "must_be_object", "must be an object");
          continue;
        }
        // A fee may be negative (a discount entered as a fee); parse_decimal_minor keeps the sign.
        const json::object& f = (*fees)[i].get_object();
        std::string text = r.text(f, at, "total");
        auto amount = parse_decimal_minor(text, currency->minor_digits());
        if (!amount) {
          r.error(at + ".total", "must_be_decimal", "must be an amount such as \"5.00\"");
        } else {
          too_large = too_large || __builtin_add_overflow(fee, *amount, &fee);
        }
      }
    }
    if (too_large || fee > channel::kMaxAmountMinor) {
      r.error("shipping_total", "out_of_range", "is too large");
    } else if (fee < 0) {
      r.error("fee_lines", "negative_total", "shipping_total and the fees together must not be negative");
    } else {
      d.shipping_fee = Money{fee, *currency};
    }
  }

  // How it is paid.
  const std::string method = r.text(o, "", "payment_method");
  const std::string status = r.text(o, "", "status");
  std::optional<std::int64_t> total;
  if (currency) total = r.amount_minor(o, "", "total", *currency, Need::optional);

  channel::sort_unique(errors);
  if (!errors.empty()) {
    out.errors = std::move(errors);
    return out;
  }
  if (method == "cod") {
    d.payment_method = PaymentMethod::cod;
  } else {
    std::int64_t paid = 0;
    if (status == "processing" || status == "completed") paid = total.value_or(std::numeric_limits<std::int64_t>::max());
    d.paid = Money{channel::capped_paid(d, paid), *currency};
  }

  FieldErrors invalid = validate_order_draft(d);
  if (!invalid.empty()) {
    out.errors = channel::rename_errors(invalid, sources, [&](const channel::DraftPath& p) -> std::string {
      if (p.source) {
        const std::string at = index_path("line_items", *p.source);
        if (p.line_field.rfind("unit_price", 0) == 0) return at + ".total";
        return p.line_field.empty() ? at : at + "." + p.line_field;
      }
      const std::string& f = p.field;
      if (f == "external_id") return "id";
      if (f.rfind("customer.", 0) == 0) {
        const std::string sub = f.substr(9);
        return "billing." + (sub == "name" ? std::string("first_name") : sub);
      }
      if (f == "note") return "customer_note";
      if (f == "lines") return "line_items";
      if (f.rfind("shipping_fee", 0) == 0) return "shipping_total";
      if (f.rfind("payment.paid", 0) == 0) return "status";
      if (f.rfind("shipping_address.", 0) == 0) {
        const std::string sub = f.substr(17);
        const std::string native = sub == "name" ? "first_name" : sub == "province" ? "state"
                                   : sub == "postal_code" ? "postcode"
                                   : sub == "line1" || sub == "district" ? "address_1" : sub;
        return address_at + "." + native;
      }
      return f;
    });
    return out;
  }
  out.draft = std::move(d);
  return out;
}

}  // namespace daifa::integrations
