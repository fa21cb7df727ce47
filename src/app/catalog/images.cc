#include "app/catalog/images.h"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <stdexcept>

#include <vips/vips8>

#include "app/crypto.h"
#include "store/catalog/product_repo.h"

namespace daifa::app {
namespace {

constexpr std::string_view kJpeg = "image/jpeg";
constexpr int kFirstQuality = 85;    // visually lossless for product photos
constexpr int kShrinkQuality = 72;   // below this, artefacts show on fabric textures: shrink instead
constexpr int kThumbnailQuality = 80;
constexpr int kMinSide = 16;         // a guard: no real image needs shrinking this far to fit 200 KB
constexpr int kMaxShrinkSteps = 12;

// The loaders an upload may use (class names of libvips 8.x). Everything else — SVG, PDF, TIFF, HEIF,
// ImageMagick — is refused, whatever libvips could read.
constexpr std::string_view kAcceptedLoaders[] = {"VipsForeignLoadJpegBuffer", "VipsForeignLoadPngBuffer",
                                                 "VipsForeignLoadWebpBuffer", "VipsForeignLoadNsgifBuffer"};

Failure refused(std::string code, std::string message) {
  std::string detail = "the upload is refused: " + message;
  return fail(Status::invalid_fields, detail, {{"body", std::move(code), std::move(message)}});
}

std::string vips_message() {
  std::string text = vips_error_buffer();
  vips_error_clear();
  auto nl = text.find('\n');
  return nl == std::string::npos ? text : text.substr(0, nl);
}

EncodedImage jpeg(const vips::VImage& img, int quality) {
  VipsBlob* blob = img.jpegsave_buffer(
      vips::VImage::option()->set("Q", quality)->set("strip", true)->set("optimize_coding", true));
  std::size_t size = 0;
  const void* data = vips_blob_get(blob, &size);
  EncodedImage out{std::string(kJpeg), std::string(static_cast<const char*>(data), size), img.width(), img.height(), ""};
  vips_area_unref(VIPS_AREA(blob));
  return out;
}

// sRGB (or grey), 8 bits, no alpha (flattened on white, as a shop page shows it), decoded into memory
// once so that the encoding attempts below do not decode again.
vips::VImage normalised(vips::VImage img) {
  if (img.interpretation() != VIPS_INTERPRETATION_sRGB && img.interpretation() != VIPS_INTERPRETATION_B_W) {
    img = img.colourspace(VIPS_INTERPRETATION_sRGB);
  }
  if (img.has_alpha()) img = img.flatten(vips::VImage::option()->set("background", std::vector<double>{255, 255, 255}));
  if (img.format() != VIPS_FORMAT_UCHAR) img = img.cast(VIPS_FORMAT_UCHAR);
  return img.copy_memory();
}

// The largest JPEG that fits: a high quality first, a lower one, then shrinking by the ratio of sizes
// (bytes grow about with the pixel count), a little more each time, until it fits.
EncodedImage fit(const vips::VImage& img, std::size_t max_bytes) {
  EncodedImage out = jpeg(img, kFirstQuality);
  if (out.bytes.size() <= max_bytes) return out;
  out = jpeg(img, kShrinkQuality);
  vips::VImage work = img;
  for (int step = 0; out.bytes.size() > max_bytes && step < kMaxShrinkSteps; ++step) {
    double scale = std::sqrt(static_cast<double>(max_bytes) / static_cast<double>(out.bytes.size())) * 0.95;
    scale = std::min(scale, 0.9);
    if (std::min(work.width(), work.height()) * scale < kMinSide) break;
    work = work.resize(scale);
    out = jpeg(work, kShrinkQuality);
  }
  if (out.bytes.size() > max_bytes) throw std::runtime_error("an image could not be made to fit the size cap");
  return out;
}

}  // namespace

void init_images() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (VIPS_INIT("daifa")) throw std::runtime_error("libvips could not start: " + vips_message());
    vips_block_untrusted_set(TRUE);  // no SVG, PDF, ImageMagick… loaders for anything
    vips_cache_set_max(0);           // each upload is processed once: a cache of operations only holds memory
  });
}

Outcome<ProcessedImage> process_image(std::string_view upload, const ImageLimits& limits) {
  if (upload.empty()) return refused("required", "the body must be the image's bytes");
  if (upload.size() > limits.max_upload_bytes) {
    return fail(Status::payload_too_large,
                "an image upload may have at most " + std::to_string(limits.max_upload_bytes) + " bytes",
                {{"body", "too_large", "must be at most " + std::to_string(limits.max_upload_bytes) + " bytes"}});
  }
  const char* loader = vips_foreign_find_load_buffer(upload.data(), upload.size());
  if (!loader) {
    vips_error_clear();
    return refused("not_an_image", "is not an image (JPEG, PNG, WebP or GIF), whatever its Content-Type says");
  }
  if (std::find(std::begin(kAcceptedLoaders), std::end(kAcceptedLoaders), std::string_view(loader)) ==
      std::end(kAcceptedLoaders)) {
    return refused("unsupported_image_format", "must be a JPEG, PNG, WebP or GIF image");
  }
  try {
    // The header only: the pixels are not decoded yet, so a decompression bomb is refused here.
    vips::VImage header = vips::VImage::new_from_buffer(upload.data(), upload.size(), "");
    const std::int64_t pixels = std::int64_t{header.width()} * header.height();
    if (pixels > limits.max_pixels) {
      return refused("too_many_pixels", "has " + std::to_string(header.width()) + "×" + std::to_string(header.height()) +
                                            " pixels; at most " + std::to_string(limits.max_pixels / 1'000'000) +
                                            " megapixels are accepted");
    }
    // Shrink-on-load where the format allows it; turned upright by its EXIF orientation; a broken file fails
    // rather than coming out half grey.
    VipsBlob* source = vips_blob_new(nullptr, upload.data(), upload.size());
    vips::VImage decoded;
    try {
      decoded = vips::VImage::thumbnail_buffer(source, limits.max_side,
                                               vips::VImage::option()
                                                   ->set("height", limits.max_side)
                                                   ->set("size", VIPS_SIZE_DOWN)
                                                   ->set("option_string", "fail_on=error"));
      decoded = normalised(decoded);
    } catch (...) {
      vips_area_unref(VIPS_AREA(source));
      throw;
    }
    vips_area_unref(VIPS_AREA(source));

    ProcessedImage out;
    out.image = fit(decoded, limits.max_stored_bytes);
    out.image.sha256 = sha256_hex(out.image.bytes);
    vips::VImage thumb = decoded.thumbnail_image(
        limits.thumbnail_side, vips::VImage::option()->set("height", limits.thumbnail_side)->set("size", VIPS_SIZE_DOWN));
    out.thumbnail = jpeg(thumb, kThumbnailQuality);
    out.thumbnail.sha256 = sha256_hex(out.thumbnail.bytes);
    return out;
  } catch (const vips::VError& e) {
    vips_error_clear();
    std::string why = e.what();
    if (auto nl = why.find('\n'); nl != std::string::npos) why.resize(nl);
    return refused("corrupt_image", "could not be decoded as an image: " + why);
  }
}

Outcome<ProductImage> add_product_image(store::Tx& tx, App& app, Id product_id, const ProcessedImage& image,
                                        const ImageLimits& limits) {
  if (!store::touch_product(tx.conn(), product_id, app.now())) return fail(Status::not_found, "no such product");
  if (store::count_images(tx.conn(), product_id) >= limits.max_images_per_product) {
    return fail(Status::state_conflict, "the product has its maximum number of images",
                {{"images", "too_many_images",
                  "a product has at most " + std::to_string(limits.max_images_per_product) + " images; remove one first"}});
  }
  ProductImage meta;
  meta.id = app.new_id();
  meta.product_id = product_id;
  meta.position = store::next_image_position(tx.conn(), product_id);
  meta.content_type = image.image.content_type;
  meta.width = image.image.width;
  meta.height = image.image.height;
  meta.bytes = static_cast<std::int64_t>(image.image.bytes.size());
  meta.sha256 = image.image.sha256;
  meta.thumbnail_width = image.thumbnail.width;
  meta.thumbnail_height = image.thumbnail.height;
  meta.thumbnail_bytes = static_cast<std::int64_t>(image.thumbnail.bytes.size());
  meta.thumbnail_sha256 = image.thumbnail.sha256;
  meta.created_at = app.now();
  store::insert_image(tx.conn(), meta, image.image.bytes, image.thumbnail.content_type, image.thumbnail.bytes);
  return meta;
}

Outcome<ProductImage> remove_product_image(store::Tx& tx, App& app, Id product_id, Id image_id) {
  auto image = store::find_image(tx.conn(), image_id);
  if (!image || image->product_id != product_id || !store::delete_image(tx.conn(), product_id, image_id)) {
    return fail(Status::not_found, "no such image of this product");
  }
  store::touch_product(tx.conn(), product_id, app.now());
  return *image;
}

std::optional<store::ImageFile> get_image_file(App& app, Id image_id, bool thumbnail) {
  return app.store().reads().read([&](store::Connection& c) { return store::find_image_file(c, image_id, thumbnail); });
}

}  // namespace daifa::app
