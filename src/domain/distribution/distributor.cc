#include "domain/distribution/distributor.h"

#include "domain/common/validation.h"

namespace daifa {

FieldErrors validate(const Distributor& d) {
  FieldErrors errors;
  check_text(errors, "name", d.name, 1, 128);
  check_range(errors, "tier", d.tier, 1, kMaxDistributorTier);
  validate_contact(errors, d.contact, "contact");
  if (d.referrer_id && *d.referrer_id == d.id) {
    errors.push_back({"referrer_id", "self_reference", "a distributor cannot refer itself"});
  }
  return errors;
}

}  // namespace daifa
