#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "domain/orders/ledger.h"
#include "domain/orders/order.h"
#include "domain/orders/order_status.h"
#include "domain/orders/review.h"
#include "domain/orders/routing.h"

namespace daifa {
namespace {

TEST(OrderStatus, MovesFollowTheFlowAndCancelOnlyBeforeShipping) {
  EXPECT_TRUE(can_move(OrderStatus::received, OrderStatus::routed));
  EXPECT_TRUE(can_move(OrderStatus::on_hold, OrderStatus::routed));
  EXPECT_TRUE(can_move(OrderStatus::purchased, OrderStatus::partially_shipped));
  EXPECT_TRUE(can_move(OrderStatus::shipped, OrderStatus::delivered));
  EXPECT_FALSE(can_move(OrderStatus::received, OrderStatus::shipped));
  EXPECT_FALSE(can_move(OrderStatus::delivered, OrderStatus::routed));
  EXPECT_FALSE(can_move(OrderStatus::cancelled, OrderStatus::routed));
  for (auto s : {OrderStatus::received, OrderStatus::on_hold, OrderStatus::routed, OrderStatus::purchased}) {
    EXPECT_TRUE(can_move(s, OrderStatus::cancelled)) << to_string(s);
  }
  for (auto s : {OrderStatus::partially_shipped, OrderStatus::shipped, OrderStatus::delivered, OrderStatus::completed,
                 OrderStatus::cancelled}) {
    EXPECT_FALSE(can_move(s, OrderStatus::cancelled)) << to_string(s);
  }
  for (int i = 0; i <= 8; ++i) {
    auto s = static_cast<OrderStatus>(i);
    EXPECT_EQ(parse_order_status(to_string(s)), s);
  }
  EXPECT_EQ(parse_hold_reason("cod_limit"), HoldReason::cod_limit);
}

ShippingAddress good_address() {
  return ShippingAddress{"张三", "138 0000 0000", "CN", "浙江省", "杭州市", "西湖区", "文三路 1 号", "310000"};
}

TEST(Review, AddressCompletenessNamesTheMissingFields) {
  EXPECT_TRUE(missing_address_fields(good_address()).empty());
  auto a = good_address();
  a.district = " ";
  a.phone = "12345";
  EXPECT_EQ(missing_address_fields(a), (std::vector<std::string>{"phone", "district"}));
  a = good_address();
  a.phone = "0571-88888888";  // a landline with its area code
  EXPECT_TRUE(missing_address_fields(a).empty());
  a = ShippingAddress{"John", "+1 415 555 0100", "US", "", "San Francisco", "", "1 Market St", ""};
  EXPECT_EQ(missing_address_fields(a), (std::vector<std::string>{"postal_code"}));
}

TEST(Review, NormalisesPhonesAndAddressesForMatching) {
  EXPECT_EQ(normalize_phone("+86 138-0000-0000"), "13800000000");
  EXPECT_EQ(normalize_phone("0086 13800000000"), "13800000000");
  EXPECT_EQ(normalize_phone("138 0000 0000"), "13800000000");
  auto a = good_address();
  auto b = good_address();
  b.line1 = "文三路1号，";
  EXPECT_EQ(normalize_address(a), normalize_address(b));
}

TEST(Review, EveryReasonThatAppliesOnce) {
  ReviewPolicy policy;
  ReviewFacts f;
  f.address = good_address();
  f.order_total = Money{11'800, *Currency::parse("CNY")};
  f.routed_cost_minor = 6'000;
  EXPECT_TRUE(review(policy, f).empty());

  f.cash_on_delivery = true;
  f.customer_open_cod_minor = 295'000;  // with this order: 306,800 > 300,000
  f.blacklist_match = true;
  f.recent_similar_orders = 1;
  f.routed_cost_minor = 11'000;  // margin 800 / 11,800 = 6.8 % < 10 %
  f.address.city = "";
  EXPECT_EQ(review(policy, f), (std::vector<HoldReason>{HoldReason::address_incomplete, HoldReason::blacklisted,
                                                         HoldReason::cod_limit, HoldReason::margin_below_floor,
                                                         HoldReason::duplicate_suspected}));
}

TEST(Review, CodLimitPerOrder) {
  ReviewFacts f;
  f.address = good_address();
  f.cash_on_delivery = true;
  f.order_total = Money{100'001, *Currency::parse("CNY")};
  EXPECT_EQ(review(ReviewPolicy{}, f), (std::vector<HoldReason>{HoldReason::cod_limit}));
  f.order_total.amount_minor = 100'000;
  EXPECT_TRUE(review(ReviewPolicy{}, f).empty());
}

RouteCandidate offer(Id offer_id, Id supplier, std::int64_t unit, std::int64_t ship, std::int64_t stock,
                     std::int64_t lead = 2, std::int64_t score = 5'000) {
  return RouteCandidate{offer_id, supplier, unit, ship, stock, lead, score, true, true};
}

TEST(Routing, EachLineToItsCheapestLandedOfferWithStock) {
  RouteLine line{"TS-RED-M", 2, {offer(1, 10, 2'500, 500, 1), offer(2, 20, 2'600, 300, 5), offer(3, 30, 2'400, 900, 5)}};
  auto r = route_order({line});
  ASSERT_TRUE(r[0].chosen);
  // offer 1 has too little stock; offer 2: 5,200 + 300 = 5,500; offer 3: 4,800 + 900 = 5,700.
  EXPECT_EQ(r[0].chosen->offer_id, 2);
  EXPECT_NE(r[0].reason.find("lowest landed cost 55.00"), std::string::npos) << r[0].reason;
  EXPECT_NE(r[0].reason.find("offer 1 (stock 1 < 2)"), std::string::npos) << r[0].reason;
}

TEST(Routing, PrefersOneSupplierForTheWholeOrder) {
  RouteLine shirt{"TS", 1, {offer(1, 10, 2'000, 500, 9), offer(2, 20, 2'100, 500, 9)}};
  RouteLine socks{"SK", 1, {offer(3, 10, 900, 500, 9), offer(4, 30, 500, 500, 9)}};
  auto r = route_order({shirt, socks});
  // Supplier 10 serves both (one parcel) although socks alone are cheaper at supplier 30.
  EXPECT_EQ(r[0].chosen->offer_id, 1);
  EXPECT_EQ(r[1].chosen->offer_id, 3);
  EXPECT_NE(r[0].reason.find("one supplier for the whole order"), std::string::npos) << r[0].reason;
}

TEST(Routing, SplitsWhenNoSupplierCanServeEverythingAndHoldsWhatNobodyCan) {
  RouteLine shirt{"TS", 3, {offer(1, 10, 2'000, 500, 9)}};
  RouteLine socks{"SK", 1, {offer(2, 20, 500, 300, 9)}};
  RouteLine hat{"HT", 5, {offer(3, 10, 1'000, 300, 4)}};
  auto r = route_order({shirt, socks, hat});
  EXPECT_EQ(r[0].chosen->supplier_id, 10);
  EXPECT_EQ(r[1].chosen->supplier_id, 20);
  EXPECT_FALSE(r[2].chosen);
  EXPECT_NE(r[2].reason.find("stock 4 < 5"), std::string::npos) << r[2].reason;
}

TEST(Routing, TiesBreakByLeadTimeThenScoreThenOfferId) {
  RouteLine line{"X", 1, {offer(7, 1, 1'000, 0, 9, 3), offer(5, 2, 1'000, 0, 9, 2, 4'000), offer(6, 3, 1'000, 0, 9, 2, 9'000)}};
  EXPECT_EQ(route_order({line})[0].chosen->offer_id, 6);
  RouteLine same{"X", 1, {offer(9, 1, 1'000, 0, 9), offer(8, 2, 1'000, 0, 9)}};
  EXPECT_EQ(route_order({same})[0].chosen->offer_id, 8);
}

TEST(Routing, InactiveAndForeignCurrencyOffersAreNeverChosen) {
  auto inactive = offer(1, 10, 100, 0, 9);
  inactive.active = false;
  auto foreign = offer(2, 20, 100, 0, 9);
  foreign.same_currency = false;
  auto r = route_order({RouteLine{"X", 1, {inactive, foreign}}});
  EXPECT_FALSE(r[0].chosen);
  EXPECT_NE(r[0].reason.find("inactive"), std::string::npos);
  EXPECT_NE(r[0].reason.find("other currency"), std::string::npos);
}

// Seeded simulation: whatever the offers, a chosen offer can serve its line, and the choice does not depend
// on the order in which offers are listed (routing is predictable).
TEST(Routing, ChoicesAreUsableAndIndependentOfCandidateOrder) {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 2'000; ++round) {
    std::vector<RouteLine> lines(1 + rng() % 4);
    Id next_offer = 1;
    for (auto& line : lines) {
      line.sku = "S" + std::to_string(&line - lines.data());
      line.quantity = 1 + static_cast<std::int64_t>(rng() % 5);
      for (int k = 0, n = static_cast<int>(rng() % 5); k < n; ++k) {
        auto c = offer(next_offer++, 1 + static_cast<Id>(rng() % 4), 100 + static_cast<std::int64_t>(rng() % 50),
                       static_cast<std::int64_t>(rng() % 3) * 100, static_cast<std::int64_t>(rng() % 8),
                       1 + static_cast<std::int64_t>(rng() % 3), static_cast<std::int64_t>(rng() % 3) * 1'000);
        c.active = rng() % 10 != 0;
        line.candidates.push_back(c);
      }
    }
    auto first = route_order(lines);
    for (auto& line : lines) std::shuffle(line.candidates.begin(), line.candidates.end(), rng);
    auto second = route_order(lines);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      ASSERT_EQ(first[i].chosen.has_value(), second[i].chosen.has_value()) << round;
      if (!first[i].chosen) continue;
      EXPECT_EQ(first[i].chosen->offer_id, second[i].chosen->offer_id) << round;
      EXPECT_TRUE(first[i].chosen->active);
      EXPECT_GE(first[i].chosen->stock, lines[i].quantity);
    }
  }
}

Money cny(std::int64_t minor) { return Money{minor, *Currency::parse("CNY")}; }

OrderDraft sample_draft() {
  OrderDraft d;
  d.channel_id = 1;
  d.external_id = "SO-1";
  d.shipping_address = ShippingAddress{"张三", "13800000000", "CN", "浙江省", "杭州市", "西湖区", "文三路 1 号", ""};
  d.lines = {DraftLine{"TS-RED-M", 2, cny(5900)}, DraftLine{"TS-BLU-L", 1, cny(6900)}};
  return d;
}

TEST(OrderDraft, AValidDraftHasNoErrorsAndItsTotalIsExact) {
  OrderDraft d = sample_draft();
  d.shipping_fee = cny(1000);
  EXPECT_TRUE(validate_order_draft(d).empty());
  EXPECT_EQ(order_total(d), cny(2 * 5900 + 6900 + 1000));
}

TEST(OrderDraft, EveryBadFieldIsNamedByItsPath) {
  OrderDraft d = sample_draft();
  d.external_id.clear();
  d.lines[1].quantity = 0;
  d.lines[1].unit_price = Money{100, *Currency::parse("USD")};
  d.shipping_address.country = "China";
  d.payment_method = PaymentMethod::cod;
  d.paid = cny(100);
  std::vector<std::string> fields;
  for (const auto& e : validate_order_draft(d)) fields.push_back(e.field);
  for (std::string_view f : {"external_id", "lines[1].quantity", "lines[1].unit_price.currency",
                             "shipping_address.country", "payment.paid"}) {
    EXPECT_NE(std::find(fields.begin(), fields.end(), f), fields.end()) << f;
  }
  OrderDraft empty = sample_draft();
  empty.lines.clear();
  EXPECT_EQ(validate_order_draft(empty).at(0).field, "lines");
}

TEST(OrderDraft, AnIncompleteAddressIsNotAnErrorButAHold) {
  OrderDraft d = sample_draft();
  d.shipping_address.district.clear();
  EXPECT_TRUE(validate_order_draft(d).empty());
  EXPECT_EQ(missing_address_fields(d.shipping_address), std::vector<std::string>{"district"});
}

TEST(OrderDraft, TheDuplicateKeyIgnoresLineOrderAndPhoneFormatting) {
  OrderDraft a = sample_draft();
  OrderDraft b = sample_draft();
  std::swap(b.lines[0], b.lines[1]);
  b.shipping_address.phone = "+86 138-0000-0000";
  EXPECT_EQ(duplicate_key(a), duplicate_key(b));
  b.lines[0].quantity = 3;
  EXPECT_NE(duplicate_key(a), duplicate_key(b));
}

// An order's key as it stands equals its draft's; a key with a phone lies in that phone's range and no other
// phone's, not even one that starts with the same digits.
TEST(OrderDraft, TheDuplicateKeyOfAnOrderFindsItsPhone) {
  OrderDraft d = sample_draft();
  Order o;
  o.customer = d.customer;
  o.shipping_address = d.shipping_address;
  for (const DraftLine& l : d.lines) {
    OrderLine line;
    line.sku = l.sku;
    line.quantity = l.quantity;
    o.lines.push_back(line);
  }
  const std::string key = duplicate_key(o);
  EXPECT_EQ(key, duplicate_key(d));
  const std::string phone = normalize_phone(d.shipping_address.phone);
  ASSERT_FALSE(phone.empty());
  auto in = [&](const std::string& k, const std::string& p) {
    auto [first, after] = duplicate_key_phone_range(p);
    return k >= first && k < after;
  };
  EXPECT_TRUE(in(key, phone));
  EXPECT_FALSE(in(key, phone.substr(0, phone.size() - 1)));
  o.shipping_address.phone = d.shipping_address.phone + "7";
  EXPECT_FALSE(in(duplicate_key(o), phone));
  EXPECT_TRUE(in(duplicate_key(o), phone + "7"));
  // No shipping phone: the customer's.
  o.shipping_address.phone.clear();
  o.customer.phone = "139 0000 1111";
  EXPECT_TRUE(in(duplicate_key(o), "13900001111"));
}

TEST(PurchaseOrderStatus, MovesFollowTheSupplierAnswers) {
  EXPECT_TRUE(can_move(PoStatus::placed, PoStatus::accepted));
  EXPECT_TRUE(can_move(PoStatus::placed, PoStatus::rejected));
  EXPECT_TRUE(can_move(PoStatus::accepted, PoStatus::shipped));
  EXPECT_FALSE(can_move(PoStatus::placed, PoStatus::shipped));
  EXPECT_FALSE(can_move(PoStatus::shipped, PoStatus::cancelled));
  EXPECT_FALSE(can_move(PoStatus::rejected, PoStatus::accepted));
  for (auto s : {PoStatus::placed, PoStatus::accepted, PoStatus::rejected, PoStatus::shipped, PoStatus::delivered,
                 PoStatus::cancelled}) {
    EXPECT_EQ(parse_po_status(to_string(s)), s);
  }
}

TEST(Ledger, EveryEntryBalances) {
  Order prepaid;
  prepaid.goods_total = cny(11800);
  prepaid.shipping_fee = cny(1000);
  prepaid.total = cny(12800);
  prepaid.paid = cny(12000);
  auto sale = sale_postings(prepaid);
  EXPECT_TRUE(balances(sale));
  EXPECT_EQ(sale.size(), 4u);  // clearing, the unpaid rest as receivable, revenue, shipping revenue
  Order cod = prepaid;
  cod.payment_method = PaymentMethod::cod;
  cod.paid = cny(0);
  auto cod_sale = sale_postings(cod);
  EXPECT_TRUE(balances(cod_sale));
  EXPECT_EQ(cod_sale.front().account, ledger_account::kCodReceivable);
  PurchaseOrder po;
  po.cost_total = cny(5000);
  po.shipping_cost = cny(500);
  EXPECT_TRUE(balances(po_acceptance_postings(po)));
  EXPECT_TRUE(balances(po_payment_postings(po)));
  EXPECT_FALSE(balances({{ledger_account::kCash, 1}}));
}

}  // namespace
}  // namespace daifa
