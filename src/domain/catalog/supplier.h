#pragma once
// A supplier (供应商): a factory selling direct (厂家), a wholesaler (批发商) or an agent (代理商).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/catalog/shipping_template.h"
#include "domain/common/id.h"
#include "domain/common/status.h"

namespace daifa {

enum class SupplierKind : int { factory = 0, wholesaler = 1, agent = 2 };
std::string_view to_string(SupplierKind k);
std::optional<SupplierKind> parse_supplier_kind(std::string_view text);

// When the supplier is paid: before it ships, on delivery, N days after the statement, or monthly.
enum class PaymentTerms : int { prepaid = 0, on_delivery = 1, net_7 = 2, net_15 = 3, net_30 = 4, net_60 = 5, monthly = 6 };
std::string_view to_string(PaymentTerms t);
std::optional<PaymentTerms> parse_payment_terms(std::string_view text);

struct Contact {
  std::string name;
  std::string phone;
  std::string email;  // may be empty
};

struct Supplier {
  Id id = 0;
  std::string name;
  SupplierKind kind = SupplierKind::factory;
  Contact contact;
  std::int64_t moq = 1;            // minimum order quantity per purchase order
  std::int64_t lead_time_days = 2;  // 供货周期: days from accepted PO to shipment
  PaymentTerms payment_terms = PaymentTerms::prepaid;
  bool blind_ship = false;         // ships in neutral packaging with no supplier advertising
  std::vector<ShippingTemplate> shipping_templates;  // 运费模板: what it charges per parcel
  std::int64_t version = 1;
  Timestamp created_at;
  Timestamp updated_at;
};

// Every rule a supplier must satisfy; each broken rule names its field.
FieldErrors validate(const Supplier& s);
void validate_contact(FieldErrors& errors, const Contact& c, std::string_view prefix);

}  // namespace daifa
