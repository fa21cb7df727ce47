#pragma once
// Internal to the channel parsers: JSON that keeps each number's text, a reader for platform payloads,
// and the mapping rules Shopify and WooCommerce share. Not a public interface of the module.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/json/value.hpp>

#include "domain/common/money.h"
#include "domain/common/status.h"
#include "domain/orders/order.h"

namespace daifa::integrations::channel {

struct JsonDocument {
  boost::json::value root;
  std::unordered_map<std::string, std::string> number_text;  // by path: "line_items[0].price" → "21.99"
};

// Parses like boost::json::parse but remembers the exact text of every number by its path, so that an
// amount sent as a JSON number (WooCommerce's line `price`) is read from its digits, never via a double.
std::optional<JsonDocument> parse_json_keeping_numbers(std::string_view text, std::string& error);

std::string child_path(std::string_view parent, std::string_view key);  // "shipping" + "city" → "shipping.city"
std::string index_path(std::string_view parent, std::size_t i);        // "line_items" + 1 → "line_items[1]"

enum class Need { required, optional };

// Reads fields of a platform payload, adding a FieldError named by its payload path for each problem.
// Platforms send null for what they do not have, so null and a missing key are the same; fields the
// reader is not asked about are ignored (a payload has dozens Daifa does not use).
class PayloadReader {
 public:
  PayloadReader(const JsonDocument& doc, FieldErrors& errors) : doc_(doc), errors_(errors) {}

  const boost::json::object* object(const boost::json::object& o, const std::string& at, std::string_view key,
                                    Need need);
  const boost::json::array* array(const boost::json::object& o, const std::string& at, std::string_view key,
                                  Need need);
  // The text, trimmed, with carriage returns removed; "" when absent.
  std::string text(const boost::json::object& o, const std::string& at, std::string_view key);
  std::optional<std::int64_t> integer(const boost::json::object& o, const std::string& at, std::string_view key,
                                      Need need);
  // A positive whole number (a platform's order id) as its exact decimal text. Always required.
  std::optional<std::string> id_text(const boost::json::object& o, const std::string& at, std::string_view key);
  // An amount as a decimal string ("59.90") or a JSON number (its text, 21.99), in `currency`'s minor
  // units, exactly: more decimals than the currency has (other than trailing zeros) are refused.
  std::optional<std::int64_t> amount_minor(const boost::json::object& o, const std::string& at, std::string_view key,
                                           const Currency& currency, Need need);
  // The same for a value already found (an array element).
  std::optional<std::int64_t> amount_minor_of(const boost::json::value& v, const std::string& path,
                                              const Currency& currency);

  void error(std::string field, std::string code, std::string message);
  FieldErrors& errors() { return errors_; }

 private:
  const boost::json::value* find(const boost::json::object& o, const std::string& at, std::string_view key,
                                 Need need);
  const JsonDocument& doc_;
  FieldErrors& errors_;
};

// A person's name from its two parts: "Bob" "Norman" → "Bob Norman"; Chinese parts are written family
// name first without a space: first "小明" last "王" → "王小明".
std::string person_name(std::string_view first, std::string_view last);

// The street part of an address as Daifa keeps it (district + line1). Outside China: line1 is
// address1 + ", " + address2 and there is no district. In China (country "CN") neither platform has a
// district (区/县) field, so it is taken, conservatively, from what customers actually type:
//  1. address2 is exactly a district ("南山区", "昆山市": 2–6 Chinese characters ending in 区/县/旗/市)
//     → district = address2, line1 = address1;
//  2. else address1 starts with one ("南山区科技园南区深南大道10000号": 2–5 Chinese characters ending
//     in 区/县/旗, followed by more) → district = that prefix, line1 = the rest (+ " " + address2);
//  3. else no district: line1 = address1 + " " + address2, and review holds the order
//     (address_incomplete: district) for a person to complete — nothing is guessed further.
// What is not a district although it ends in 区 is never taken: a housing estate or campus (阳光小区,
// 东校区…) or anything with a street word in it (科技园南区, 路, 号, 栋…). A full address typed in
// one field ("广东省深圳市南山区…") is not split either: its district is not at the start.
struct Street {
  std::string district;
  std::string line1;
};
Street street_of(std::string_view country, std::string_view address1, std::string_view address2);

// At most `max_chars` code points of UTF-8 text (never cutting a character).
std::string truncate_chars(std::string_view text, std::size_t max_chars);

// Constant-time comparison of base64(HMAC-SHA256(raw_body, secret)) with the header's value. False for
// an empty header or an empty secret.
bool signature_matches(std::string_view raw_body, std::string_view header_value, std::string_view secret);

// Appends `quantity` units of `sku` whose line costs `line_total_minor` in all (after discounts). Unit
// prices are whole minor units, so a total that does not divide evenly (¥100.00 for 3) becomes two lines
// of the same SKU whose prices differ by one minor unit (2 × 33.33 + 1 × 33.34): the sum stays exact.
// `sources` gets `source` (the payload's line index) once per draft line added.
void add_lines(OrderDraft& draft, std::vector<std::size_t>& sources, const std::string& sku, std::int64_t quantity,
               std::int64_t line_total_minor, const Currency& currency, std::size_t source);

// Renames validate_order_draft's errors ("lines[2].quantity") into payload paths with `rename`, which
// gets the Daifa path and, for a line field, the draft line's payload index and the field after "lines[k].".
struct DraftPath {
  std::string field;                  // the whole Daifa path, e.g. "shipping_address.city"
  std::optional<std::size_t> source;  // for "lines[k]…": sources[k]
  std::string line_field;             // for "lines[k].unit_price.currency": "unit_price.currency"
};
FieldErrors rename_errors(const FieldErrors& errors, const std::vector<std::size_t>& sources,
                          const std::function<std::string(const DraftPath&)>& rename);

// Amounts past 2^53 minor units are refused: they are not real orders, and JSON numbers stay exact below.
constexpr std::int64_t kMaxAmountMinor = std::int64_t{1} << 53;

// Sorted by field, each error once (a field read twice reports its problem twice).
void sort_unique(FieldErrors& errors);

// `paid`, never more than what the order totals in Daifa: the channel's total can include tax or fees
// that a Daifa order does not carry, and validation refuses a paid amount above the total.
std::int64_t capped_paid(const OrderDraft& draft, std::int64_t paid_minor);

}  // namespace daifa::integrations::channel
