#include "integrations/channels/shopify_order.h"

#include <algorithm>
#include <limits>

#include "integrations/channels/payload.h"

namespace daifa::integrations {
namespace json = boost::json;
using channel::index_path;
using channel::Need;
using channel::PayloadReader;

namespace {

constexpr std::size_t kMaxNoteChars = 500;

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Shopify's manual payment method is called "Cash on Delivery (COD)"; shops rename it, hence the looser match.
bool is_cod_gateway(std::string_view name) {
  std::string n = lower_ascii(name);
  return n == "cod" || n.find("cash on delivery") != std::string::npos || n.find("(cod)") != std::string::npos ||
         n.find("货到付款") != std::string::npos;
}

// Σ discount_allocations[].amount of a line item or shipping line.
std::optional<std::int64_t> discounts(PayloadReader& r, const json::object& o, const std::string& at,
                                      const Currency& currency) {
  const json::array* allocations = r.array(o, at, "discount_allocations", Need::optional);
  if (!allocations) return 0;
  std::int64_t sum = 0;
  bool ok = true;
  for (std::size_t j = 0; j < allocations->size(); ++j) {
    const std::string dat = index_path(at + ".discount_allocations", j);
    const json::value& a = (*allocations)[j];
    if (!a.is_object()) {
      r.error(dat, "must_be_object", "must be an object");
      ok = false;
      continue;
    }
    auto amount = r.amount_minor(a.get_object(), dat, "amount", currency, Need::required);
    if (!amount || __builtin_add_overflow(sum, *amount, &sum)) ok = false;
  }
  return ok ? std::optional<std::int64_t>(sum) : std::nullopt;
}

std::string first_non_empty(std::initializer_list<std::string> values) {
  for (const std::string& v : values) {
    if (!v.empty()) return v;
  }
  return {};
}

}  // namespace

bool verify_shopify_signature(std::string_view raw_body, std::string_view header_value, std::string_view secret) {
  return channel::signature_matches(raw_body, header_value, secret);
}

ParsedOrder parse_shopify_order(std::string_view raw_body, Id channel_id) {
  ParsedOrder out;
  std::string parse_error;
  auto doc = channel::parse_json_keeping_numbers(raw_body, parse_error);
  if (!doc) {
    out.errors.push_back({"body", "malformed_json", parse_error});
    return out;
  }
  if (!doc->root.is_object()) {
    out.errors.push_back({"body", "must_be_object", "must be a Shopify order object"});
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
  const json::object* customer = r.object(o, "", "customer", Need::optional);
  const json::object* shipping = r.object(o, "", "shipping_address", Need::optional);
  const json::object* billing = r.object(o, "", "billing_address", Need::optional);
  const json::object* address = shipping ? shipping : billing;
  const std::string address_at = shipping ? "shipping_address" : "billing_address";
  auto field = [&](const json::object* obj, const std::string& at, std::string_view key) {
    return obj ? r.text(*obj, at, key) : std::string{};
  };
  auto name_of = [&](const json::object* obj, const std::string& at) {
    std::string n = channel::person_name(field(obj, at, "first_name"), field(obj, at, "last_name"));
    return n.empty() ? field(obj, at, "name") : n;
  };
  d.customer.name = first_non_empty({channel::person_name(field(customer, "customer", "first_name"),
                                                          field(customer, "customer", "last_name")),
                                     name_of(shipping, "shipping_address"), name_of(billing, "billing_address")});
  d.customer.phone = first_non_empty({field(customer, "customer", "phone"), r.text(o, "", "phone"),
                                      field(shipping, "shipping_address", "phone"),
                                      field(billing, "billing_address", "phone")});
  d.customer.email = first_non_empty({r.text(o, "", "email"), r.text(o, "", "contact_email"),
                                      field(customer, "customer", "email")});
  if (address) {
    ShippingAddress& a = d.shipping_address;
    a.name = name_of(address, address_at);
    a.phone = first_non_empty({field(address, address_at, "phone"), d.customer.phone});
    std::string country = field(address, address_at, "country_code");
    std::transform(country.begin(), country.end(), country.begin(),
                   [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; });
    if (!country.empty()) a.country = country;
    a.province = first_non_empty({field(address, address_at, "province"), field(address, address_at, "province_code")});
    a.city = field(address, address_at, "city");
    a.postal_code = field(address, address_at, "zip");
    auto street = channel::street_of(a.country, field(address, address_at, "address1"),
                                     field(address, address_at, "address2"));
    a.district = std::move(street.district);
    a.line1 = std::move(street.line1);
  } else {
    d.shipping_address.phone = d.customer.phone;
  }
  d.note = channel::truncate_chars(r.text(o, "", "note"), kMaxNoteChars);

  // What was bought, at what price.
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
      auto price = r.amount_minor(item, at, "price", *currency, Need::required);
      auto discount = discounts(r, item, at, *currency);
      if (sku.empty() || !quantity || !price || !discount) continue;
      std::int64_t total = 0;
      if (__builtin_mul_overflow(*price, *quantity, &total) || total > channel::kMaxAmountMinor) {
        r.error(at + ".price", "out_of_range", "the line's total is too large");
      } else if (total - *discount < 0) {
        r.error(at + ".discount_allocations", "exceeds_price", "the discounts exceed the line's price");
      } else {
        channel::add_lines(d, sources, sku, *quantity, total - *discount, *currency, i);
      }
    }
  }
  std::int64_t shipping_fee = 0;
  if (const json::array* lines = r.array(o, "", "shipping_lines", Need::optional); lines && currency) {
    for (std::size_t i = 0; i < lines->size(); ++i) {
      const std::string at = index_path("shipping_lines", i);
      if (!(*lines)[i].is_object()) {
        r.error(at, "must_be_object", "must be an object");
        continue;
      }
      auto price = r.amount_minor((*lines)[i].get_object(), at, "price", *currency, Need::required);
      auto discount = discounts(r, (*lines)[i].get_object(), at, *currency);
      if (!price || !discount) continue;
      if (*discount > *price) {
        r.error(at + ".discount_allocations", "exceeds_price", "the discounts exceed the shipping price");
      } else if (__builtin_add_overflow(shipping_fee, *price - *discount, &shipping_fee)) {
        r.error(at + ".price", "out_of_range", "is too large");
      }
    }
  }
  if (currency) d.shipping_fee = Money{shipping_fee, *currency};

  // How it is paid.
  bool cod = false;
  if (const json::array* gateways = r.array(o, "", "payment_gateway_names", Need::optional)) {
    for (const json::value& g : *gateways) cod = cod || (g.is_string() && is_cod_gateway(g.get_string()));
  }
  const std::string status = r.text(o, "", "financial_status");
  std::optional<std::int64_t> total_price, outstanding;
  if (currency) {
    total_price = r.amount_minor(o, "", "total_price", *currency, Need::optional);
    outstanding = r.amount_minor(o, "", "total_outstanding", *currency, Need::optional);
  }

  channel::sort_unique(errors);
  if (!errors.empty()) {
    out.errors = std::move(errors);
    return out;
  }
  if (cod) {
    d.payment_method = PaymentMethod::cod;
  } else {
    std::int64_t paid = 0;
    if (status == "paid") {
      paid = total_price.value_or(std::numeric_limits<std::int64_t>::max());
    } else if (status == "partially_paid" && total_price && outstanding) {
      paid = *total_price - *outstanding;
    }
    d.paid = Money{channel::capped_paid(d, paid), *currency};
  }

  FieldErrors invalid = validate_order_draft(d);
  if (!invalid.empty()) {
    out.errors = channel::rename_errors(invalid, sources, [&](const channel::DraftPath& p) -> std::string {
      if (p.source) {
        const std::string at = index_path("line_items", *p.source);
        if (p.line_field.rfind("unit_price", 0) == 0) return at + ".price";
        return p.line_field.empty() ? at : at + "." + p.line_field;
      }
      const std::string& f = p.field;
      if (f == "external_id") return "id";
      if (f == "customer.name") return "customer";
      if (f == "customer.email") return "email";
      if (f == "note") return "note";
      if (f == "lines") return "line_items";
      if (f.rfind("shipping_fee", 0) == 0) return "shipping_lines";
      if (f.rfind("payment.paid", 0) == 0) return "financial_status";
      if (f.rfind("shipping_address.", 0) == 0) {
        const std::string sub = f.substr(17);
        const std::string native = sub == "country" ? "country_code" : sub == "postal_code" ? "zip"
                                   : sub == "line1" || sub == "district" ? "address1" : sub;
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
