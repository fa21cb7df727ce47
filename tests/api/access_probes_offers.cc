// Access rows for offers; see access_probes.h.
#include "access_probes.h"

namespace daifa::testing {

std::vector<Probe> offer_probes() {
  return {
      {"GET", "/api/v1/offers", fixed_path("/api/v1/offers"), {}, expect(401, 200, 200, 403, 200, 200, 403)},
  };
}

}  // namespace daifa::testing
