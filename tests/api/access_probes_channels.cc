// Access rows for channels; see access_probes.h.
#include "access_probes.h"

namespace daifa::testing {

std::vector<Probe> channel_probes() {
  return {
      {"GET", "/api/v1/channels", fixed_path("/api/v1/channels"), {}, expect(401, 200, 200, 403, 403, 403, 403)},
  };
}

}  // namespace daifa::testing
