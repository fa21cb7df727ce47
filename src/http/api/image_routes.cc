// Product images: upload (the raw image as the body), remove, and serve the stored bytes with caching
// headers. Whoever may read products may read their images.
#include "app/catalog/images.h"
#include "http/api/api.h"
#include "http/api/product_json.h"
#include "store/catalog/product_repo.h"

namespace daifa::http {
namespace json = boost::json;

namespace {

const RoleSet kImageReaders{Role::owner, Role::operator_, Role::agent, Role::finance, Role::distributor};
// The declared type only decides whether the body is read as an image; its content decides the rest.
const std::vector<std::string> kImageTypes{"image/jpeg", "image/png", "image/webp", "image/gif"};

// The stored bytes never change under an id (a new upload is a new image), so caches may keep them for a year.
// private: reading an image needs sign-in, so shared caches (proxies, CDNs) must not keep a copy.
constexpr std::string_view kImmutable = "private, max-age=31536000, immutable";

// True when If-None-Match names this ETag (or is "*"): the client's copy is current.
bool matches_etag(const Request& req, std::string_view etag) {
  auto header = req.header("If-None-Match");
  if (!header) return false;
  std::string_view rest = *header;
  while (!rest.empty()) {
    auto comma = rest.find(',');
    std::string_view tag = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);  // weak comparison, as If-None-Match wants
    if (tag == "*" || tag == etag) return true;
  }
  return false;
}

Response serve(RequestContext& ctx, bool thumbnail) {
  auto id = ctx.path_id("id");
  auto file = id ? app::get_image_file(ctx.app, *id, thumbnail) : std::nullopt;
  if (!file) return not_found("image");
  const std::string etag = "\"" + file->sha256 + "\"";
  Response r;
  r.set("ETag", etag);
  r.set("Cache-Control", kImmutable);
  if (matches_etag(ctx.req, etag)) {
    r.status = 304;
    return r;
  }
  r.status = 200;
  r.set("Content-Type", file->content_type);
  r.set("X-Content-Type-Options", "nosniff");
  r.body = std::move(file->bytes);
  return r;
}

Response get_image(RequestContext& ctx) { return serve(ctx, false); }
Response get_thumbnail(RequestContext& ctx) { return serve(ctx, true); }

Response upload_image(RequestContext& ctx) {
  auto product_id = ctx.path_id("id");
  if (!product_id) return not_found("product");
  // Known before spending the CPU on decoding; checked again in the write.
  bool exists = ctx.app.store().reads().read(
      [&](store::Connection& c) { return store::find_product(c, *product_id).has_value(); });
  if (!exists) return not_found("product");
  auto processed = app::process_image(ctx.req.body);
  if (!processed) return problem(processed.failure());
  return ctx.write([&](store::Tx& tx) {
    auto image = app::add_product_image(tx, ctx.app, *product_id, *processed);
    if (!image) return problem(image.failure());
    json::object body = image_json(*image);
    body["product_id"] = id_to_string(*product_id);
    Response r = json_response(201, body);
    r.set("Location", image_url(image->id));
    return r;
  });
}

Response delete_image(RequestContext& ctx) {
  auto product_id = ctx.path_id("id");
  auto image_id = ctx.path_id("image_id");
  if (!product_id || !image_id) return not_found("image");
  return ctx.write([&](store::Tx& tx) {
    auto removed = app::remove_product_image(tx, ctx.app, *product_id, *image_id);
    if (!removed) return problem(removed.failure());
    Response r;
    r.status = 204;
    return r;
  });
}

}  // namespace

void add_image_routes(Api& api) {
  api.add("POST", "/api/v1/products/{id}/images", kManagers, api.blocking(upload_image), kImageTypes);
  api.add("DELETE", "/api/v1/products/{id}/images/{image_id}", kManagers, delete_image);
  api.add("GET", "/api/v1/images/{id}", kImageReaders, get_image);
  api.add("GET", "/api/v1/images/{id}/thumbnail", kImageReaders, get_thumbnail);
}

}  // namespace daifa::http
