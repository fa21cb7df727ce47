#include "domain/catalog/supplier.h"

#include <array>
#include <string>

#include "domain/common/validation.h"

namespace daifa {
namespace {
constexpr std::array kKinds{std::pair{SupplierKind::factory, std::string_view("factory")},
                            std::pair{SupplierKind::wholesaler, std::string_view("wholesaler")},
                            std::pair{SupplierKind::agent, std::string_view("agent")}};
constexpr std::array kTerms{std::pair{PaymentTerms::prepaid, std::string_view("prepaid")},
                            std::pair{PaymentTerms::on_delivery, std::string_view("on_delivery")},
                            std::pair{PaymentTerms::net_7, std::string_view("net_7")},
                            std::pair{PaymentTerms::net_15, std::string_view("net_15")},
                            std::pair{PaymentTerms::net_30, std::string_view("net_30")},
                            std::pair{PaymentTerms::net_60, std::string_view("net_60")},
                            std::pair{PaymentTerms::monthly, std::string_view("monthly")}};
}  // namespace

std::string_view to_string(SupplierKind k) {
  for (auto& [v, s] : kKinds) if (v == k) return s;
  return "factory";
}
std::optional<SupplierKind> parse_supplier_kind(std::string_view text) {
  for (auto& [v, s] : kKinds) if (s == text) return v;
  return std::nullopt;
}
std::string_view to_string(PaymentTerms t) {
  for (auto& [v, s] : kTerms) if (v == t) return s;
  return "prepaid";
}
std::optional<PaymentTerms> parse_payment_terms(std::string_view text) {
  for (auto& [v, s] : kTerms) if (s == text) return v;
  return std::nullopt;
}

void validate_contact(FieldErrors& errors, const Contact& c, std::string_view prefix) {
  std::string p(prefix);
  check_text(errors, p + ".name", c.name, 1, 64);
  check_phone(errors, p + ".phone", c.phone);
  if (!c.email.empty()) check_email(errors, p + ".email", c.email);
}

FieldErrors validate(const Supplier& s) {
  FieldErrors errors;
  check_text(errors, "name", s.name, 1, 128);
  validate_contact(errors, s.contact, "contact");
  check_range(errors, "moq", s.moq, 1, 1'000'000);
  check_range(errors, "lead_time_days", s.lead_time_days, 0, 365);
  for (auto& e : validate_shipping_templates(s.shipping_templates, "shipping_templates")) errors.push_back(std::move(e));
  return errors;
}

}  // namespace daifa
