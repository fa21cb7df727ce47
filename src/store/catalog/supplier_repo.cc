#include "store/catalog/supplier_repo.h"

#include "store/catalog/shipping_template_json.h"

namespace daifa::store {
namespace {

constexpr std::string_view kColumns =
    "id, name, kind, contact_name, contact_phone, contact_email, moq, lead_time_days, payment_terms, blind_ship, "
    "version, created_at, updated_at, shipping_templates";

Supplier supplier_from(const Row& r) {
  Supplier s;
  s.id = r.i64(0);
  s.name = r.text(1);
  s.kind = parse_supplier_kind(r.text(2)).value_or(SupplierKind::factory);
  s.contact = Contact{r.text(3), r.text(4), r.text(5)};
  s.moq = r.i64(6);
  s.lead_time_days = r.i64(7);
  s.payment_terms = parse_payment_terms(r.text(8)).value_or(PaymentTerms::prepaid);
  s.blind_ship = r.flag(9);
  s.version = r.i64(10);
  s.created_at = Timestamp{r.i64(11)};
  s.updated_at = Timestamp{r.i64(12)};
  s.shipping_templates = decode_shipping_templates(r.text(13));
  return s;
}

// Appends the scope's restriction. Returns false when the scope may see no supplier at all.
bool restrict(const Scope& scope, std::string& sql, std::vector<Value>& params) {
  if (scope.role == Role::distributor) return false;
  if (scope.role == Role::supplier) {
    if (!scope.supplier_id) return false;
    sql += " AND id = ?";
    params.emplace_back(*scope.supplier_id);
  }
  return true;
}

}  // namespace

std::string like_contains(std::string_view text) {
  std::string out = "%";
  for (char ch : text) {
    if (ch == '%' || ch == '_' || ch == '\\') out.push_back('\\');
    out.push_back(ch);
  }
  out.push_back('%');
  return out;
}

void insert_supplier(Connection& c, const Supplier& s) {
  c.exec("INSERT INTO suppliers (" + std::string(kColumns) + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
         {s.id, s.name, std::string(to_string(s.kind)), s.contact.name, s.contact.phone, s.contact.email, s.moq,
          s.lead_time_days, std::string(to_string(s.payment_terms)), std::int64_t{s.blind_ship}, s.version,
          s.created_at.unix_ms, s.updated_at.unix_ms, encode_shipping_templates(s.shipping_templates)});
}

std::optional<Supplier> find_supplier(Connection& c, const Scope& scope, Id id) {
  std::string sql = "SELECT " + std::string(kColumns) + " FROM suppliers WHERE id = ?";
  std::vector<Value> params{id};
  if (!restrict(scope, sql, params)) return std::nullopt;
  Result r = c.exec(sql, params);
  if (r.empty()) return std::nullopt;
  return supplier_from(r.rows[0]);
}

Page<Supplier> list_suppliers(Connection& c, const Scope& scope, const SupplierFilter& filter, const PageRequest& page) {
  std::string sql = "SELECT " + std::string(kColumns) + " FROM suppliers WHERE id < ?";
  std::vector<Value> params{page.before_id.value_or(INT64_MAX)};
  if (!restrict(scope, sql, params)) return {};
  if (filter.kind) {
    sql += " AND kind = ?";
    params.emplace_back(std::string(to_string(*filter.kind)));
  }
  if (!filter.name_contains.empty()) {
    sql += " AND LOWER(name) LIKE LOWER(?) ESCAPE '\\'";
    params.emplace_back(like_contains(filter.name_contains));
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(page.limit + 1);
  std::vector<Supplier> rows;
  for (const Row& row : c.exec(sql, params).rows) rows.push_back(supplier_from(row));
  return make_page(std::move(rows), page, [](const Supplier& s) { return s.id; });
}

bool update_supplier(Connection& c, const Scope& scope, const Supplier& s, std::int64_t expected_version) {
  std::string sql =
      "UPDATE suppliers SET name = ?, kind = ?, contact_name = ?, contact_phone = ?, contact_email = ?, moq = ?, "
      "lead_time_days = ?, payment_terms = ?, blind_ship = ?, shipping_templates = ?, version = ?, updated_at = ? "
      "WHERE id = ? AND version = ?";
  std::vector<Value> params{s.name, std::string(to_string(s.kind)), s.contact.name, s.contact.phone, s.contact.email,
                            s.moq, s.lead_time_days, std::string(to_string(s.payment_terms)),
                            std::int64_t{s.blind_ship}, encode_shipping_templates(s.shipping_templates),
                            expected_version + 1, s.updated_at.unix_ms, s.id,
                            expected_version};
  if (!restrict(scope, sql, params)) return false;
  return c.exec(sql, params).affected == 1;
}

std::int64_t count_suppliers(Connection& c) { return c.exec("SELECT COUNT(*) FROM suppliers").one().i64(0); }

}  // namespace daifa::store
