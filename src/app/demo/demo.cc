#include "app/demo/demo.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "app/accounts/accounts.h"
#include "app/catalog/suppliers.h"
#include "app/crypto.h"
#include "app/demo/demo_names.h"
#include "app/distribution/distributors.h"
#include "app/orders/orders.h"
#include "store/catalog/channel_repo.h"
#include "store/catalog/offer_repo.h"
#include "store/catalog/product_repo.h"
#include "store/catalog/supplier_repo.h"

namespace daifa::app {
namespace {

constexpr std::string_view kDemoPassword = "daifa-demo-2026";
constexpr std::string_view kNotEmpty = "the database already has data; demo data is only loaded into an empty database";
constexpr std::size_t kProductsPerTransaction = 50;  // ~300 variants and ~2 000 rows: large enough to be quick,
                                                     // small enough not to hold the writer for long
constexpr std::string_view kJournalActor = "demo";
constexpr std::string_view kJournalReason = "demo data";

// Every draw goes through mt19937's raw output, which the standard fixes; the std distributions are
// not fixed and would give another catalog on another standard library. The modulo bias is negligible
// for these small ranges.
class Rng {
 public:
  explicit Rng(unsigned seed) : gen_(seed) {}

  std::int64_t between(std::int64_t lo, std::int64_t hi) {  // both inclusive
    auto span = static_cast<std::uint64_t>(hi - lo) + 1;
    return lo + static_cast<std::int64_t>(static_cast<std::uint64_t>(gen_()) % span);
  }
  bool percent(int p) { return between(0, 99) < p; }
  template <class C>
  const auto& pick(const C& items) {
    return items[static_cast<std::size_t>(between(0, static_cast<std::int64_t>(std::size(items)) - 1))];
  }
  // k distinct indexes below n, in random order (a partial Fisher–Yates shuffle).
  std::vector<std::size_t> distinct(std::size_t n, std::size_t k) {
    std::vector<std::size_t> all(n);
    std::iota(all.begin(), all.end(), std::size_t{0});
    k = std::min(k, n);
    for (std::size_t i = 0; i < k; ++i) {
      auto j = static_cast<std::size_t>(between(static_cast<std::int64_t>(i), static_cast<std::int64_t>(n) - 1));
      std::swap(all[i], all[j]);
    }
    all.resize(k);
    return all;
  }

 private:
  std::mt19937 gen_;
};

// The demo's own rows are built to be valid, so a refusal here is a bug in this file, not bad input.
template <class T>
T expect(Outcome<T> outcome, std::string_view what) {
  if (outcome) return std::move(*outcome);
  std::string message = "demo data: " + std::string(what) + " was refused: " + outcome.failure().detail;
  for (const auto& e : outcome.failure().errors) message += "; " + e.field + " " + e.code;
  throw std::logic_error(message);
}

Money cny(std::int64_t fen) { return Money{fen, *Currency::parse("CNY")}; }

std::string digits(std::int64_t value, int width) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%0*lld", width, static_cast<long long>(value));
  return buf;
}

int to_int(std::string_view text) {
  int value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

// ---- People ----
// One draw per statement: the operands of `+` are evaluated in no fixed order, which would make the
// data depend on the compiler.

std::string person_name(Rng& rng) {
  std::string name(rng.pick(demo::kSurnames));
  name += rng.pick(demo::kGivenNames);
  return name;
}

std::string mobile_phone(Rng& rng) {
  std::string phone(rng.pick(demo::kMobilePrefixes));
  phone += digits(rng.between(0, 99'999'999), 8);
  return phone;
}

// Chinese small businesses mostly use a QQ mailbox or a free 163/126 address; some give none at all.
std::string email_or_empty(Rng& rng, std::string_view slug, int percent_with_email) {
  if (!rng.percent(percent_with_email)) return {};
  if (rng.percent(40)) return std::to_string(rng.between(10'000'000, 3'999'999'999)) + "@qq.com";
  std::string email = std::string(slug) + std::to_string(rng.between(1, 99)) + "@";
  email += rng.pick(demo::kMailDomains);
  return email;
}

// ---- Suppliers and distributors ----

struct DemoSupplier {
  Supplier supplier;
  const demo::SupplierSeed* seed;
  std::int64_t next_item_no;  // the supplier's own 货号 counter: its SKUs never repeat
};

// Factories want volume and take longer; wholesalers ship from stock; agents sit in between.
Supplier make_supplier(Rng& rng, const demo::SupplierSeed& seed) {
  static constexpr PaymentTerms kFactoryTerms[] = {PaymentTerms::prepaid, PaymentTerms::net_15, PaymentTerms::net_30,
                                                   PaymentTerms::monthly};
  static constexpr PaymentTerms kWholesalerTerms[] = {PaymentTerms::prepaid, PaymentTerms::on_delivery,
                                                      PaymentTerms::net_7};
  static constexpr PaymentTerms kAgentTerms[] = {PaymentTerms::net_7, PaymentTerms::net_15, PaymentTerms::net_30,
                                                 PaymentTerms::monthly};
  Supplier s;
  s.name = seed.name;
  s.kind = seed.kind;
  s.contact = {person_name(rng), mobile_phone(rng), email_or_empty(rng, seed.mail_slug, 60)};
  switch (seed.kind) {
    case SupplierKind::factory:
      s.moq = rng.between(10, 50);
      s.lead_time_days = rng.between(3, 7);
      s.payment_terms = rng.pick(kFactoryTerms);
      break;
    case SupplierKind::wholesaler:
      s.moq = rng.between(1, 10);
      s.lead_time_days = rng.between(1, 3);
      s.payment_terms = rng.pick(kWholesalerTerms);
      break;
    case SupplierKind::agent:
      s.moq = rng.between(1, 20);
      s.lead_time_days = rng.between(2, 5);
      s.payment_terms = rng.pick(kAgentTerms);
      break;
  }
  s.blind_ship = rng.percent(50);
  return s;
}

Distributor make_distributor(Rng& rng, const demo::DistributorSeed& seed) {
  Distributor d;
  d.name = seed.name;
  d.tier = seed.tier;
  d.contact = {person_name(rng), mobile_phone(rng), email_or_empty(rng, seed.mail_slug, 50)};
  return d;
}

// ---- Products ----

// Shop prices end in 9 (59.00, 129.90): what buyers expect on Chinese marketplaces.
std::int64_t shop_price_fen(std::int64_t yuan, bool with_jiao) {
  yuan = yuan - yuan % 10 + 9;
  return yuan * 100 + (with_jiao ? 90 : 0);
}

// One row per offered size. Measurements grow by the category's step; `loose` and `longer` shift the
// whole chart, because two products in the same size rarely measure the same.
std::string size_chart(const demo::Category& cat, const demo::ItemType& type, const std::vector<std::size_t>& sizes,
                       int loose, int longer) {
  boost::json::array rows;
  for (std::size_t i : sizes) {
    boost::json::object row;
    std::string_view size = cat.sizes[i];
    row["尺码"] = size;
    const auto& b = cat.body;
    const int n = static_cast<int>(i);
    if (type.fit == demo::Fit::shoes) {
      row["脚长(mm)"] = std::to_string(230 + 5 * (to_int(size) - 36));
      rows.push_back(std::move(row));
      continue;
    }
    if (b.by_height) {
      int h = to_int(size);
      row["身高(cm)"] = std::to_string(h - 5) + "-" + std::to_string(h + 5);
    }
    const std::string chest = std::to_string(b.chest + loose + b.step * n);
    const std::string waist = std::to_string(b.waist + loose + b.step * n);
    const std::string length = std::to_string(type.length_cm + longer + b.length_step * n);
    switch (type.fit) {
      case demo::Fit::top:
        row["胸围(cm)"] = chest;
        row["肩宽(cm)"] = std::to_string(b.shoulder + b.shoulder_step * n);
        break;
      case demo::Fit::dress:
        row["胸围(cm)"] = chest;
        row["腰围(cm)"] = waist;
        break;
      case demo::Fit::bottom:
        row["腰围(cm)"] = waist;
        row["臀围(cm)"] = std::to_string(b.hip + loose + b.step * n);
        break;
      default:
        break;
    }
    row[type.length_label] = length;
    rows.push_back(std::move(row));
  }
  return boost::json::serialize(rows);
}

std::string tags_json(Rng& rng, const demo::Category& cat, const demo::Style& style) {
  boost::json::array tags;
  tags.emplace_back(style.cn);
  for (std::size_t i : rng.distinct(cat.tags.size(), static_cast<std::size_t>(rng.between(2, 4)))) {
    if (cat.tags[i] != style.cn) tags.emplace_back(cat.tags[i]);
  }
  return boost::json::serialize(tags);
}

std::string description(Rng& rng, const demo::Category& cat, const demo::ItemType& type, const demo::Style& style) {
  auto points = rng.distinct(cat.points.size(), 2);
  std::string d = std::string(style.cn) + std::string(type.cn) + "，采用" + std::string(rng.pick(cat.materials)) + "，" +
                  std::string(cat.points[points[0]]) + "，" + std::string(cat.points[points[1]]) + "。";
  if (type.fit == demo::Fit::shoes) {
    d += "标准码，按平时尺码拍即可；脚背偏高或脚型偏胖建议拍大一码。";
  } else if (type.fit != demo::Fit::none) {
    d += "尺码标准，建议对照尺码表按平时尺码选购。";
  }
  d += "现货充足，支持一件代发，下单后48小时内发货。";
  return d;
}

// Variants are the product of up to two axes: 颜色 × 尺码 for clothes and shoes, 颜色 × 规格 (or either
// alone) for the rest. At most 12, as a real listing would offer.
struct Axes {
  std::vector<std::size_t> colours;  // indexes into cat.colours
  std::vector<std::size_t> sizes;    // indexes into cat.sizes
  std::vector<std::size_t> specs;    // indexes into type.specs
};

// A contiguous run of `count` out of [lo, hi], so that sizes and specs come in order without gaps.
std::vector<std::size_t> window(Rng& rng, std::size_t lo, std::size_t hi, std::size_t count) {
  auto start = static_cast<std::size_t>(rng.between(static_cast<std::int64_t>(lo), static_cast<std::int64_t>(hi - count + 1)));
  std::vector<std::size_t> out(count);
  std::iota(out.begin(), out.end(), start);
  return out;
}

Axes choose_axes(Rng& rng, const demo::Category& cat, const demo::ItemType& type) {
  Axes axes;
  auto colour_count = [&](std::size_t most) {
    most = std::min({most, cat.colours.size(), std::size_t{6}});
    return static_cast<std::size_t>(rng.between(1, static_cast<std::int64_t>(most)));
  };
  if (!cat.sizes.empty()) {
    std::size_t lo = static_cast<std::size_t>(type.size_window.lo);
    std::size_t hi = std::min(static_cast<std::size_t>(type.size_window.hi), cat.sizes.size() - 1);
    std::size_t nc = colour_count(3);
    std::size_t most = std::min(hi - lo + 1, 12 / nc);
    auto ns = static_cast<std::size_t>(rng.between(static_cast<std::int64_t>(std::min<std::size_t>(3, most)),
                                                   static_cast<std::int64_t>(most)));
    axes.colours = rng.distinct(cat.colours.size(), nc);
    axes.sizes = window(rng, lo, hi, ns);
  } else if (!type.specs.empty()) {
    auto ns = static_cast<std::size_t>(rng.between(1, static_cast<std::int64_t>(type.specs.size())));
    axes.specs = window(rng, 0, type.specs.size() - 1, ns);
    if (type.coloured) axes.colours = rng.distinct(cat.colours.size(), colour_count(std::min<std::size_t>(3, 12 / ns)));
  } else {
    axes.colours = rng.distinct(cat.colours.size(), colour_count(6));
  }
  return axes;
}

struct DemoProduct {
  Product product;
  std::vector<Offer> offers;
};

Product make_product(Rng& rng, App& app, const demo::Category& cat, const demo::ItemType& type,
                     const demo::Style& style, int number) {
  Product p;
  p.id = app.new_id();
  p.category = cat.name;
  std::string title = std::string(rng.pick(demo::kSeasons)) + std::string(style.cn) + std::string(type.cn);
  if (rng.percent(60)) title += " " + std::string(rng.pick(cat.points));
  p.title = std::move(title);
  p.title_en = std::string(style.en) + " " + std::string(cat.audience_en) + std::string(type.en);
  p.tags_json = tags_json(rng, cat, style);
  p.description = description(rng, cat, type, style);
  p.created_at = p.updated_at = app.now();

  Axes axes = choose_axes(rng, cat, type);
  const std::int64_t base_yuan = rng.between(type.yuan.lo, type.yuan.hi);
  const std::int64_t base_grams = rng.between(type.grams.lo, type.grams.hi);
  const bool with_jiao = rng.percent(40);
  const bool plus_size_costs_more = rng.percent(30);  // many shops charge 10 元 more from XXL up
  const int loose = static_cast<int>(rng.between(0, 4));
  const int longer = static_cast<int>(rng.between(-2, 2));
  if (!axes.sizes.empty() && type.fit != demo::Fit::none) p.size_chart_json = size_chart(cat, type, axes.sizes, loose, longer);

  const std::string sku_base = std::string(cat.code) + "-" + digits(number, 4);
  // An absent axis still runs its loop once, as "no choice" (npos).
  auto or_none = [](const std::vector<std::size_t>& v) { return v.empty() ? std::vector<std::size_t>{std::string::npos} : v; };
  const auto second_axis = axes.sizes.empty() ? or_none(axes.specs) : axes.sizes;
  for (std::size_t c : or_none(axes.colours)) {
    for (std::size_t s : second_axis) {
      Variant v;
      v.id = app.new_id();
      v.product_id = p.id;
      std::string sku = sku_base;
      boost::json::object options;
      std::int64_t yuan = base_yuan;
      std::int64_t grams = base_grams;
      if (c != std::string::npos) {
        options["颜色"] = cat.colours[c].cn;
        sku += "-" + std::string(cat.colours[c].code);
      }
      if (s != std::string::npos && !axes.sizes.empty()) {
        options["尺码"] = cat.sizes[s];
        sku += "-" + std::string(cat.sizes[s]);
        grams += base_grams * static_cast<std::int64_t>(s) / 20;  // bigger sizes use more cloth
        if (plus_size_costs_more && cat.sizes[s].size() >= 3 && cat.sizes[s].ends_with("XL")) yuan += 10;
      } else if (s != std::string::npos) {
        const demo::Spec& spec = type.specs[s];
        options["规格"] = spec.cn;
        sku += "-" + std::string(spec.code);
        yuan = yuan * spec.scale / 100;
        grams = grams * spec.scale / 100;
      }
      v.sku = std::move(sku);
      v.options_json = boost::json::serialize(options);
      v.price = cny(shop_price_fen(yuan, with_jiao));
      v.weight_g = grams;
      // Distributor tier prices (分销价): 85 % of the shop price from tier 1, 80 % from tier 3, 75 % at tier 5,
      // in whole yuan; tiers 2 and 4 pay the tier below theirs.
      for (auto [tier, percent] : {std::pair{1, 85}, std::pair{3, 80}, std::pair{5, 75}}) {
        v.tier_prices.push_back({tier, cny(v.price.amount_minor * percent / 100 / 100 * 100)});
      }
      p.variants.push_back(std::move(v));
    }
  }
  return p;
}

// Each product is carried by one to three suppliers whose trade fits its category. The first carries
// every variant; the others skip a few, so that a variant has between one and three offers.
std::vector<Offer> make_offers(Rng& rng, App& app, const Product& p, const demo::Category& cat,
                               std::vector<DemoSupplier>& suppliers) {
  std::vector<std::size_t> candidates;
  for (std::size_t i = 0; i < suppliers.size(); ++i) {
    for (std::string_view rest = suppliers[i].seed->serves; !rest.empty();) {
      auto comma = rest.find(',');
      if (rest.substr(0, comma) == cat.code) candidates.push_back(i);
      rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    }
  }
  if (candidates.empty()) throw std::logic_error("demo data: no supplier serves " + std::string(cat.name));
  const std::int64_t roll = rng.between(0, 99);
  const std::size_t count = roll < 30 ? 1 : roll < 75 ? 2 : 3;

  std::vector<Offer> offers;
  auto chosen = rng.distinct(candidates.size(), count);
  for (std::size_t rank = 0; rank < chosen.size(); ++rank) {
    DemoSupplier& ds = suppliers[candidates[chosen[rank]]];
    // Buying closer to the source is cheaper: factory < wholesaler < agent, as a share of the shop price.
    const std::int64_t cost_percent = ds.supplier.kind == SupplierKind::factory      ? rng.between(35, 48)
                                      : ds.supplier.kind == SupplierKind::wholesaler ? rng.between(45, 56)
                                                                                     : rng.between(52, 65);
    // Shipping follows the supplier's carrier rate: 包邮 (folded into the cost), or first kilo plus
    // each further half kilo.
    const bool free_shipping = rng.percent(20);
    const std::int64_t first_kilo = 300 + rng.between(0, 6) * 50;
    for (const Variant& v : p.variants) {
      if (rank > 0 && rng.percent(15)) continue;
      Offer o;
      o.id = app.new_id();
      o.supplier_id = ds.supplier.id;
      o.variant_id = v.id;
      o.sku = v.sku;
      o.supplier_sku = std::string(ds.seed->sku_code) + "-" + std::to_string(ds.next_item_no);
      ds.next_item_no += rng.between(1, 9);
      o.cost = cny(v.price.amount_minor * cost_percent / 100 / 10 * 10);
      const std::int64_t shipping = first_kilo + std::max<std::int64_t>(0, (v.weight_g - 1) / 500 - 1) * 150;
      o.shipping_cost = cny(free_shipping ? 0 : std::min<std::int64_t>(shipping, 1200));
      o.stock = rng.percent(5) ? 0 : rng.between(1, 500);
      o.lead_time_days = std::max<std::int64_t>(1, ds.supplier.lead_time_days + rng.between(-1, 1));
      o.active = true;
      o.version = 1;
      o.created_at = o.updated_at = p.created_at;
      offers.push_back(std::move(o));
    }
  }
  return offers;
}

// Twenty products per category, each a distinct (type, style) pair, the types taken in turn so that
// every type appears.
std::vector<DemoProduct> make_catalog(Rng& rng, App& app, std::vector<DemoSupplier>& suppliers) {
  std::vector<DemoProduct> out;
  for (const demo::Category& cat : demo::kCategories) {
    std::vector<bool> used(cat.types.size() * cat.styles.size(), false);
    for (int n = 0; n < demo::kProductsPerCategory; ++n) {
      std::size_t t = static_cast<std::size_t>(n) % cat.types.size();
      std::size_t s = 0;
      do {
        s = static_cast<std::size_t>(rng.between(0, static_cast<std::int64_t>(cat.styles.size()) - 1));
      } while (used[t * cat.styles.size() + s]);
      used[t * cat.styles.size() + s] = true;
      Product p = make_product(rng, app, cat, cat.types[t], cat.styles[s], n + 1);
      std::vector<Offer> offers = make_offers(rng, app, p, cat, suppliers);
      out.push_back({std::move(p), std::move(offers)});
    }
  }
  return out;
}

// ---- Channels and users ----

// Secrets come from the CSPRNG, not the seed: a demo server reachable from outside must not accept
// webhooks signed with a key anyone could recompute.
std::vector<Channel> make_channels(Rng& rng, App& app) {
  struct Seed {
    std::string_view name;
    ChannelKind kind;
    bool has_secret;
  };
  static constexpr Seed kChannels[] = {
      {"自营商城 Own store", ChannelKind::api, false},
      {"Shopify 海外店", ChannelKind::shopify, true},
      {"WooCommerce 独立站", ChannelKind::woocommerce, true},
      {"线下批发 CSV", ChannelKind::csv, false},
  };
  std::vector<Channel> out;
  for (const Seed& seed : kChannels) {
    Channel ch;
    ch.id = app.new_id();
    ch.name = seed.name;
    ch.kind = seed.kind;
    if (seed.has_secret) ch.secret = random_token(32);
    ch.stock_buffer = rng.between(0, 5);
    ch.created_at = ch.updated_at = app.now();
    out.push_back(std::move(ch));
  }
  return out;
}

// A day of orders: most routed to purchase orders, some held for review, some already accepted and shipped
// by the demo supplier, so that every screen of the console has something to show.
struct DemoOrders {
  int orders = 0;
};

DemoOrders make_demo_orders(Rng& rng, App& app, const std::vector<DemoProduct>& catalog,
                            const std::vector<Channel>& channels, Id demo_supplier) {
  static constexpr std::string_view kPlaces[][3] = {
      {"浙江省", "杭州市", "西湖区"}, {"广东省", "深圳市", "南山区"}, {"上海市", "上海市", "浦东新区"},
      {"北京市", "北京市", "朝阳区"}, {"江苏省", "苏州市", "工业园区"}, {"四川省", "成都市", "武侯区"}};
  static constexpr std::string_view kStreets[] = {"文三路", "科技园南路", "世纪大道", "建国路", "星湖街", "天府大道"};
  // Variants the demo supplier offers come first, so that its portal has purchase orders to answer.
  std::vector<const Variant*> variants;
  for (const auto& item : catalog) {
    for (const Offer& o : item.offers) {
      if (o.supplier_id != demo_supplier || o.stock < 20) continue;
      for (const Variant& v : item.product.variants) if (v.id == o.variant_id) variants.push_back(&v);
    }
  }
  std::vector<OrderDraft> drafts;
  for (int i = 0; i < 60; ++i) {
    OrderDraft d;
    const Channel& ch = channels[static_cast<std::size_t>(rng.between(0, static_cast<std::int64_t>(channels.size()) - 1))];
    d.channel_id = ch.id;
    d.external_id = "DEMO-" + digits(10'001 + i, 5);
    const auto& place = kPlaces[rng.between(0, 5)];
    const std::string name = person_name(rng);
    const std::string phone = mobile_phone(rng);
    d.customer = Customer{name, phone, ""};
    d.shipping_address = ShippingAddress{name, phone, "CN", std::string(place[0]), std::string(place[1]),
                                         rng.percent(10) ? std::string() : std::string(place[2]),
                                         std::string(rng.pick(kStreets)) + " " + std::to_string(rng.between(1, 999)) + " 号",
                                         ""};
    const int lines = rng.percent(70) ? 1 : 2;
    for (int l = 0; l < lines && !variants.empty(); ++l) {
      const Variant& v = *variants[static_cast<std::size_t>(
          rng.between(0, std::min<std::int64_t>(static_cast<std::int64_t>(variants.size()), 40) - 1))];
      if (std::any_of(d.lines.begin(), d.lines.end(), [&](const DraftLine& x) { return x.sku == v.sku; })) continue;
      d.lines.push_back(DraftLine{v.sku, rng.between(1, 2), v.price});
    }
    if (d.lines.empty()) continue;
    if (rng.percent(8)) d.payment_method = PaymentMethod::cod;
    if (rng.percent(5)) d.lines.front().quantity = 999;  // more than anyone has: held out of stock
    drafts.push_back(std::move(d));
  }
  DemoOrders out;
  app.store().writer().run([&](store::Tx& tx) {
    const Actor actor{"demo"};
    std::vector<Id> pos;
    for (OrderDraft& d : drafts) {
      auto r = expect(intake_order(tx, app, Scope{}, actor, std::move(d)), "demo order");
      ++out.orders;
      for (const OrderLine& l : r.order.lines) {
        if (l.purchase_order_id && l.supplier_id == demo_supplier &&
            std::find(pos.begin(), pos.end(), *l.purchase_order_id) == pos.end()) {
          pos.push_back(*l.purchase_order_id);
        }
      }
    }
    // The demo supplier has answered some: accepted a third, and shipped half of those.
    for (std::size_t i = 0; i < pos.size(); ++i) {
      if (i % 3 != 0) continue;
      expect(accept_purchase_order(tx, app, Scope{}, Actor{"supplier@demo.daifa.local"}, pos[i]), "demo accept");
      if (i % 2 == 0) {
        expect(ship_purchase_order(tx, app, Scope{}, Actor{"supplier@demo.daifa.local"}, pos[i], "顺丰速运",
                                   "SF" + digits(1'400'000'000 + static_cast<std::int64_t>(i), 12)),
               "demo ship");
      }
    }
  });
  return out;
}

Role role_of(std::string_view name) {
  auto role = parse_role(name);
  if (!role) throw std::logic_error("demo data: unknown role " + std::string(name));
  return *role;
}

}  // namespace

std::vector<DemoLogin> demo_logins() {
  std::vector<DemoLogin> out;
  for (std::string_view role : {"owner", "operator", "agent", "finance", "supplier", "distributor"}) {
    out.push_back({std::string(role), std::string(role) + "@demo.daifa.local", std::string(kDemoPassword)});
  }
  return out;
}

DemoSummary load_demo(App& app, unsigned seed) {
  auto has_data = [](store::Connection& c) { return store::count_suppliers(c) > 0 || store::count_products(c) > 0; };
  if (app.store().reads().read(has_data)) throw std::runtime_error(std::string(kNotEmpty));

  Rng rng(seed);
  DemoSummary summary;

  // Everything random is drawn before writing, in one fixed order, so the seed alone decides the data.
  std::vector<DemoSupplier> suppliers;
  for (const auto& s : demo::kSuppliers) suppliers.push_back({make_supplier(rng, s), &s, rng.between(10'000, 59'999)});
  std::vector<Distributor> distributors;
  for (const auto& d : demo::kDistributors) distributors.push_back(make_distributor(rng, d));

  app.store().writer().run([&](store::Tx& tx) {
    // Checked again here: another writer may have filled the database since the read above.
    if (has_data(tx.conn())) throw std::runtime_error(std::string(kNotEmpty));
    for (auto& s : suppliers) s.supplier = expect(create_supplier(tx, app, s.supplier), s.supplier.name);
    for (std::size_t i = 0; i < distributors.size(); ++i) {
      int referrer = demo::kDistributors[i].referrer;
      if (referrer >= 0) distributors[i].referrer_id = distributors[static_cast<std::size_t>(referrer)].id;
      distributors[i] = expect(create_distributor(tx, app, distributors[i]), distributors[i].name);
    }
  });
  summary.suppliers = static_cast<int>(suppliers.size());
  summary.distributors = static_cast<int>(distributors.size());

  std::vector<DemoProduct> catalog = make_catalog(rng, app, suppliers);
  for (std::size_t start = 0; start < catalog.size(); start += kProductsPerTransaction) {
    const std::size_t end = std::min(catalog.size(), start + kProductsPerTransaction);
    app.store().writer().run([&](store::Tx& tx) {
      for (std::size_t i = start; i < end; ++i) {
        store::insert_product(tx.conn(), catalog[i].product);
        for (const Offer& o : catalog[i].offers) {
          const Id stock_row = app.new_id();
          const Id cost_row = app.new_id();
          store::insert_offer(tx.conn(), o, stock_row, cost_row, kJournalActor, kJournalReason);
        }
      }
    });
  }
  for (const auto& item : catalog) {
    summary.products += 1;
    summary.variants += static_cast<int>(item.product.variants.size());
    summary.offers += static_cast<int>(item.offers.size());
  }

  std::vector<Channel> channels = make_channels(rng, app);

  // Argon2id takes a while per password: hash before entering the writer, which others may be waiting on.
  summary.logins = demo_logins();
  std::vector<PreparedUser> users;
  for (const DemoLogin& login : summary.logins) {
    NewUser u{login.email, login.password, role_of(login.role), std::nullopt, std::nullopt};
    if (u.role == Role::supplier) u.supplier_id = suppliers.front().supplier.id;  // a factory: see demo_names.h
    if (u.role == Role::distributor) u.distributor_id = distributors.front().id;
    users.push_back(expect(prepare_user(app, std::move(u)), login.email));
  }

  app.store().writer().run([&](store::Tx& tx) {
    for (const Channel& ch : channels) store::insert_channel(tx.conn(), ch);
    for (PreparedUser& u : users) {
      std::string email = u.record.email;
      expect(insert_prepared_user(tx, std::move(u)), email);
    }
  });
  summary.channels = static_cast<int>(channels.size());

  // The first distributor sells through its own shop: its orders ship for it in neutral packaging.
  Channel shop;
  shop.id = app.new_id();
  shop.name = "分销 · " + distributors.front().name;
  shop.kind = ChannelKind::api;
  shop.distributor_id = distributors.front().id;
  shop.created_at = shop.updated_at = app.now();
  app.store().writer().run([&](store::Tx& tx) { store::insert_channel(tx.conn(), shop); });
  channels.push_back(shop);
  summary.channels += 1;
  summary.orders = make_demo_orders(rng, app, catalog, channels, suppliers.front().supplier.id).orders;
  return summary;
}

}  // namespace daifa::app
