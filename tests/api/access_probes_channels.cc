// Access rows for channels and listings; see access_probes.h. Channels carry pricing and secrets: managers edit them;
// a distributor reads its own shops and their listings.
#include "access_probes.h"

namespace daifa::testing {

std::vector<Probe> channel_probes() {
  auto channel = [](TestServer& s) { return "/api/v1/channels/" + id_to_string(s.parties().channel); };
  int counter = 0;
  return {
      {"GET", "/api/v1/channels", fixed_path("/api/v1/channels"), {}, expect(401, 200, 200, 200, 200, 403, 200)},
      {"POST", "/api/v1/channels", fixed_path("/api/v1/channels"),
       [counter](TestServer&, HttpClient&) mutable {
         return R"({"name":"C)" + std::to_string(++counter) + R"(","kind":"manual"})";
       },
       expect(401, 201, 201, 403, 403, 403, 403)},
      // The seeded channel is the merchant's own: a distributor reads only its own shops.
      {"GET", "/api/v1/channels/{id}", channel, {}, expect(401, 200, 200, 200, 200, 403, 404)},
      {"PATCH", "/api/v1/channels/{id}", channel,
       [](TestServer& s, HttpClient& owner) {
         auto current = owner.get("/api/v1/channels/" + id_to_string(s.parties().channel));
         return R"({"stock_buffer":1,"version":)" + std::to_string(current.json().at("version").as_int64()) + "}";
       },
       expect(401, 200, 200, 403, 403, 403, 403)},
      // Listings: managers, and a distributor for its own shops only (channels_test.cc reads one).
      {"GET", "/api/v1/channels/{id}/listings", [channel](TestServer& s) { return channel(s) + "/listings"; }, {},
       expect(401, 200, 200, 403, 403, 403, 404)},
      {"GET", "/api/v1/channels/{id}/listings.csv", [channel](TestServer& s) { return channel(s) + "/listings.csv"; }, {},
       expect(401, 200, 200, 403, 403, 403, 404)},
      {"GET", "/api/v1/channels/{id}/listings.xlsx", [channel](TestServer& s) { return channel(s) + "/listings.xlsx"; }, {},
       expect(401, 200, 200, 403, 403, 403, 404)},
  };
}

}  // namespace daifa::testing
