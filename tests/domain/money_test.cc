#include <gtest/gtest.h>

#include "domain/common/money.h"

namespace daifa {
namespace {

TEST(Money, ParsesDecimalStringsExactly) {
  EXPECT_EQ(parse_decimal_minor("59.90", 2), 5990);
  EXPECT_EQ(parse_decimal_minor("59.9", 2), 5990);
  EXPECT_EQ(parse_decimal_minor("59", 2), 5900);
  EXPECT_EQ(parse_decimal_minor("0.01", 2), 1);
  EXPECT_EQ(parse_decimal_minor("-3.50", 2), -350);
  EXPECT_EQ(parse_decimal_minor("1.230", 2), 123);  // trailing zeros beyond the minor unit are harmless
  EXPECT_EQ(parse_decimal_minor("1500", 0), 1500);
  // 0.1 + 0.2 style inputs are exact, unlike doubles.
  EXPECT_EQ(parse_decimal_minor("0.30", 2), 30);
}

TEST(Money, RefusesWhatIsNotAPlainDecimal) {
  for (const char* bad : {"", "-", ".", "1.2.3", "1e3", "abc", "1,000.00", " 1.00", "1.234", "0x10", "１２"}) {
    EXPECT_FALSE(parse_decimal_minor(bad, 2)) << bad;
  }
  EXPECT_FALSE(parse_decimal_minor("1.5", 0));
  EXPECT_FALSE(parse_decimal_minor("99999999999999999999", 2));  // overflow
}

TEST(Money, FormatsMinorUnits) {
  EXPECT_EQ(format_decimal_minor(5990, 2), "59.90");
  EXPECT_EQ(format_decimal_minor(5, 2), "0.05");
  EXPECT_EQ(format_decimal_minor(-350, 2), "-3.50");
  EXPECT_EQ(format_decimal_minor(1500, 0), "1500");
  EXPECT_EQ(format_decimal_minor(INT64_MIN, 2), "-92233720368547758.08");
}

TEST(Money, RoundTripsEveryFormattedValue) {
  for (std::int64_t v : std::initializer_list<std::int64_t>{0, 1, 99, 100, 123456789, -1, -100, INT64_MAX}) {
    EXPECT_EQ(parse_decimal_minor(format_decimal_minor(v, 2), 2), v);
  }
}

TEST(Money, AddsOnlyTheSameCurrency) {
  auto cny = *Currency::parse("CNY");
  auto usd = *Currency::parse("USD");
  EXPECT_EQ(add(Money{100, cny}, Money{250, cny}), (Money{350, cny}));
  EXPECT_FALSE(add(Money{100, cny}, Money{250, usd}));
  EXPECT_FALSE(add(Money{INT64_MAX, cny}, Money{1, cny}));
}

TEST(Money, KnowsMinorDigitsAndRefusesUnknownCodes) {
  EXPECT_EQ(Currency::parse("CNY")->minor_digits(), 2);
  EXPECT_EQ(Currency::parse("JPY")->minor_digits(), 0);
  EXPECT_FALSE(Currency::parse("cny"));
  EXPECT_FALSE(Currency::parse("XXX"));
}

}  // namespace
}  // namespace daifa
