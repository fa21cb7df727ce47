// Access rows for products; see access_probes.h.
#include "access_probes.h"

namespace daifa::testing {

std::vector<Probe> product_probes() {
  return {
      {"GET", "/api/v1/products", fixed_path("/api/v1/products"), {}, expect(401, 200, 200, 200, 200, 403, 200)},
      {"GET", "/api/v1/products/{id}", [](TestServer& s) { return "/api/v1/products/" + id_to_string(s.parties().product); },
       {}, expect(401, 200, 200, 200, 200, 403, 200)},
  };
}

}  // namespace daifa::testing
