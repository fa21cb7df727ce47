#include "domain/common/money.h"

#include <array>
#include <cstdlib>
#include <limits>

namespace daifa {
namespace {

struct KnownCurrency {
  std::string_view code;
  int minor_digits;
};

constexpr std::array kKnownCurrencies{
    KnownCurrency{"CNY", 2}, KnownCurrency{"USD", 2}, KnownCurrency{"EUR", 2}, KnownCurrency{"HKD", 2},
    KnownCurrency{"GBP", 2}, KnownCurrency{"JPY", 0}, KnownCurrency{"KRW", 0}, KnownCurrency{"TWD", 2},
    KnownCurrency{"SGD", 2}, KnownCurrency{"AUD", 2}, KnownCurrency{"CAD", 2}, KnownCurrency{"MYR", 2},
    KnownCurrency{"THB", 2}, KnownCurrency{"VND", 0}, KnownCurrency{"IDR", 2}, KnownCurrency{"PHP", 2},
};

}  // namespace

Currency::Currency(std::string_view code, int minor_digits) : minor_digits_(minor_digits) {
  for (int i = 0; i < 3; ++i) code_[i] = code[static_cast<std::size_t>(i)];
}

std::optional<Currency> Currency::parse(std::string_view code) {
  for (const auto& known : kKnownCurrencies) {
    if (known.code == code) return Currency(known.code, known.minor_digits);
  }
  return std::nullopt;
}

std::optional<Money> add(const Money& a, const Money& b) {
  if (!(a.currency == b.currency)) return std::nullopt;
  std::int64_t sum = 0;
  if (__builtin_add_overflow(a.amount_minor, b.amount_minor, &sum)) return std::nullopt;
  return Money{sum, a.currency};
}

std::optional<std::int64_t> parse_decimal_minor(std::string_view text, int minor_digits) {
  if (text.empty() || text.size() > 40) return std::nullopt;
  bool negative = false;
  std::size_t i = 0;
  if (text[0] == '-' || text[0] == '+') {
    negative = text[0] == '-';
    i = 1;
  }
  std::int64_t value = 0;
  int fraction_digits = -1;  // -1: no decimal point seen yet
  bool any_digit = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c == '.') {
      if (fraction_digits >= 0) return std::nullopt;
      fraction_digits = 0;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    any_digit = true;
    if (fraction_digits >= 0) {
      if (fraction_digits == minor_digits) {
        if (c != '0') return std::nullopt;  // "1.230" is fine with 2 digits, "1.234" is not
        continue;
      }
      ++fraction_digits;
    }
    if (__builtin_mul_overflow(value, 10, &value)) return std::nullopt;
    if (__builtin_add_overflow(value, c - '0', &value)) return std::nullopt;
  }
  if (!any_digit) return std::nullopt;
  for (int d = fraction_digits < 0 ? 0 : fraction_digits; d < minor_digits; ++d) {
    if (__builtin_mul_overflow(value, 10, &value)) return std::nullopt;
  }
  return negative ? -value : value;
}

std::string format_decimal_minor(std::int64_t amount_minor, int minor_digits) {
  bool negative = amount_minor < 0;
  // Work in unsigned so that INT64_MIN formats correctly.
  std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(amount_minor) : static_cast<std::uint64_t>(amount_minor);
  std::string digits = std::to_string(magnitude);
  if (minor_digits > 0) {
    auto width = static_cast<std::size_t>(minor_digits);
    if (digits.size() <= width) digits.insert(0, width + 1 - digits.size(), '0');
    digits.insert(digits.size() - width, ".");
  }
  return negative ? "-" + digits : digits;
}

}  // namespace daifa
