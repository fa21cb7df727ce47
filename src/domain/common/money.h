#pragma once
// Money is an integer count of minor units (fen, cents) with a currency. Never floating point.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace daifa {

// An ISO 4217 code such as "CNY". Only currencies Daifa knows the minor unit of are accepted.
class Currency {
 public:
  static std::optional<Currency> parse(std::string_view code);
  std::string_view code() const { return {code_, 3}; }
  int minor_digits() const { return minor_digits_; }  // 2 for CNY/USD, 0 for JPY
  bool operator==(const Currency& o) const { return code() == o.code(); }

 private:
  Currency(std::string_view code, int minor_digits);
  char code_[3];
  int minor_digits_;
};

struct Money {
  std::int64_t amount_minor = 0;
  Currency currency;
  bool operator==(const Money&) const = default;
};

// Adds two amounts of the same currency; nullopt on a currency mismatch or overflow.
std::optional<Money> add(const Money& a, const Money& b);

// Exact decimal string → minor units: "59.90" with 2 digits → 5990. Refuses more fraction digits than
// the currency has, exponents, and anything that is not a plain decimal. No floating point anywhere.
std::optional<std::int64_t> parse_decimal_minor(std::string_view text, int minor_digits);

// Minor units → decimal string: 5990 with 2 digits → "59.90".
std::string format_decimal_minor(std::int64_t amount_minor, int minor_digits);

}  // namespace daifa
