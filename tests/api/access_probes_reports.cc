// Access rows for the reports; see access_probes.h. The dashboard is the staff's: suppliers and distributors
// have their own portals.
#include "access_probes.h"

namespace daifa::testing {

std::vector<Probe> report_probes() {
  return {
      {"GET", "/api/v1/reports/dashboard", fixed_path("/api/v1/reports/dashboard"), {},
       expect(401, 200, 200, 200, 200, 403, 403)},
  };
}

}  // namespace daifa::testing
