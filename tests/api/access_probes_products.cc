// Access rows for products, their images and the compliance word list; see access_probes.h.
// The catalog is the merchant's to edit (owner, operator) and everyone's but suppliers' to read; the word
// list is staff-only.
#include <memory>

#include "access_probes.h"
#include "sample_images.h"

namespace daifa::testing {

std::vector<Probe> product_probes() {
  auto none = std::function<std::string(TestServer&, HttpClient&)>{};
  auto product = [](TestServer& s) { return "/api/v1/products/" + id_to_string(s.parties().product); };
  const http::Headers png_type{{"Content-Type", "image/png"}};
  auto upload = [png_type](TestServer& s) {
    auto owner = s.with_token("owner");
    auto r = owner.post("/api/v1/products/" + id_to_string(s.parties().product) + "/images", sample_image(64, 48), png_type);
    if (r.status != 201) throw std::runtime_error("probe upload failed: " + r.body);
    return std::string(r.json().at("id").as_string());
  };
  // One image for the read rows, uploaded on first use (a product holds at most 20).
  auto image = std::make_shared<std::string>();
  auto shared_image = [image, upload](TestServer& s) {
    if (image->empty()) *image = "/api/v1/images/" + upload(s);
    return *image;
  };
  int counter = 0;
  auto words_made = std::make_shared<int>(0);  // shared by the copies of new_word below
  auto new_word = [words_made](TestServer& s) {
    auto owner = s.with_token("owner");
    auto r = owner.post("/api/v1/compliance/words",
                        R"({"word":"探针词)" + std::to_string(++*words_made) + R"(","kind":"restricted"})");
    if (r.status != 201) throw std::runtime_error("probe word failed: " + r.body);
    return "/api/v1/compliance/words/" + std::string(r.json().at("id").as_string());
  };
  // One word for the read and edit rows, made on first use.
  auto word = std::make_shared<std::string>();
  auto shared_word = [word, new_word](TestServer& s) {
    if (word->empty()) *word = new_word(s);
    return *word;
  };

  return {
      {"GET", "/api/v1/products", fixed_path("/api/v1/products"), none, expect(401, 200, 200, 200, 200, 403, 200)},
      {"POST", "/api/v1/products", fixed_path("/api/v1/products"),
       [counter](TestServer&, HttpClient&) mutable {
         return R"({"title":"探针商品","category":"女装","variants":[{"sku":"PROBE-)" + std::to_string(++counter) +
                R"(","options":{"颜色":"白"},"price":{"amount":1990,"currency":"CNY"},"weight_g":100}]})";
       },
       expect(401, 201, 201, 403, 403, 403, 403)},
      {"GET", "/api/v1/products/{id}", product, none, expect(401, 200, 200, 200, 200, 403, 200)},
      {"PATCH", "/api/v1/products/{id}", product,
       [](TestServer& s, HttpClient& owner) {
         auto current = owner.get("/api/v1/products/" + id_to_string(s.parties().product));
         return R"({"description":"改了","version":)" + std::to_string(current.json().at("version").as_int64()) + "}";
       },
       expect(401, 200, 200, 403, 403, 403, 403)},

      {"POST", "/api/v1/products/{id}/images", [product](TestServer& s) { return product(s) + "/images"; },
       [](TestServer&, HttpClient&) { return sample_image(64, 48); }, expect(401, 201, 201, 403, 403, 403, 403),
       png_type},
      // A fresh image for each caller, so that each allowed one has something to delete.
      {"DELETE", "/api/v1/products/{id}/images/{image_id}",
       [product, upload](TestServer& s) { return product(s) + "/images/" + upload(s); }, none,
       expect(401, 204, 204, 403, 403, 403, 403)},
      {"GET", "/api/v1/images/{id}", shared_image, none, expect(401, 200, 200, 200, 200, 403, 200)},
      {"GET", "/api/v1/images/{id}/thumbnail", [shared_image](TestServer& s) { return shared_image(s) + "/thumbnail"; },
       none, expect(401, 200, 200, 200, 200, 403, 200)},

      {"GET", "/api/v1/compliance/words", fixed_path("/api/v1/compliance/words"), none,
       expect(401, 200, 200, 200, 200, 403, 403)},
      {"POST", "/api/v1/compliance/words", fixed_path("/api/v1/compliance/words"),
       [counter](TestServer&, HttpClient&) mutable {
         return R"({"word":"probe)" + std::to_string(++counter) + R"(","kind":"trademark","note":"探针"})";
       },
       expect(401, 201, 201, 403, 403, 403, 403)},
      {"GET", "/api/v1/compliance/words/{id}", shared_word, none, expect(401, 200, 200, 200, 200, 403, 403)},
      {"PATCH", "/api/v1/compliance/words/{id}", shared_word,
       [word](TestServer&, HttpClient& owner) {
         auto current = owner.get(*word);
         return R"({"note":"改了","version":)" + std::to_string(current.json().at("version").as_int64()) + "}";
       },
       expect(401, 200, 200, 403, 403, 403, 403)},
      {"DELETE", "/api/v1/compliance/words/{id}", new_word, none, expect(401, 204, 204, 403, 403, 403, 403)},
      {"POST", "/api/v1/compliance/check", fixed_path("/api/v1/compliance/check"),
       [](TestServer&, HttpClient&) { return std::string(R"({"text":"全网最好的T恤"})"); },
       expect(401, 200, 200, 200, 200, 403, 403)},
  };
}

}  // namespace daifa::testing
