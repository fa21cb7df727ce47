#include <gtest/gtest.h>

#include "domain/catalog/supplier.h"
#include "domain/common/validation.h"
#include "domain/distribution/distributor.h"

namespace daifa {
namespace {

TEST(Validation, CountsCharactersNotBytes) {
  FieldErrors e;
  check_text(e, "name", "义乌佳美", 1, 4);  // 4 characters, 12 bytes
  EXPECT_TRUE(e.empty());
  check_text(e, "name", "义乌佳美服", 1, 4);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].code, "too_long");
}

TEST(Validation, RejectsBrokenUtf8AndControlCharacters) {
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));      // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));  // surrogate
  EXPECT_FALSE(is_valid_utf8("\xE4\xB9"));      // truncated
  EXPECT_TRUE(is_valid_utf8("红色 M 码"));
  FieldErrors e;
  check_text(e, "name", std::string("a\0b", 3), 1, 10);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].code, "control_character");
}

TEST(Validation, EmailAndPhone) {
  FieldErrors e;
  check_email(e, "email", "wang@example.com");
  check_phone(e, "phone", "+86 138-0000-0000");
  EXPECT_TRUE(e.empty());
  check_email(e, "email", "not-an-email");
  check_email(e, "email", "a@b@c");
  check_phone(e, "phone", "call me");
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[2].field, "phone");
}

TEST(SupplierRules, NameEveryBrokenField) {
  Supplier s;
  s.name = "";
  s.contact = Contact{"", "abc", "bad"};
  s.moq = 0;
  s.lead_time_days = 400;
  FieldErrors e = validate(s);
  std::vector<std::string> fields;
  for (const auto& err : e) fields.push_back(err.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"name", "contact.name", "contact.phone", "contact.email", "moq",
                                              "lead_time_days"}));
}

TEST(DistributorRules, TierAndSelfReferral) {
  Distributor d;
  d.id = 42;
  d.name = "店";
  d.contact = Contact{"李", "13900000000", ""};
  d.tier = 6;
  d.referrer_id = 42;
  FieldErrors e = validate(d);
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].field, "tier");
  EXPECT_EQ(e[1].code, "self_reference");
}

}  // namespace
}  // namespace daifa
