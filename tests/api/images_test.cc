// Product images through the API, on both stores: judged by content, re-encoded under the size cap without
// metadata, thumbnailed, and served with caching headers.
#include <gtest/gtest.h>

#include "app/catalog/images.h"
#include "app/crypto.h"
#include "sample_images.h"
#include "support/test_server.h"

namespace daifa::testing {
namespace {

const http::Headers kPng{{"Content-Type", "image/png"}};
const http::Headers kJpeg{{"Content-Type", "image/jpeg"}};

std::string code_of(const HttpResult& r) { return std::string(r.json().at("errors").at(0).at("code").as_string()); }

class Images : public ::testing::TestWithParam<Backend> {
 protected:
  std::string images_path() { return "/api/v1/products/" + id_to_string(server_.parties().product) + "/images"; }
  HttpResult upload(const std::string& bytes, const http::Headers& type = kPng) {
    return owner_.post(images_path(), bytes, type);
  }

  TestServer server_{GetParam()};
  HttpClient owner_ = server_.signed_in("operator");
};

TEST_P(Images, AnUploadIsReencodedThumbnailedAndListedWithTheProduct) {
  auto r = upload(sample_image(800, 600, "png"));
  ASSERT_EQ(r.status, 201) << r.body;
  auto image = r.json().as_object();
  EXPECT_EQ(image.at("content_type").as_string(), "image/jpeg");
  EXPECT_EQ(image.at("width").as_int64(), 800);
  EXPECT_EQ(image.at("height").as_int64(), 600);
  std::string url(image.at("url").as_string());
  EXPECT_EQ(r.header("Location").value_or(""), url);

  auto stored = owner_.get(url);
  ASSERT_EQ(stored.status, 200);
  EXPECT_EQ(stored.header("Content-Type").value_or(""), "image/jpeg");
  EXPECT_EQ(static_cast<std::int64_t>(stored.body.size()), image.at("bytes").as_int64());
  EXPECT_EQ(app::sha256_hex(stored.body), image.at("sha256").as_string());
  auto decoded = decode(stored.body);
  EXPECT_EQ(decoded.loader, "VipsForeignLoadJpegBuffer");
  EXPECT_EQ(decoded.width, 800);

  auto thumb = owner_.get(std::string(image.at("thumbnail_url").as_string()));
  ASSERT_EQ(thumb.status, 200);
  auto t = decode(thumb.body);
  EXPECT_EQ(t.width, 256);
  EXPECT_EQ(t.height, 192);
  EXPECT_EQ(image.at("thumbnail").at("width").as_int64(), 256);
  EXPECT_LT(thumb.body.size(), stored.body.size());

  auto second = upload(sample_image(300, 400, "webp"), {{"Content-Type", "image/webp"}});
  ASSERT_EQ(second.status, 201) << second.body;
  auto product = owner_.get("/api/v1/products/" + id_to_string(server_.parties().product)).json();
  auto images = product.at("images").as_array();
  ASSERT_EQ(images.size(), 2u);
  EXPECT_EQ(images[0].at("id"), image.at("id"));  // in upload order
  EXPECT_EQ(images[1].at("id"), second.json().at("id"));
  EXPECT_EQ(images[1].at("thumbnail_url").as_string(), std::string(second.json().at("url").as_string()) + "/thumbnail");
  EXPECT_EQ(product.at("version").as_int64(), 3);  // each upload moves the product's version on
}

TEST_P(Images, ALargePhotoComesOutUnderTheCap) {
  std::string big = noisy_jpeg(3000, 2000);
  ASSERT_GT(big.size(), 1'000'000u);
  auto r = upload(big, kJpeg);
  ASSERT_EQ(r.status, 201) << r.body;
  auto stored = owner_.get(std::string(r.json().at("url").as_string()));
  EXPECT_LE(stored.body.size(), 200u * 1024);
  auto d = decode(stored.body);
  EXPECT_LE(std::max(d.width, d.height), 2048);
  EXPECT_NEAR(static_cast<double>(d.width) / d.height, 1.5, 0.02);  // the shape is kept
}

TEST_P(Images, MetadataIsStrippedAndTheOrientationApplied) {
  std::string with_exif = jpeg_with_exif(400, 200);
  ASSERT_TRUE(decode(with_exif).has_exif);
  auto r = upload(with_exif, kJpeg);
  ASSERT_EQ(r.status, 201) << r.body;
  auto d = decode(owner_.get(std::string(r.json().at("url").as_string())).body);
  EXPECT_FALSE(d.has_exif);
  EXPECT_FALSE(d.has_xmp);
  EXPECT_EQ(d.width, 200);  // turned upright by its EXIF orientation
  EXPECT_EQ(d.height, 400);
}

TEST_P(Images, ContentDecidesNotTheHeader) {
  // A text file called .png.
  auto text = upload("this is a product description, not a picture\n");
  ASSERT_EQ(text.status, 422) << text.body;
  EXPECT_EQ(text.json().at("errors").at(0).at("field").as_string(), "body");
  EXPECT_EQ(code_of(text), "not_an_image");

  // A real PNG declared as a JPEG is still a picture.
  EXPECT_EQ(upload(sample_image(64, 64, "png"), kJpeg).status, 201);
  EXPECT_EQ(upload(sample_image(64, 64, "gif"), {{"Content-Type", "image/gif"}}).status, 201);

  auto tiff = upload(sample_image(64, 64, "tiff"));
  ASSERT_EQ(tiff.status, 422);
  EXPECT_EQ(code_of(tiff), "unsupported_image_format");

  auto svg = upload(R"(<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>)");
  ASSERT_EQ(svg.status, 422);

  std::string truncated = sample_image(400, 300, "jpeg");
  truncated.resize(truncated.size() / 2);
  auto broken = upload(truncated, kJpeg);
  ASSERT_EQ(broken.status, 422) << broken.body;
  EXPECT_EQ(code_of(broken), "corrupt_image");

  auto empty = owner_.post(images_path(), "", kPng);
  EXPECT_EQ(empty.status, 422);

  EXPECT_EQ(upload(sample_image(64, 64), {{"Content-Type", "application/json"}}).status, 415);
  EXPECT_EQ(upload(sample_image(64, 64), {{"Content-Type", "text/plain"}}).status, 415);
  // Nothing refused was stored.
  auto product = owner_.get("/api/v1/products/" + id_to_string(server_.parties().product)).json();
  EXPECT_EQ(product.at("images").as_array().size(), 2u);
}

TEST_P(Images, TooManyPixelsOrBytesAreRefused) {
  std::string bomb = flat_png(8000, 6000);  // 48 megapixels in a small file
  ASSERT_LT(bomb.size(), 1'000'000u);
  auto r = upload(bomb);
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(code_of(r), "too_many_pixels");
  // Past the server's body limit, refused before the body is read.
  std::string raw = "POST " + images_path() + " HTTP/1.1\r\nHost: x\r\nContent-Type: image/jpeg\r\n"
                    "Content-Length: 11534336\r\n\r\n\xFF\xD8";
  std::string reply = raw_exchange(server_.port(), raw);
  EXPECT_NE(reply.find(" 413 "), std::string::npos) << reply.substr(0, 200);
  // And past the image limit, however large the server's body limit is set.
  app::ImageLimits small;
  small.max_upload_bytes = 1000;
  auto refused = app::process_image(sample_image(400, 400), small);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.failure().status, Status::payload_too_large);
}

TEST_P(Images, ServedWithCachingHeadersAnd304) {
  auto r = upload(sample_image(200, 100));
  ASSERT_EQ(r.status, 201);
  std::string url(r.json().at("url").as_string());
  auto agent = server_.signed_in("distributor");
  auto first = agent.get(url);
  ASSERT_EQ(first.status, 200);
  std::string etag(first.header("ETag").value_or(""));
  EXPECT_EQ(etag, "\"" + app::sha256_hex(first.body) + "\"");
  EXPECT_EQ(first.header("Cache-Control").value_or(""), "private, max-age=31536000, immutable");

  auto again = agent.get(url, {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(again.header("ETag").value_or(""), etag);
  EXPECT_EQ(agent.get(url, {{"If-None-Match", "\"other\", W/" + etag}}).status, 304);
  EXPECT_EQ(agent.get(url, {{"If-None-Match", "\"other\""}}).status, 200);

  auto thumb = agent.get(url + "/thumbnail");
  ASSERT_EQ(thumb.status, 200);
  EXPECT_NE(thumb.header("ETag").value_or(""), etag);  // its own bytes, its own tag
  EXPECT_EQ(agent.get(url + "/thumbnail", {{"If-None-Match", std::string(thumb.header("ETag").value_or(""))}}).status, 304);

  EXPECT_EQ(server_.signed_in("supplier").get(url).status, 403);
  EXPECT_EQ(agent.get("/api/v1/images/123").status, 404);
}

TEST_P(Images, DeletingRemovesTheImageOfThatProductOnly) {
  auto r = upload(sample_image(100, 100));
  ASSERT_EQ(r.status, 201);
  std::string id(r.json().at("id").as_string());
  EXPECT_EQ(owner_.del("/api/v1/products/123/images/" + id).status, 404);  // not that product's
  EXPECT_EQ(owner_.del(images_path() + "/" + id).status, 204);
  EXPECT_EQ(owner_.get("/api/v1/images/" + id).status, 404);
  EXPECT_EQ(owner_.del(images_path() + "/" + id).status, 404);
  auto product = owner_.get("/api/v1/products/" + id_to_string(server_.parties().product)).json();
  EXPECT_TRUE(product.at("images").as_array().empty());
}

TEST_P(Images, AnUploadToAnUnknownProductIs404AndARetryIsIdempotent) {
  EXPECT_EQ(owner_.post("/api/v1/products/123/images", sample_image(10, 10), kPng).status, 404);
  http::Headers keyed = kPng;
  keyed.emplace("Idempotency-Key", "upload-1");
  std::string png = sample_image(120, 80);
  auto first = owner_.post(images_path(), png, keyed);
  auto retry = owner_.post(images_path(), png, keyed);
  ASSERT_EQ(first.status, 201);
  ASSERT_EQ(retry.status, 201);
  EXPECT_EQ(first.json().at("id"), retry.json().at("id"));
  auto product = owner_.get("/api/v1/products/" + id_to_string(server_.parties().product)).json();
  EXPECT_EQ(product.at("images").as_array().size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, Images, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace daifa::testing
