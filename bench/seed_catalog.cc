// seed_catalog: set-up for the intake benchmark (bench/intake.sh), not a measurement. Fills a migrated,
// empty database with a large catalog through the app's own use cases (create_supplier, create_product,
// create_offer, create_channel: the same validation and journal rows as the API), in big writer
// transactions so that 100,000 offers load in seconds rather than one durable commit each.
//
// The catalog: --suppliers suppliers (MOQ 1, prepaid, lead time 1–5 days); products of 10 variants
// (颜色 × 尺码), each variant with 1–4 offers (2.5 on average) from distinct suppliers, until --offers offers
// exist. Costs are 40–60 % of the variant's price, so a routed order clears the review's margin floor;
// every offer has --stock units, enough that repeated runs never run out. And one API channel.
//
// Usage: seed_catalog --db sqlite:PATH [--offers 100000] [--suppliers 50] [--stock 1000000] [--seed 1]
//                     --skus-out FILE
// Prints "channel_id=<id>" and a summary on stdout. FILE gets one line per variant: SKU, a tab, its price in
// minor units (order_load's --skus-file).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/catalog/channels.h"
#include "app/catalog/offers.h"
#include "app/catalog/products.h"
#include "app/catalog/suppliers.h"
#include "app/crypto.h"
#include "store/store.h"

namespace {

using namespace daifa;
using Steady = std::chrono::steady_clock;

struct SeedOptions {
  std::string db;
  std::int64_t offers = 100'000;
  int suppliers = 50;
  std::int64_t stock = 1'000'000;
  unsigned seed = 1;
  std::string skus_out;
};

SeedOptions parse_options(int argc, char** argv) {
  SeedOptions o;
  if (const char* env = std::getenv("DAIFA_DB")) o.db = env;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
      return argv[++i];
    };
    if (a == "--db") o.db = value();
    else if (a == "--offers") o.offers = std::stoll(value());
    else if (a == "--suppliers") o.suppliers = std::stoi(value());
    else if (a == "--stock") o.stock = std::stoll(value());
    else if (a == "--seed") o.seed = static_cast<unsigned>(std::stoul(value()));
    else if (a == "--skus-out") o.skus_out = value();
    else throw std::invalid_argument("unknown option " + a);
  }
  if (o.db.empty()) throw std::invalid_argument("--db is required");
  if (o.skus_out.empty()) throw std::invalid_argument("--skus-out is required");
  if (o.offers <= 0 || o.suppliers < 4) throw std::invalid_argument("--offers must be > 0 and --suppliers >= 4");
  return o;
}

// mt19937's raw output is fixed by the standard (the distributions are not): the same seed, the same catalog.
class Rng {
 public:
  explicit Rng(unsigned seed) : gen_(seed) {}
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(gen_() % static_cast<std::uint32_t>(hi - lo + 1));
  }

 private:
  std::mt19937 gen_;
};

template <class T>
T expect(Outcome<T> outcome, const std::string& what) {
  if (outcome) return std::move(*outcome);
  std::string message = what + " was refused: " + outcome.failure().detail;
  for (const auto& e : outcome.failure().errors) message += "; " + e.field + " " + e.code + " " + e.message;
  throw std::runtime_error(message);
}

Money cny(std::int64_t fen) { return Money{fen, *Currency::parse("CNY")}; }

constexpr const char* kColours[] = {"黑色", "白色", "红色", "蓝色", "灰色"};
constexpr const char* kSizes[] = {"S", "M", "L", "XL", "XXL"};
constexpr const char* kCategories[] = {"女装", "男装", "童装", "鞋靴", "家居"};
constexpr int kVariantsPerProduct = 10;
constexpr int kProductsPerTransaction = 500;  // ~12,500 offers and ~30,000 rows per commit

}  // namespace

int main(int argc, char** argv) {
  try {
    const SeedOptions opt = parse_options(argc, argv);
    app::init_crypto();
    app::SystemClock clock;
    IdGenerator ids(1);
    store::Store store(opt.db, store::StoreOptions{}, clock.now().unix_ms);
    app::App app(store, clock, ids);
    Rng rng(opt.seed);
    const Scope owner{0, Role::owner, std::nullopt, std::nullopt};
    const app::ChangeSource source{"bench", "seed"};
    const auto started = Steady::now();

    struct SupplierTerms {
      Id id;
      std::int64_t shipping_fen;
    };
    std::vector<SupplierTerms> suppliers;
    Id channel_id = 0;
    store.writer().run([&](store::Tx& tx) {
      for (int s = 0; s < opt.suppliers; ++s) {
        Supplier in;
        in.name = "压测供应商 " + std::to_string(s + 1);
        in.kind = s % 3 == 0 ? SupplierKind::wholesaler : SupplierKind::factory;
        in.contact = Contact{"王经理", "138" + std::to_string(10'000'000 + s), ""};
        in.moq = 1;
        in.lead_time_days = rng.between(1, 5);
        in.payment_terms = PaymentTerms::prepaid;
        in.blind_ship = true;
        const Supplier created = expect(app::create_supplier(tx, app, in), "supplier " + std::to_string(s));
        suppliers.push_back({created.id, rng.between(0, 8) * 100});
      }
      Channel ch;
      ch.name = "压测渠道 API";
      ch.kind = ChannelKind::api;
      channel_id = expect(app::create_channel(tx, app, ch), "channel").id;
    });

    std::ofstream skus(opt.skus_out);
    if (!skus) throw std::runtime_error("cannot write " + opt.skus_out);
    std::int64_t offers = 0, variants = 0, products = 0;
    while (offers < opt.offers) {
      store.writer().run([&](store::Tx& tx) {
        for (int p = 0; p < kProductsPerTransaction && offers < opt.offers; ++p, ++products) {
          const std::int64_t price = (rng.between(5, 19) * 10 + 9) * 100;  // 59.00 … 199.00
          ProductDraft draft;
          draft.title = "压测商品 " + std::to_string(products + 1);
          draft.category = kCategories[products % std::size(kCategories)];
          for (int v = 0; v < kVariantsPerProduct; ++v) {
            VariantDraft vd;
            vd.field = "variants[" + std::to_string(v) + "]";
            char sku[32];
            std::snprintf(sku, sizeof sku, "BN-%07lld-%02d", static_cast<long long>(products + 1), v);
            vd.sku = sku;
            vd.options = {{"颜色", kColours[v / 2 % std::size(kColours)]}, {"尺码", kSizes[v % std::size(kSizes)]}};
            vd.price = cny(price);
            vd.weight_g = 300;
            draft.variants.push_back(std::move(vd));
          }
          auto saved = app::create_product(tx, app, draft);
          const Product product = expect(std::move(saved.product), "product " + draft.title);
          for (const auto& variant : product.variants) {
            if (offers >= opt.offers) break;
            ++variants;
            skus << variant.sku << '\t' << price << '\n';
            const auto count = std::min<std::int64_t>(rng.between(1, 4), opt.offers - offers);
            std::vector<std::size_t> taken;
            for (std::int64_t k = 0; k < count; ++k) {
              std::size_t s;
              do {
                s = static_cast<std::size_t>(rng.between(0, opt.suppliers - 1));
              } while (std::find(taken.begin(), taken.end(), s) != taken.end());
              taken.push_back(s);
              app::NewOffer in;
              in.supplier_id = suppliers[s].id;
              in.sku = variant.sku;
              in.supplier_sku = "S" + std::to_string(s + 1) + "-" + variant.sku;
              in.cost = cny(price * rng.between(40, 60) / 100);
              in.shipping_cost = cny(suppliers[s].shipping_fen);
              in.stock = opt.stock;
              expect(app::create_offer(tx, app, owner, source, std::move(in)), "offer for " + variant.sku);
              ++offers;
            }
          }
        }
      });
      std::fprintf(stderr, "  %lld offers, %lld variants (%.1f s)\n", static_cast<long long>(offers),
                   static_cast<long long>(variants),
                   std::chrono::duration<double>(Steady::now() - started).count());
    }
    skus.close();
    store.close();
    std::printf("channel_id=%s\n", id_to_string(channel_id).c_str());
    std::printf("seeded: suppliers=%d products=%lld variants=%lld offers=%lld seconds=%.1f\n", opt.suppliers,
                static_cast<long long>(products), static_cast<long long>(variants), static_cast<long long>(offers),
                std::chrono::duration<double>(Steady::now() - started).count());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "seed_catalog: %s\n", e.what());
    return 1;
  }
}
