#include "support/test_server.h"

#include <stdexcept>

#include "app/accounts/accounts.h"
#include "app/catalog/images.h"
#include "app/catalog/suppliers.h"
#include "app/crypto.h"
#include "app/distribution/distributors.h"
#include "store/catalog/channel_repo.h"
#include "store/catalog/offer_repo.h"
#include "store/catalog/product_repo.h"

namespace daifa::testing {
namespace {

// Real Argon2id at its minimum cost, so that seeding six users per test stays fast.
app::AppConfig test_config() {
  app::AppConfig c;
  c.password_ops_limit = 1;
  c.password_mem_limit = 8192;
  c.feed_allow_private_hosts = true;  // the tests serve supplier feeds from 127.0.0.1
  return c;
}

Supplier sample_supplier(std::string name, SupplierKind kind) {
  Supplier s;
  s.name = std::move(name);
  s.kind = kind;
  s.contact = Contact{"王经理", "13800000001", "wang@example.com"};
  s.moq = 2;
  s.lead_time_days = 3;
  return s;
}

Distributor sample_distributor(std::string name, std::int64_t tier) {
  Distributor d;
  d.name = std::move(name);
  d.tier = tier;
  d.contact = Contact{"李店长", "13900000002", ""};
  return d;
}

}  // namespace

TestServer::TestServer(Backend backend, http::ServerOptions options,
                       const std::function<void(app::AppConfig&)>& tune)
    : db_(backend), clock_(Timestamp{1'795'000'000'000}) {
  app::init_crypto();
  app::init_images();
  store_ = std::make_unique<store::Store>(db_.url(), store::StoreOptions{}, clock_.now().unix_ms);
  app::AppConfig config = test_config();
  if (tune) tune(config);
  app_ = std::make_unique<app::App>(*store_, clock_, ids_, std::move(config));

  store_->writer().run([&](store::Tx& tx) {
    auto must = [](auto outcome) {
      if (!outcome) throw std::runtime_error("seeding failed: " + outcome.failure().detail);
      return outcome->id;
    };
    parties_.supplier_a = must(app::create_supplier(tx, *app_, sample_supplier("义乌佳美服饰厂", SupplierKind::factory)));
    parties_.supplier_b = must(app::create_supplier(tx, *app_, sample_supplier("广州白云鞋业批发", SupplierKind::wholesaler)));
    parties_.distributor_a = must(app::create_distributor(tx, *app_, sample_distributor("小红书·美妆优选店", 2)));
    parties_.distributor_b = must(app::create_distributor(tx, *app_, sample_distributor("抖音·潮流女装馆", 3)));

    const Currency cny = *Currency::parse("CNY");
    Product p;
    p.id = parties_.product = app_->new_id();
    p.title = "纯棉圆领T恤";
    p.title_en = "Cotton crew-neck T-shirt";
    p.category = "女装";
    p.created_at = p.updated_at = clock_.now();
    Variant v{app_->new_id(), p.id, "TS-RED-M", R"({"颜色":"红","尺码":"M"})", Money{5900, cny}, 180};
    p.variants.push_back(v);
    store::insert_product(tx.conn(), p);
    for (auto [supplier, offer] : {std::pair{parties_.supplier_a, &parties_.offer_a},
                                   std::pair{parties_.supplier_b, &parties_.offer_b}}) {
      Offer o;
      o.id = *offer = app_->new_id();
      o.supplier_id = supplier;
      o.variant_id = v.id;
      o.sku = v.sku;
      o.supplier_sku = "S-" + id_to_string(supplier);
      o.cost = Money{2500, cny};
      o.shipping_cost = Money{500, cny};
      o.stock = 10;
      o.lead_time_days = 2;
      o.created_at = o.updated_at = clock_.now();
      store::insert_offer(tx.conn(), o, app_->new_id(), app_->new_id(), "test", "seed");
    }
    Channel ch;
    ch.id = parties_.channel = app_->new_id();
    ch.name = "自营商城";
    ch.secret = "s3cret";
    ch.created_at = ch.updated_at = clock_.now();
    store::insert_channel(tx.conn(), ch);
  });
  struct Seed {
    std::string who;
    Role role;
    std::optional<Id> supplier, distributor;
  };
  std::vector<Seed> seeds{{"owner", Role::owner, {}, {}},
                          {"operator", Role::operator_, {}, {}},
                          {"agent", Role::agent, {}, {}},
                          {"finance", Role::finance, {}, {}},
                          {"supplier", Role::supplier, parties_.supplier_a, {}},
                          {"supplier_b", Role::supplier, parties_.supplier_b, {}},
                          {"distributor", Role::distributor, {}, parties_.distributor_a},
                          {"distributor_b", Role::distributor, {}, parties_.distributor_b}};
  for (const auto& s : seeds) {
    auto prepared = app::prepare_user(*app_, app::NewUser{email(s.who), std::string(kPassword), s.role, s.supplier, s.distributor});
    if (!prepared) throw std::runtime_error("seeding user failed: " + prepared.failure().detail);
    auto user = store_->writer().run([&](store::Tx& tx) { return app::insert_prepared_user(tx, *prepared); });
    if (!user) throw std::runtime_error("seeding user failed: " + user.failure().detail);
  }

  api_ = std::make_unique<http::Api>(*app_, metrics_);
  http::add_all_routes(*api_);
  options.host = "127.0.0.1";
  options.port = 0;
  options.io_threads = std::max(options.io_threads, 2);
  server_ = std::make_unique<http::Server>(options, [this](http::Request& req) { return api_->handle(req); });
  port_ = server_->start();
}

TestServer::~TestServer() {
  server_->shutdown();
  store_->close();
}

HttpClient TestServer::signed_in(std::string_view who) {
  HttpClient client(port_);
  auto r = client.post("/api/v1/auth/login",
                       R"({"email":")" + email(who) + R"(","password":")" + std::string(kPassword) + R"("})");
  if (r.status != 200) throw std::runtime_error("sign-in as " + std::string(who) + " failed: " + r.body);
  client.set_header("X-CSRF-Token", std::string(r.json().at("csrf_token").as_string()));
  return client;
}

HttpClient TestServer::with_token(std::string_view who) {
  HttpClient session = signed_in(who);
  auto r = session.post("/api/v1/tokens", R"({"name":"test token"})");
  if (r.status != 201) throw std::runtime_error("token for " + std::string(who) + " failed: " + r.body);
  HttpClient client(port_);
  client.set_header("Authorization", "Bearer " + std::string(r.json().at("token").as_string()));
  return client;
}

}  // namespace daifa::testing
