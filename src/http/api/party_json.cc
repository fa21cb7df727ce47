#include "http/api/party_json.h"

#include "domain/common/time.h"

namespace daifa::http {
namespace json = boost::json;

namespace {

// Reads a contact object; returns a patch that sets only the fields given.
std::function<void(Contact&)> read_contact(JsonReader& parent, FieldErrors& errors, bool creating) {
  const json::object* o = parent.object("contact", creating ? Need::required : Need::optional);
  if (!o) return [](Contact&) {};
  JsonReader reader(*o, errors, parent.path("contact"));
  auto name = reader.string("name", creating ? Need::required : Need::optional);
  auto phone = reader.string("phone", creating ? Need::required : Need::optional);
  auto email = reader.string("email", Need::optional);
  reader.allow_only({"name", "phone", "email"});
  return [=](Contact& c) {
    if (name) c.name = *name;
    if (phone) c.phone = *phone;
    if (email) c.email = *email;
  };
}

}  // namespace

json::object contact_json(const Contact& c) {
  return json::object{{"name", c.name}, {"phone", c.phone}, {"email", c.email}};
}

json::object supplier_json(const Supplier& s) {
  return json::object{{"id", id_to_string(s.id)},
                      {"name", s.name},
                      {"kind", to_string(s.kind)},
                      {"contact", contact_json(s.contact)},
                      {"moq", s.moq},
                      {"lead_time_days", s.lead_time_days},
                      {"payment_terms", to_string(s.payment_terms)},
                      {"blind_ship", s.blind_ship},
                      {"version", s.version},
                      {"created_at", format_rfc3339(s.created_at)},
                      {"updated_at", format_rfc3339(s.updated_at)}};
}

json::object distributor_json(const Distributor& d) {
  json::object o{{"id", id_to_string(d.id)},
                 {"name", d.name},
                 {"tier", d.tier},
                 {"contact", contact_json(d.contact)},
                 {"version", d.version},
                 {"created_at", format_rfc3339(d.created_at)},
                 {"updated_at", format_rfc3339(d.updated_at)}};
  o["referrer_id"] = d.referrer_id ? json::value(id_to_string(*d.referrer_id)) : nullptr;
  return o;
}

std::function<void(Supplier&)> read_supplier(const json::object& body, FieldErrors& errors, bool creating) {
  JsonReader reader(body, errors);
  Need need = creating ? Need::required : Need::optional;
  auto name = reader.string("name", need);
  auto kind_text = reader.string("kind", need);
  auto contact = read_contact(reader, errors, creating);
  auto moq = reader.integer("moq", Need::optional);
  auto lead = reader.integer("lead_time_days", Need::optional);
  auto terms_text = reader.string("payment_terms", Need::optional);
  auto blind = reader.boolean("blind_ship", Need::optional);
  reader.allow_only({"name", "kind", "contact", "moq", "lead_time_days", "payment_terms", "blind_ship", "version"});
  std::optional<SupplierKind> kind;
  if (kind_text && !(kind = parse_supplier_kind(*kind_text))) {
    errors.push_back({"kind", "unknown_kind", "must be factory, wholesaler or agent"});
  }
  std::optional<PaymentTerms> terms;
  if (terms_text && !(terms = parse_payment_terms(*terms_text))) {
    errors.push_back({"payment_terms", "unknown_terms",
                      "must be prepaid, on_delivery, net_7, net_15, net_30, net_60 or monthly"});
  }
  return [=](Supplier& s) {
    if (name) s.name = *name;
    if (kind) s.kind = *kind;
    contact(s.contact);
    if (moq) s.moq = *moq;
    if (lead) s.lead_time_days = *lead;
    if (terms) s.payment_terms = *terms;
    if (blind) s.blind_ship = *blind;
  };
}

std::function<void(Distributor&)> read_distributor(const json::object& body, FieldErrors& errors, bool creating) {
  JsonReader reader(body, errors);
  Need need = creating ? Need::required : Need::optional;
  auto name = reader.string("name", need);
  auto tier = reader.integer("tier", Need::optional);
  auto contact = read_contact(reader, errors, creating);
  bool referrer_given = reader.has("referrer_id");
  auto referrer = reader.id("referrer_id", Need::optional);
  reader.allow_only({"name", "tier", "contact", "referrer_id", "version"});
  return [=](Distributor& d) {
    if (name) d.name = *name;
    if (tier) d.tier = *tier;
    contact(d.contact);
    if (referrer_given) d.referrer_id = referrer;  // null clears it
  };
}

}  // namespace daifa::http
