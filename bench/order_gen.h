#pragma once
// The orders of the intake benchmark, shared by the load generator (order_load, which sends them as JSON
// over HTTP) and the ceiling (intake_ceiling, which hands the same orders to the app with no HTTP in front).
// Header-only and free of daifa types on purpose: order_load links no daifa library.
//
// Each order: 1–3 lines of distinct random SKUs (quantity 1, one line in five 2–3), a complete mainland-China
// address, a buyer with a mobile number, prepaid in full, a shipping fee on one order in four. Everything is
// drawn from the seed and the order's number only, so the same seed gives the same orders whatever the
// timing. Two runs with the same seed send the same buyers with the same lines: the second run's orders are
// then (rightly) held as suspected duplicates — use another seed for each run on one database.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace daifa::bench {

struct Sku {
  std::string sku;
  std::int64_t price_minor = 9'900;
};

// One SKU per line, optionally followed by a tab and the unit price in minor units (else 99.00).
inline std::vector<Sku> read_skus(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file);
  std::vector<Sku> skus;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    Sku s;
    auto tab = line.find('\t');
    s.sku = line.substr(0, tab);
    if (tab != std::string::npos) s.price_minor = std::stoll(line.substr(tab + 1));
    skus.push_back(std::move(s));
  }
  if (skus.empty()) throw std::runtime_error(file + " has no SKU");
  return skus;
}

// SplitMix64: tiny and fixed (the std distributions are not the same on every standard library).
class SplitMix {
 public:
  explicit SplitMix(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::uint64_t below(std::uint64_t n) { return next() % n; }

 private:
  std::uint64_t state_;
};

struct GenLine {
  const Sku* sku = nullptr;
  std::int64_t quantity = 1;
};

struct GenOrder {
  std::string external_id;
  std::string name;
  std::string phone;
  std::string email;
  const char* province = "";
  const char* city = "";
  const char* district = "";
  std::string line1;
  const char* postal_code = "";
  std::vector<GenLine> lines;
  std::int64_t goods_minor = 0;
  std::int64_t shipping_fee_minor = 0;
  std::int64_t paid_minor = 0;  // prepaid in full: goods + shipping
};

inline GenOrder generate_order(std::uint64_t seed, const std::string& prefix, const std::vector<Sku>& skus,
                               std::int64_t n) {
  struct Address {
    const char *province, *city, *district, *street, *postal_code;
  };
  static constexpr Address kAddresses[] = {
      {"浙江省", "杭州市", "西湖区", "文三路", "310012"},     {"广东省", "广州市", "天河区", "天河路", "510620"},
      {"广东省", "深圳市", "南山区", "科技园南路", "518057"}, {"江苏省", "苏州市", "姑苏区", "人民路", "215002"},
      {"上海市", "上海市", "浦东新区", "世纪大道", "200120"}, {"北京市", "北京市", "朝阳区", "建国路", "100022"},
      {"四川省", "成都市", "武侯区", "人民南路", "610041"},   {"湖北省", "武汉市", "洪山区", "珞喻路", "430074"},
      {"福建省", "泉州市", "丰泽区", "田安路", "362000"},     {"山东省", "青岛市", "市南区", "香港中路", "266071"},
  };
  static constexpr const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙"};
  static constexpr const char* kGiven[] = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "婷"};
  static constexpr const char* kPhonePrefixes[] = {"138", "139", "136", "158", "186", "177", "133", "151"};

  SplitMix rng(seed * 0x100000001b3ULL ^ static_cast<std::uint64_t>(n));
  GenOrder o;
  o.external_id = prefix + "-" + std::to_string(n);
  const Address& a = kAddresses[rng.below(std::size(kAddresses))];
  o.name = kSurnames[rng.below(std::size(kSurnames))];
  o.name += kGiven[rng.below(std::size(kGiven))];
  if (rng.below(2) == 0) o.name += kGiven[rng.below(std::size(kGiven))];
  char phone[16];
  std::snprintf(phone, sizeof phone, "%s%08llu", kPhonePrefixes[rng.below(std::size(kPhonePrefixes))],
                static_cast<unsigned long long>(rng.below(100'000'000)));
  o.phone = phone;
  o.email = "buyer" + std::to_string(n) + "@example.com";
  o.province = a.province;
  o.city = a.city;
  o.district = a.district;
  o.line1 = std::string(a.street) + " " + std::to_string(1 + rng.below(999)) + " 号";
  o.postal_code = a.postal_code;
  const auto line_count = 1 + static_cast<int>(rng.below(3));
  std::vector<std::size_t> picked;
  for (int l = 0; l < line_count; ++l) {
    std::size_t k;
    do {
      k = static_cast<std::size_t>(rng.below(skus.size()));  // distinct SKUs within an order
    } while (skus.size() >= 3 && std::find(picked.begin(), picked.end(), k) != picked.end());
    picked.push_back(k);
    const std::int64_t quantity = rng.below(10) < 8 ? 1 : 2 + static_cast<std::int64_t>(rng.below(2));
    o.lines.push_back({&skus[k], quantity});
    o.goods_minor += skus[k].price_minor * quantity;
  }
  o.shipping_fee_minor = rng.below(4) == 0 ? 600 : 0;
  o.paid_minor = o.goods_minor + o.shipping_fee_minor;
  return o;
}

inline void append_money(std::string& out, std::int64_t minor) {
  out += R"({"amount":)";
  out += std::to_string(minor);
  out += R"(,"currency":"CNY"})";
}

// The order as POST /api/v1/orders takes it. Built by hand: every string is ours and needs no escaping.
inline std::string order_json(const std::string& channel_id, const GenOrder& o) {
  std::string b;
  b.reserve(900);
  b += R"({"channel_id":")";
  b += channel_id;
  b += R"(","external_id":")";
  b += o.external_id;
  b += R"(","customer":{"name":")";
  b += o.name;
  b += R"(","phone":")";
  b += o.phone;
  b += R"(","email":")";
  b += o.email;
  b += R"("},"shipping_address":{"name":")";
  b += o.name;
  b += R"(","phone":")";
  b += o.phone;
  b += R"(","country":"CN","province":")";
  b += o.province;
  b += R"(","city":")";
  b += o.city;
  b += R"(","district":")";
  b += o.district;
  b += R"(","line1":")";
  b += o.line1;
  b += R"(","postal_code":")";
  b += o.postal_code;
  b += R"("},"lines":[)";
  for (std::size_t l = 0; l < o.lines.size(); ++l) {
    if (l) b += ',';
    b += R"({"sku":")";
    b += o.lines[l].sku->sku;
    b += R"(","quantity":)";
    b += std::to_string(o.lines[l].quantity);
    b += R"(,"unit_price":)";
    append_money(b, o.lines[l].sku->price_minor);
    b += '}';
  }
  b += R"(],"shipping_fee":)";
  append_money(b, o.shipping_fee_minor);
  b += R"(,"payment":{"method":"prepaid","paid":)";
  append_money(b, o.paid_minor);
  b += "}}";
  return b;
}

}  // namespace daifa::bench
