#include "store/distribution/distributor_repo.h"

#include "store/catalog/supplier_repo.h"

namespace daifa::store {
namespace {

constexpr std::string_view kColumns =
    "id, name, tier, contact_name, contact_phone, contact_email, referrer_id, version, created_at, updated_at";

Distributor distributor_from(const Row& r) {
  Distributor d;
  d.id = r.i64(0);
  d.name = r.text(1);
  d.tier = r.i64(2);
  d.contact = Contact{r.text(3), r.text(4), r.text(5)};
  d.referrer_id = r.opt_i64(6);
  d.version = r.i64(7);
  d.created_at = Timestamp{r.i64(8)};
  d.updated_at = Timestamp{r.i64(9)};
  return d;
}

bool restrict(const Scope& scope, std::string& sql, std::vector<Value>& params) {
  if (scope.role == Role::supplier) return false;
  if (scope.role == Role::distributor) {
    if (!scope.distributor_id) return false;
    sql += " AND id = ?";
    params.emplace_back(*scope.distributor_id);
  }
  return true;
}

}  // namespace

void insert_distributor(Connection& c, const Distributor& d) {
  c.exec("INSERT INTO distributors (" + std::string(kColumns) + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
         {d.id, d.name, d.tier, d.contact.name, d.contact.phone, d.contact.email, opt(d.referrer_id), d.version,
          d.created_at.unix_ms, d.updated_at.unix_ms});
}

std::optional<Distributor> find_distributor(Connection& c, const Scope& scope, Id id) {
  std::string sql = "SELECT " + std::string(kColumns) + " FROM distributors WHERE id = ?";
  std::vector<Value> params{id};
  if (!restrict(scope, sql, params)) return std::nullopt;
  Result r = c.exec(sql, params);
  if (r.empty()) return std::nullopt;
  return distributor_from(r.rows[0]);
}

Page<Distributor> list_distributors(Connection& c, const Scope& scope, const DistributorFilter& filter,
                                    const PageRequest& page) {
  std::string sql = "SELECT " + std::string(kColumns) + " FROM distributors WHERE id < ?";
  std::vector<Value> params{page.before_id.value_or(INT64_MAX)};
  if (!restrict(scope, sql, params)) return {};
  if (filter.tier) {
    sql += " AND tier = ?";
    params.emplace_back(*filter.tier);
  }
  if (!filter.name_contains.empty()) {
    sql += " AND LOWER(name) LIKE LOWER(?) ESCAPE '\\'";
    params.emplace_back(like_contains(filter.name_contains));
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(page.limit + 1);
  std::vector<Distributor> rows;
  for (const Row& row : c.exec(sql, params).rows) rows.push_back(distributor_from(row));
  return make_page(std::move(rows), page, [](const Distributor& d) { return d.id; });
}

bool update_distributor(Connection& c, const Scope& scope, const Distributor& d, std::int64_t expected_version) {
  std::string sql =
      "UPDATE distributors SET name = ?, tier = ?, contact_name = ?, contact_phone = ?, contact_email = ?, "
      "referrer_id = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?";
  std::vector<Value> params{d.name, d.tier, d.contact.name, d.contact.phone, d.contact.email, opt(d.referrer_id),
                            expected_version + 1, d.updated_at.unix_ms, d.id, expected_version};
  if (!restrict(scope, sql, params)) return false;
  return c.exec(sql, params).affected == 1;
}

}  // namespace daifa::store
