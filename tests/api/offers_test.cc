// Offers, the sync push, the change journal and alerts through the API, on both stores.
#include <gtest/gtest.h>

#include <thread>
#include <tuple>

#include "app/catalog/offers.h"
#include "integrations/spreadsheet/xlsx_writer.h"
#include "support/test_server.h"

namespace daifa::testing {
namespace {

namespace json = boost::json;

class Offers : public ::testing::TestWithParam<Backend> {
 protected:
  std::string offer_path(Id id) { return "/api/v1/offers/" + id_to_string(id); }
  std::string supplier_a() { return id_to_string(server_.parties().supplier_a); }
  std::string supplier_b() { return id_to_string(server_.parties().supplier_b); }

  // A new offer of supplier a (TS-RED-M, cost 25.00 + 5.00 shipping, price 59.00) with this supplier SKU.
  json::object add_offer(std::string_view supplier_sku, std::int64_t stock = 10, std::int64_t cost = 2500,
                         std::string supplier = {}) {
    auto r = owner_.post("/api/v1/offers", R"({"supplier_id":")" + (supplier.empty() ? supplier_a() : supplier) +
                                               R"(","sku":"TS-RED-M","supplier_sku":")" + std::string(supplier_sku) +
                                               R"(","cost":{"amount":)" + std::to_string(cost) +
                                               R"(,"currency":"CNY"},"shipping_cost":{"amount":500,"currency":"CNY"},"stock":)" +
                                               std::to_string(stock) + "}");
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().as_object();
  }

  json::array journal(HttpClient& c, const std::string& query) {
    auto r = c.get("/api/v1/stock-journal?limit=500" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().at("items").as_array();
  }
  std::size_t journal_size() { return journal(owner_, "").size(); }

  json::array alerts(HttpClient& c, const std::string& query = "") {
    auto r = c.get("/api/v1/alerts?limit=500" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().at("items").as_array();
  }

  json::object sync(HttpClient& c, const std::string& supplier, const std::string& items, int expect_status = 200) {
    auto r = c.post("/api/v1/offers/sync", R"({"supplier_id":")" + supplier + R"(","items":)" + items + "}");
    EXPECT_EQ(r.status, expect_status) << r.body;
    return r.status == 200 ? r.json().as_object() : json::object{};
  }

  TestServer server_{GetParam()};
  HttpClient owner_ = server_.signed_in("owner");
};

TEST_P(Offers, AnOfferIsCreatedReadAndItsOpeningFiguresJournaled) {
  auto c = server_.signed_in("operator");
  auto r = c.post("/api/v1/offers", R"({"supplier_id":")" + supplier_b() +
                                        R"(","sku":"TS-RED-M","supplier_sku":"BY-9001","cost":{"amount":3100,"currency":"CNY"},
                                         "shipping_cost":{"amount":600,"currency":"CNY"},"stock":42,"lead_time_days":4,"active":true})");
  ASSERT_EQ(r.status, 201) << r.body;
  auto o = r.json().as_object();
  EXPECT_EQ(o.at("supplier_sku").as_string(), "BY-9001");
  EXPECT_EQ(o.at("sku").as_string(), "TS-RED-M");
  EXPECT_EQ(o.at("cost").at("amount").as_int64(), 3100);
  EXPECT_EQ(o.at("stock").as_int64(), 42);
  EXPECT_EQ(o.at("version").as_int64(), 1);
  std::string location(r.header("Location").value_or(""));
  EXPECT_EQ(location, "/api/v1/offers/" + std::string(o.at("id").as_string()));
  EXPECT_EQ(c.get(location).json().as_object(), o);

  auto rows = journal(c, "&offer_id=" + std::string(o.at("id").as_string()));
  ASSERT_EQ(rows.size(), 2u);
  for (const auto& row : rows) {
    EXPECT_TRUE(row.at("old").is_null());
    EXPECT_EQ(row.at("reason").as_string(), "created");
    EXPECT_EQ(row.at("actor").as_string(), server_.email("operator"));
  }
  EXPECT_EQ(rows[0].at("field").as_string(), "cost");  // newest first: the cost row was written last
  EXPECT_EQ(rows[0].at("new").at("amount").as_int64(), 3100);
  EXPECT_EQ(rows[1].at("new").as_int64(), 42);

  // Without lead time and shipping: the supplier's lead time and free shipping.
  auto minimal = c.post("/api/v1/offers", R"({"supplier_id":")" + supplier_b() +
                                              R"(","sku":"TS-RED-M","supplier_sku":"BY-9002","cost":{"amount":3100,"currency":"CNY"}})");
  ASSERT_EQ(minimal.status, 201) << minimal.body;
  EXPECT_EQ(minimal.json().at("lead_time_days").as_int64(), 3);
  EXPECT_EQ(minimal.json().at("shipping_cost").at("amount").as_int64(), 0);
  EXPECT_EQ(minimal.json().at("stock").as_int64(), 0);
}

TEST_P(Offers, BadOffersAre422NamingEachField) {
  auto error_of = [](const HttpResult& r) {
    std::vector<std::string> out;
    const json::value body = r.json();
    for (const auto& e : body.at("errors").as_array()) {
      out.push_back(std::string(e.at("field").as_string()) + ":" + std::string(e.at("code").as_string()));
    }
    return out;
  };
  auto r = owner_.post("/api/v1/offers", R"({"supplier_id":")" + supplier_a() +
                                             R"(","sku":"NO-SUCH","supplier_sku":"X","cost":{"amount":100,"currency":"CNY"}})");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(error_of(r), std::vector<std::string>{"sku:unknown_sku"});

  // The seeded offer of supplier a has supplier SKU "S-<supplier a>".
  r = owner_.post("/api/v1/offers", R"({"supplier_id":")" + supplier_a() + R"(","sku":"TS-RED-M","supplier_sku":"S-)" +
                                        supplier_a() + R"(","cost":{"amount":100,"currency":"CNY"}})");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(error_of(r), std::vector<std::string>{"supplier_sku:taken"});
  // The same supplier SKU at another supplier is fine.
  r = owner_.post("/api/v1/offers", R"({"supplier_id":")" + supplier_b() + R"(","sku":"TS-RED-M","supplier_sku":"S-)" +
                                        supplier_a() + R"(","cost":{"amount":100,"currency":"CNY"}})");
  EXPECT_EQ(r.status, 201) << r.body;

  r = owner_.post("/api/v1/offers", R"({"supplier_id":")" + supplier_a() +
                                        R"(","sku":"TS-RED-M","supplier_sku":"U-1","cost":{"amount":100,"currency":"USD"},
                                         "stock":-1,"lead_time_days":"soon","colour":"red"})");
  EXPECT_EQ(r.status, 422);
  auto errors = error_of(r);
  std::sort(errors.begin(), errors.end());
  EXPECT_EQ(errors, (std::vector<std::string>{"colour:unknown_field", "lead_time_days:must_be_integer"}))
      << "shape errors come first, alone";
  r = owner_.post("/api/v1/offers", R"({"supplier_id":")" + supplier_a() +
                                        R"(","sku":"TS-RED-M","supplier_sku":"U-1","cost":{"amount":100,"currency":"USD"},"stock":-1})");
  EXPECT_EQ(r.status, 422);
  errors = error_of(r);
  std::sort(errors.begin(), errors.end());
  EXPECT_EQ(errors, (std::vector<std::string>{"cost:currency_mismatch", "stock:negative"})) << r.body;

  r = owner_.post("/api/v1/offers", R"({"supplier_id":"123","sku":"TS-RED-M","supplier_sku":"U-2","cost":{"amount":1,"currency":"CNY"}})");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(error_of(r), std::vector<std::string>{"supplier_id:unknown_supplier"});
  EXPECT_EQ(owner_.get("/api/v1/offers?supplier_id=" + supplier_a()).json().at("items").as_array().size(), 1u)
      << "nothing was written";
}

TEST_P(Offers, EditsNeedTheCurrentVersionAndJournalWhatChanged) {
  Id id = server_.parties().offer_a;
  auto stale = owner_.patch(offer_path(id), R"({"stock":3,"version":7})");
  EXPECT_EQ(stale.status, 409);
  auto missing = owner_.patch(offer_path(id), R"({"stock":3})");
  EXPECT_EQ(missing.status, 422);
  auto r = owner_.patch(offer_path(id), R"({"stock":3,"cost":{"amount":2600,"currency":"CNY"},"lead_time_days":5,"reason":"盘点"})",
                        {{"If-Match", "\"1\""}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("version").as_int64(), 2);
  EXPECT_EQ(r.header("ETag").value_or(""), "\"2\"");
  EXPECT_EQ(r.json().at("stock").as_int64(), 3);
  EXPECT_EQ(owner_.patch(offer_path(id), R"({"stock":4,"version":1})").status, 409) << "the old version is stale now";

  auto rows = journal(owner_, "&offer_id=" + id_to_string(id));
  ASSERT_EQ(rows.size(), 4u);  // two opening rows, then stock and cost
  EXPECT_EQ(rows[0].at("field").as_string(), "cost");
  EXPECT_EQ(rows[0].at("old").at("amount").as_int64(), 2500);
  EXPECT_EQ(rows[0].at("new").at("amount").as_int64(), 2600);
  EXPECT_EQ(rows[1].at("field").as_string(), "stock");
  EXPECT_EQ(rows[1].at("old").as_int64(), 10);
  EXPECT_EQ(rows[1].at("new").as_int64(), 3);
  EXPECT_EQ(rows[1].at("reason").as_string(), "盘点");
  EXPECT_EQ(rows[1].at("actor").as_string(), server_.email("owner"));

  // An edit that changes neither stock nor cost writes no journal row.
  r = owner_.patch(offer_path(id), R"({"lead_time_days":6,"version":2})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(journal(owner_, "&offer_id=" + id_to_string(id)).size(), 4u);

  auto bad = owner_.patch(offer_path(id), R"({"sku":"OTHER","stock":-5,"cost":{"amount":1,"currency":"USD"},"version":3})");
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(bad.json().at("errors").at(0).at("field").as_string(), "sku");
  EXPECT_EQ(bad.json().at("errors").at(0).at("code").as_string(), "read_only");
  bad = owner_.patch(offer_path(id), R"({"stock":-5,"cost":{"amount":1,"currency":"USD"},"version":3})");
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(bad.json().at("errors").as_array().size(), 3u) << bad.body;  // stock, cost, shipping_cost currencies
}

TEST_P(Offers, ASupplierEditsOnlyItsOwnOffersAndOnlyItsFigures) {
  auto s = server_.signed_in("supplier");
  Id own = server_.parties().offer_a, other = server_.parties().offer_b;
  EXPECT_EQ(s.get(offer_path(other)).status, 404);
  EXPECT_EQ(s.patch(offer_path(other), R"({"stock":1,"version":1})").status, 404);
  auto refused = s.patch(offer_path(own), R"({"supplier_sku":"MINE","version":1})");
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.json().at("errors").at(0).at("code").as_string(), "not_allowed_for_role");
  auto r = s.patch(offer_path(own), R"({"stock":0,"shipping_cost":{"amount":800,"currency":"CNY"},"active":true,"version":1})");
  ASSERT_EQ(r.status, 200) << r.body;
  auto rows = journal(s, "&offer_id=" + id_to_string(own) + "&field=stock");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].at("new").as_int64(), 0);
  EXPECT_EQ(rows[0].at("actor").as_string(), server_.email("supplier"));
  EXPECT_EQ(server_.signed_in("owner").get(offer_path(other)).json().at("stock").as_int64(), 10);
}

TEST_P(Offers, ListsFilterBySkuSupplierAndActive) {
  add_offer("A-2", 5);
  auto inactive = add_offer("A-3", 5);
  ASSERT_EQ(owner_.patch(offer_path(*parse_id(inactive.at("id").as_string())), R"({"active":false,"version":1})").status, 200);
  EXPECT_EQ(owner_.get("/api/v1/offers?sku=TS-RED-M").json().at("items").as_array().size(), 4u);
  EXPECT_EQ(owner_.get("/api/v1/offers?sku=NOPE").json().at("items").as_array().size(), 0u);
  EXPECT_EQ(owner_.get("/api/v1/offers?active=false").json().at("items").as_array().size(), 1u);
  EXPECT_EQ(owner_.get("/api/v1/offers?active=true&supplier_id=" + supplier_a()).json().at("items").as_array().size(), 2u);
  EXPECT_EQ(owner_.get("/api/v1/offers?active=yes").status, 400);
  EXPECT_EQ(owner_.get("/api/v1/offers?supplier_id=x").status, 400);
}

TEST_P(Offers, SyncAppliesEachItemAloneAndJournalsExactlyTheChanges) {
  add_offer("A-2", 5, 2000);
  add_offer("A-3", 7, 3000);
  add_offer("A-4", 7, 3000);
  auto s = server_.signed_in("supplier");
  const std::string seeded = "S-" + supplier_a();
  const std::size_t before = journal_size();
  auto report = sync(s, supplier_a(), R"([
      {"supplier_sku":")" + seeded + R"(","stock":8},
      {"supplier_sku":"A-2","stock":-3},
      {"supplier_sku":"A-2","stock":6,"cost":{"amount":2100,"currency":"CNY"}},
      {"supplier_sku":"NOPE","stock":1},
      {"supplier_sku":"A-4","cost":{"amount":3000,"currency":"USD"}},
      {"supplier_sku":"A-3","stock":7},
      {"supplier_sku":"A-3","stock":9},
      {"stock":1},
      "junk",
      {"supplier_sku":"A-2","colour":"red","stock":1}])");
  ASSERT_FALSE(report.empty());
  struct Want {
    std::string status, field, code;
  };
  std::vector<Want> want{{"applied", "", ""},
                         {"refused", "items[1].stock", "negative"},
                         {"applied", "", ""},
                         {"refused", "items[3].supplier_sku", "unknown_supplier_sku"},
                         {"refused", "items[4].cost", "currency_mismatch"},
                         {"unchanged", "", ""},
                         {"refused", "items[6].supplier_sku", "duplicate_item"},
                         {"refused", "items[7].supplier_sku", "required"},
                         {"refused", "items[8]", "must_be_object"},
                         {"refused", "items[9].colour", "unknown_field"}};
  const auto& results = report.at("results").as_array();
  ASSERT_EQ(results.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(results[i].at("index").as_int64(), static_cast<std::int64_t>(i));
    EXPECT_EQ(results[i].at("status").as_string(), want[i].status);
    if (want[i].field.empty()) {
      EXPECT_FALSE(results[i].as_object().contains("error"));
    } else {
      EXPECT_EQ(results[i].at("error").at("field").as_string(), want[i].field);
      EXPECT_EQ(results[i].at("error").at("code").as_string(), want[i].code);
      EXPECT_FALSE(results[i].at("error").at("message").as_string().empty());
    }
  }
  EXPECT_EQ(results[2].at("supplier_sku").as_string(), "A-2");
  EXPECT_EQ(report.at("applied").as_int64(), 2);
  EXPECT_EQ(report.at("unchanged").as_int64(), 1);
  EXPECT_EQ(report.at("refused").as_int64(), 7);

  // Exactly three rows: the seeded offer's stock 10 → 8, A-2's stock 5 → 6 and cost 2000 → 2100.
  auto rows = journal(owner_, "");
  ASSERT_EQ(rows.size(), before + 3);
  std::vector<std::string> got;
  for (std::size_t i = 0; i < 3; ++i) {
    const auto& row = rows[i];
    EXPECT_EQ(row.at("reason").as_string(), "sync");
    EXPECT_EQ(row.at("actor").as_string(), server_.email("supplier"));
    auto value = [](const json::value& v) {
      return v.is_object() ? std::to_string(v.at("amount").as_int64()) : std::to_string(v.as_int64());
    };
    got.push_back(std::string(row.at("field").as_string()) + " " + value(row.at("old")) + "→" + value(row.at("new")));
  }
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, (std::vector<std::string>{"cost 2000→2100", "stock 10→8", "stock 5→6"}));
  auto offer = owner_.get(offer_path(server_.parties().offer_a)).json();
  EXPECT_EQ(offer.at("stock").as_int64(), 8);
  EXPECT_EQ(offer.at("version").as_int64(), 2);

  // The same batch again changes nothing and writes nothing.
  auto again = sync(s, supplier_a(), R"([{"supplier_sku":")" + seeded + R"(","stock":8},
      {"supplier_sku":"A-2","stock":6,"cost":{"amount":2100,"currency":"CNY"}}])");
  EXPECT_EQ(again.at("unchanged").as_int64(), 2);
  EXPECT_EQ(again.at("applied").as_int64(), 0);
  EXPECT_EQ(journal_size(), before + 3);
}

// The HTTP push reads its offers outside the writer (app::plan_sync) and writes them in it (apply_sync).
// An offer changed in between — with a new version, or behind the version's back as shipping a purchase
// order moves stock — is read again in the transaction: the item is decided on the offer as it is when
// written, and the journal's old value is the one replaced.
TEST_P(Offers, ASyncIsDecidedOnTheOfferAsItIsWhenWritten) {
  const Id a2 = *parse_id(add_offer("A-2", 5, 2000).at("id").as_string());
  add_offer("A-3", 7, 3000);
  const Scope scope{0, Role::supplier, server_.parties().supplier_a, std::nullopt};
  std::vector<SyncItem> items(4);
  items[0].supplier_sku = "S-" + supplier_a();
  items[0].stock = 8;
  items[1].supplier_sku = "A-2";
  items[1].stock = 6;
  items[2].supplier_sku = "A-3";
  items[2].stock = 9;
  items[3].supplier_sku = "A-3-GONE";
  items[3].stock = 1;
  auto plan = app::plan_sync(server_.app(), scope, server_.parties().supplier_a, items);
  ASSERT_TRUE(plan) << plan.failure().detail;
  ASSERT_EQ(plan->pending.size(), 3u);

  // In between: the seeded offer's stock moves without a new version (the statement shipping uses), A-2 is
  // edited to the figure the item brings, and A-3's supplier SKU is renamed.
  server_.store().writer().run([&](store::Tx& tx) {
    tx.exec("UPDATE offers SET stock = 12 WHERE id = ?", {server_.parties().offer_a});
  });
  auto a2_offer = owner_.get(offer_path(a2)).json();
  ASSERT_EQ(owner_.patch(offer_path(a2), R"({"stock":6,"version":)" +
                                              std::to_string(a2_offer.at("version").as_int64()) + "}").status, 200);
  const std::size_t before = journal_size();
  server_.store().writer().run([&](store::Tx& tx) {
    tx.exec("UPDATE offers SET supplier_sku = 'A-3-NEW', version = version + 1 WHERE supplier_sku = 'A-3'");
  });

  auto report = server_.store().writer().run([&](store::Tx& tx) {
    return app::apply_sync(tx, server_.app(), scope, app::ChangeSource{"planner@test", "sync"}, *plan);
  });
  ASSERT_TRUE(report) << report.failure().detail;
  ASSERT_EQ(report->results.size(), 4u);
  EXPECT_EQ(report->results[0].status, SyncStatus::applied);
  EXPECT_EQ(report->results[1].status, SyncStatus::unchanged);
  EXPECT_EQ(report->results[2].status, SyncStatus::refused);
  EXPECT_EQ(report->results[2].error->code, "unknown_supplier_sku");
  EXPECT_EQ(report->results[3].status, SyncStatus::refused);
  EXPECT_EQ(report->applied, 1u);
  EXPECT_EQ(report->unchanged, 1u);
  EXPECT_EQ(report->refused, 2u);

  // One row: 12 → 8, the figure replaced, not the 10 that was read.
  auto rows = journal(owner_, "");
  ASSERT_EQ(rows.size(), before + 1);
  EXPECT_EQ(rows[0].at("actor").as_string(), "planner@test");
  EXPECT_EQ(rows[0].at("field").as_string(), "stock");
  EXPECT_EQ(rows[0].at("old").as_int64(), 12);
  EXPECT_EQ(rows[0].at("new").as_int64(), 8);
  EXPECT_EQ(owner_.get(offer_path(server_.parties().offer_a)).json().at("stock").as_int64(), 8);
}

TEST_P(Offers, ASupplierCannotSyncAnotherSuppliersOffers) {
  auto s = server_.signed_in("supplier");
  const std::size_t before = journal_size();
  auto r = s.post("/api/v1/offers/sync",
                  R"({"supplier_id":")" + supplier_b() + R"(","items":[{"supplier_sku":"S-)" + supplier_b() + R"(","stock":0}]})");
  EXPECT_EQ(r.status, 404) << r.body;
  // Naming its own supplier does not reach the other's items either: they are unknown SKUs here.
  auto report = sync(s, supplier_a(), R"([{"supplier_sku":"S-)" + supplier_b() + R"(","stock":0}])");
  EXPECT_EQ(report.at("results").at(0).at("error").at("code").as_string(), "unknown_supplier_sku");
  EXPECT_EQ(journal_size(), before);
  EXPECT_EQ(owner_.get(offer_path(server_.parties().offer_b)).json().at("stock").as_int64(), 10);
  EXPECT_EQ(sync(s, "123", "[]", 404).size(), 0u);
  // Staff may push for any supplier.
  auto staff = sync(owner_, supplier_b(), R"([{"supplier_sku":"S-)" + supplier_b() + R"(","stock":4}])");
  EXPECT_EQ(staff.at("applied").as_int64(), 1);
  EXPECT_EQ(server_.signed_in("distributor").post("/api/v1/offers/sync", R"({"supplier_id":")" + supplier_a() + R"(","items":[]})").status,
            403);
}

TEST_P(Offers, SyncBodiesAreChecked) {
  auto s = server_.signed_in("supplier");
  std::string many = "[";
  for (int i = 0; i < 1001; ++i) many += std::string(i ? "," : "") + R"({"supplier_sku":"X","stock":1})";
  many += "]";
  auto r = s.post("/api/v1/offers/sync", R"({"supplier_id":")" + supplier_a() + R"(","items":)" + many + "}");
  EXPECT_EQ(r.status, 413) << r.body;
  EXPECT_EQ(r.json().at("errors").at(0).at("field").as_string(), "items");
  r = s.post("/api/v1/offers/sync", R"({"items":{}})");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json().at("errors").as_array().size(), 2u) << r.body;
  EXPECT_EQ(sync(s, supplier_a(), "[]").at("applied").as_int64(), 0);
}

TEST_P(Offers, JournalIsScopedFilteredAndPaged) {
  auto a = server_.signed_in("supplier");
  auto b = server_.signed_in("supplier_b");
  sync(a, supplier_a(), R"([{"supplier_sku":"S-)" + supplier_a() + R"(","stock":9,"cost":{"amount":2600,"currency":"CNY"}}])");
  server_.clock().advance_ms(60'000);
  const std::string later = format_rfc3339(server_.clock().now());
  sync(b, supplier_b(), R"([{"supplier_sku":"S-)" + supplier_b() + R"(","stock":8,"cost":{"amount":2700,"currency":"CNY"}}])");

  EXPECT_EQ(journal(owner_, "").size(), 8u);  // 2 offers × 2 opening rows + 2 × (stock, cost)
  auto own = journal(a, "");
  ASSERT_EQ(own.size(), 4u);
  for (const auto& row : own) EXPECT_EQ(row.at("offer_id").as_string(), id_to_string(server_.parties().offer_a));
  EXPECT_TRUE(journal(a, "&offer_id=" + id_to_string(server_.parties().offer_b)).empty());

  // A distributor sees stock rows of active offers only: no cost, and not who changed it.
  auto d = server_.signed_in("distributor");
  auto stock_rows = journal(d, "");
  ASSERT_EQ(stock_rows.size(), 4u);
  for (const auto& row : stock_rows) {
    EXPECT_EQ(row.at("field").as_string(), "stock");
    EXPECT_TRUE(row.at("actor").is_null());
  }
  EXPECT_TRUE(journal(d, "&field=cost").empty());
  ASSERT_EQ(owner_.patch(offer_path(server_.parties().offer_b), R"({"active":false,"version":2})").status, 200);
  EXPECT_EQ(journal(d, "").size(), 2u);
  EXPECT_EQ(server_.signed_in("agent").get("/api/v1/stock-journal").status, 403);

  auto recent = journal(owner_, "&since=" + later);
  ASSERT_EQ(recent.size(), 2u);
  for (const auto& row : recent) EXPECT_EQ(row.at("offer_id").as_string(), id_to_string(server_.parties().offer_b));
  EXPECT_EQ(journal(owner_, "&sku=TS-RED-M&field=cost").size(), 4u);
  EXPECT_TRUE(journal(owner_, "&sku=OTHER").empty());
  EXPECT_EQ(owner_.get("/api/v1/stock-journal?since=yesterday").status, 400);
  EXPECT_EQ(owner_.get("/api/v1/stock-journal?field=price").status, 400);

  // Pages: newest first, no row twice, none missed. A change of stock and cost is stored as one row and
  // its two entries never straddle pages, so a page may end early (limit 3: 2 entries) or, when one change
  // alone passes the limit, hold both of its entries (limit 1).
  for (int limit : {1, 3, 4}) {
    std::vector<std::string> seen;
    std::string cursor;
    for (int guard = 0; guard < 10; ++guard) {
      auto page = owner_.get("/api/v1/stock-journal?limit=" + std::to_string(limit) +
                             (cursor.empty() ? "" : "&cursor=" + cursor)).json();
      EXPECT_LE(page.at("items").as_array().size(), static_cast<std::size_t>(std::max(limit, 2))) << limit;
      for (const auto& row : page.at("items").as_array()) seen.emplace_back(row.at("id").as_string());
      if (page.at("next_cursor").is_null()) break;
      cursor = std::string(page.at("next_cursor").as_string());
    }
    ASSERT_EQ(seen.size(), 8u) << limit;
    for (std::size_t i = 1; i < seen.size(); ++i) EXPECT_GT(*parse_id(seen[i - 1]), *parse_id(seen[i])) << limit;
  }
  // Append-only: there is no route that edits or removes a row.
  EXPECT_EQ(owner_.del("/api/v1/stock-journal").status, 405);
}

TEST_P(Offers, AlertsAreRaisedOnceListedAndAcknowledged) {
  auto s = server_.signed_in("supplier");
  const std::string sku = "S-" + supplier_a();
  auto item = [&](std::string fields) { return R"([{"supplier_sku":")" + sku + R"(",)" + fields + "}]"; };
  sync(s, supplier_a(), item(R"("stock":0)"));
  sync(s, supplier_a(), item(R"("stock":5)"));
  sync(s, supplier_a(), item(R"("stock":0)"));  // again out of stock while the first alert is open: no second
  auto open = alerts(owner_, "&kind=out_of_stock&status=open");
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].at("offer_id").as_string(), id_to_string(server_.parties().offer_a));
  EXPECT_EQ(open[0].at("supplier_id").as_string(), supplier_a());
  EXPECT_EQ(open[0].at("sku").as_string(), "TS-RED-M");
  EXPECT_EQ(open[0].at("detail").at("old_stock").as_int64(), 10);
  EXPECT_TRUE(open[0].at("acknowledged_at").is_null());

  // Cost 25.00 → 30.00 is +20 % (above 10 %); 59.00 − 30.00 − 5.00 leaves 40 % margin: no margin alert.
  sync(s, supplier_a(), item(R"("cost":{"amount":3000,"currency":"CNY"})"));
  auto cost_up = alerts(owner_, "&kind=cost_up");
  ASSERT_EQ(cost_up.size(), 1u);
  EXPECT_EQ(cost_up[0].at("detail").at("rise_bp").as_int64(), 2000);
  EXPECT_EQ(cost_up[0].at("detail").at("old_cost").at("amount").as_int64(), 2500);
  EXPECT_TRUE(alerts(owner_, "&kind=margin_below_floor").empty());
  // 30.00 → 50.00: +66 % and a margin of (59 − 50 − 5) / 59 = 6.77 %, below the 15 % floor.
  sync(s, supplier_a(), item(R"("cost":{"amount":5000,"currency":"CNY"})"));
  EXPECT_EQ(alerts(owner_, "&kind=cost_up").size(), 1u) << "the first cost_up alert is still open";
  auto margin = alerts(owner_, "&kind=margin_below_floor");
  ASSERT_EQ(margin.size(), 1u);
  EXPECT_EQ(margin[0].at("detail").at("margin_bp").as_int64(), 677);
  EXPECT_EQ(margin[0].at("detail").at("floor_bp").as_int64(), 1500);

  // Scope: supplier a sees its own; supplier b none; distributors and agents may not look.
  EXPECT_EQ(alerts(s).size(), 3u);
  auto b = server_.signed_in("supplier_b");
  EXPECT_TRUE(alerts(b).empty());
  EXPECT_EQ(server_.signed_in("distributor").get("/api/v1/alerts").status, 403);
  EXPECT_EQ(server_.signed_in("agent").get("/api/v1/alerts").status, 403);
  std::string ack = "/api/v1/alerts/" + std::string(open[0].at("id").as_string()) + "/acknowledge";
  EXPECT_EQ(s.post(ack, "").status, 403);

  auto op = server_.signed_in("operator");
  auto r = op.post(ack, "");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("status").as_string(), "acknowledged");
  EXPECT_FALSE(r.json().at("acknowledged_at").is_null());
  auto again = op.post(ack, "");
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.json().at("acknowledged_at"), r.json().at("acknowledged_at")) << "acknowledging twice changes nothing";
  EXPECT_EQ(op.post("/api/v1/alerts/123/acknowledge", "").status, 404);
  EXPECT_TRUE(alerts(owner_, "&kind=out_of_stock&status=open").empty());
  EXPECT_EQ(alerts(owner_, "&status=acknowledged").size(), 1u);

  // Once acknowledged, the next stock-out is news again.
  sync(s, supplier_a(), item(R"("stock":3)"));
  sync(s, supplier_a(), item(R"("stock":0)"));
  EXPECT_EQ(alerts(owner_, "&kind=out_of_stock").size(), 2u);
  EXPECT_EQ(owner_.get("/api/v1/alerts?kind=late").status, 400);
}

TEST_P(Offers, CsvImportsReportEveryRowAndChangeNothingTheSecondTime) {
  add_offer("A-2", 5, 2000);
  add_offer("Q,1", 5, 2000);
  auto s = server_.signed_in("supplier");
  const std::string seeded = "S-" + supplier_a();
  const std::string csv = "\xEF\xBB\xBFsupplier_sku,stock,cost\r\n" +  // row 1, with a byte order mark
                          seeded + ",7,26.00\r\n" +                  // 2: applied (stock 10 → 7, cost 25.00 → 26.00)
                          "A-2,-1,\r\n"                               // 3: refused, negative stock
                          "NOPE,1,\r\n"                               // 4: refused, unknown
                          "\r\n"                                      // 5: blank, skipped
                          "A-2,,abc\r\n"                              // 6: refused, not an amount
                          "\"Q,1\",9,\r\n"                            // 7: applied, quoted SKU with a comma
                          + seeded + ",8,\r\n"                         // 8: refused, duplicate of row 2
                          "A-2,5\r\n";                                // 9: refused, a field missing
  const std::string target = "/api/v1/imports/offers?supplier_id=" + supplier_a() + "&file=jiamei.csv";
  const http::Headers csv_type{{"Content-Type", "text/csv; charset=utf-8"}};
  const std::size_t before = journal_size();
  auto r = s.post(target, csv, csv_type);
  ASSERT_EQ(r.status, 200) << r.body;
  auto report = r.json().as_object();
  EXPECT_EQ(report.at("file").as_string(), "jiamei.csv");
  struct Want {
    std::int64_t row;
    std::string status, field, code;
  };
  std::vector<Want> want{{2, "applied", "", ""},           {3, "refused", "stock", "negative"},
                         {4, "refused", "supplier_sku", "unknown_supplier_sku"},
                         {6, "refused", "cost", "must_be_decimal"}, {7, "applied", "", ""},
                         {8, "refused", "supplier_sku", "duplicate_item"},
                         {9, "refused", "row", "wrong_column_count"}};
  const auto& rows = report.at("rows").as_array();
  ASSERT_EQ(rows.size(), want.size()) << r.body;
  for (std::size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(want[i].row);
    EXPECT_EQ(rows[i].at("row").as_int64(), want[i].row);
    EXPECT_EQ(rows[i].at("status").as_string(), want[i].status);
    if (!want[i].field.empty()) {
      EXPECT_EQ(rows[i].at("error").at("field").as_string(), want[i].field);
      EXPECT_EQ(rows[i].at("error").at("code").as_string(), want[i].code);
    }
  }
  EXPECT_EQ(rows[4].at("supplier_sku").as_string(), "Q,1");
  EXPECT_EQ(report.at("applied").as_int64(), 2);
  EXPECT_EQ(report.at("refused").as_int64(), 5);
  auto changes = journal(owner_, "&limit=3");
  ASSERT_EQ(journal_size(), before + 3);  // stock and cost of the seeded offer, stock of "Q,1"
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(changes[i].at("reason").as_string(), "import:jiamei.csv");
    EXPECT_EQ(changes[i].at("actor").as_string(), server_.email("supplier"));
  }
  EXPECT_EQ(owner_.get(offer_path(server_.parties().offer_a)).json().at("cost").at("amount").as_int64(), 2600);

  // The same file again: nothing applied, nothing journaled.
  auto again = s.post(target, csv, csv_type);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json().at("applied").as_int64(), 0);
  EXPECT_EQ(again.json().at("unchanged").as_int64(), 2);
  EXPECT_EQ(journal_size(), before + 3);

  // Whole-file problems are one 422; another supplier's list is not found; JSON is not CSV.
  auto bad_header = s.post(target, "supplier_sku,stok\nA-2,1\n", csv_type);
  EXPECT_EQ(bad_header.status, 422);
  EXPECT_EQ(bad_header.json().at("errors").at(0).at("code").as_string(), "unknown_column");
  EXPECT_EQ(s.post(target, "", csv_type).status, 422);
  EXPECT_EQ(s.post(target, "supplier_sku,stock\n\"A-2,1\n", csv_type).json().at("errors").at(0).at("code").as_string(),
            "malformed_csv");
  EXPECT_EQ(s.post("/api/v1/imports/offers?supplier_id=" + supplier_b(), csv, csv_type).status, 404);
  EXPECT_EQ(s.post(target, csv).status, 415);
  EXPECT_EQ(s.post(target + "&limit=5", csv, csv_type).status, 400);
  // A supplier user may leave supplier_id out: its own is meant.
  EXPECT_EQ(s.post("/api/v1/imports/offers", csv, csv_type).status, 200);
  EXPECT_EQ(journal_size(), before + 3);
}

// The same import from an Excel workbook: numbers are number cells, a row may stop before its last
// column (Excel writes no empty cells), and the file name defaults to offers.xlsx.
TEST_P(Offers, XlsxImportsReadTheFirstSheetLikeACsv) {
  add_offer("A-2", 5, 2000);
  add_offer("Q,1", 5, 2000);
  auto s = server_.signed_in("supplier");
  const std::string seeded = "S-" + supplier_a();
  using integrations::Cell;
  using integrations::MoneyCell;
  const std::string workbook = integrations::write_xlsx(
      "价格库存", {{Cell{"supplier_sku"}, Cell{"stock"}, Cell{"cost"}},                // row 1
                  {Cell{seeded}, Cell{std::int64_t{7}}, Cell{MoneyCell{2610, 2}}},   // 2: applied, cost 26.10
                  {Cell{"A-2"}, Cell{std::int64_t{-1}}},                             // 3: refused, negative stock
                  {},                                                                // 4: empty, skipped
                  {Cell{"Q,1"}, Cell{std::int64_t{9}}},                              // 5: applied, no cost cell
                  {Cell{"NOPE"}, Cell{std::int64_t{1}}}});                           // 6: refused, unknown
  const std::string target = "/api/v1/imports/offers?supplier_id=" + supplier_a();
  const http::Headers xlsx_type{{"Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}};
  const std::size_t before = journal_size();
  auto r = s.post(target, workbook, xlsx_type);
  ASSERT_EQ(r.status, 200) << r.body;
  auto report = r.json().as_object();
  EXPECT_EQ(report.at("file").as_string(), "offers.xlsx");
  const auto& rows = report.at("rows").as_array();
  ASSERT_EQ(rows.size(), 4u) << r.body;
  std::vector<std::tuple<std::int64_t, std::string, std::string>> want{
      {2, "applied", ""}, {3, "refused", "negative"}, {5, "applied", ""}, {6, "refused", "unknown_supplier_sku"}};
  for (std::size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(rows[i].at("row").as_int64(), std::get<0>(want[i]));
    EXPECT_EQ(rows[i].at("status").as_string(), std::get<1>(want[i]));
    if (!std::get<2>(want[i]).empty()) {
      EXPECT_EQ(rows[i].at("error").at("code").as_string(), std::get<2>(want[i]));
    }
  }
  EXPECT_EQ(owner_.get(offer_path(server_.parties().offer_a)).json().at("cost").at("amount").as_int64(), 2610);
  EXPECT_EQ(owner_.get(offer_path(server_.parties().offer_a)).json().at("stock").as_int64(), 7);
  auto changes = journal(owner_, "&limit=3");
  ASSERT_EQ(journal_size(), before + 3);
  for (const auto& change : changes) EXPECT_EQ(change.at("reason").as_string(), "import:offers.xlsx");

  // The same workbook again changes nothing; a damaged or an old .xls file is one 422 naming the problem.
  auto again = s.post(target, workbook, xlsx_type);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json().at("applied").as_int64(), 0);
  EXPECT_EQ(journal_size(), before + 3);
  auto damaged = s.post(target, workbook.substr(0, workbook.size() / 2), xlsx_type);
  EXPECT_EQ(damaged.status, 422) << damaged.body;
  EXPECT_EQ(damaged.json().at("errors").at(0).at("code").as_string(), "malformed_xlsx");
  auto xls = s.post(target, std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0'), xlsx_type);
  EXPECT_EQ(xls.status, 422) << xls.body;
  EXPECT_EQ(xls.json().at("errors").at(0).at("code").as_string(), "xls_not_supported");
}

// Concurrent pushes to one offer: every change is journaled and the journal is one unbroken chain,
// each row's old value the previous row's new value — no update was lost or overwritten unseen.
TEST_P(Offers, ConcurrentSyncsLoseNoChange) {
  const std::string sku = "S-" + supplier_a();
  constexpr int kThreads = 4, kPushes = 10;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto c = server_.with_token("supplier");
      for (int i = 0; i < kPushes; ++i) {
        auto r = c.post("/api/v1/offers/sync", R"({"supplier_id":")" + supplier_a() + R"(","items":[{"supplier_sku":")" +
                                                   sku + R"(","stock":)" + std::to_string(100 + t * kPushes + i) + "}]}");
        EXPECT_EQ(r.status, 200) << r.body;
      }
    });
  }
  for (auto& t : threads) t.join();
  auto rows = journal(owner_, "&offer_id=" + id_to_string(server_.parties().offer_a) + "&field=stock");
  ASSERT_EQ(rows.size(), static_cast<std::size_t>(kThreads * kPushes + 1));
  for (std::size_t i = 0; i + 1 < rows.size(); ++i) {
    EXPECT_EQ(rows[i].at("old"), rows[i + 1].at("new")) << "row " << i;
  }
  auto offer = owner_.get(offer_path(server_.parties().offer_a)).json();
  EXPECT_EQ(offer.at("stock"), rows[0].at("new"));
  EXPECT_EQ(offer.at("version").as_int64(), kThreads * kPushes + 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, Offers, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace daifa::testing
