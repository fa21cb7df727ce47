#pragma once
// Product images. An upload is judged by its content, never by its Content-Type: libvips decodes it (JPEG,
// PNG, WebP or GIF only; other loaders are blocked), and it is re-encoded as a JPEG without metadata (no
// EXIF, no GPS position of the supplier's workshop) of at most ~200 KB, with a thumbnail. Both are stored
// in the database and served with their sha256 as ETag.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "app/app.h"
#include "domain/catalog/product.h"
#include "domain/common/outcome.h"
#include "store/catalog/image_repo.h"
#include "store/writer.h"

namespace daifa::app {

// Starts libvips once per process; throws if it cannot. Call at start, beside init_crypto().
void init_images();

struct ImageLimits {
  std::size_t max_upload_bytes = 10 * 1024 * 1024;  // larger uploads get 413
  std::int64_t max_pixels = 40'000'000;              // width × height of an upload; more is refused (422)
  std::size_t max_stored_bytes = 200 * 1024;         // the stored image is re-encoded until it fits
  int max_side = 2048;                               // the stored image's longest side at most
  int thumbnail_side = 256;                          // the thumbnail fits in this square
  std::int64_t max_images_per_product = 20;
};

struct EncodedImage {
  std::string content_type;
  std::string bytes;
  int width = 0;
  int height = 0;
  std::string sha256;  // hex
};

struct ProcessedImage {
  EncodedImage image;
  EncodedImage thumbnail;
};

// Decodes and re-encodes an upload. CPU-heavy (tens of milliseconds): call it before entering the writer.
// Refusals name the field "body": not_an_image, unsupported_image_format, corrupt_image, too_many_pixels.
Outcome<ProcessedImage> process_image(std::string_view upload, const ImageLimits& limits = {});

// Adds the image after the product's others; the product's version moves on.
Outcome<ProductImage> add_product_image(store::Tx& tx, App& app, Id product_id, const ProcessedImage& image,
                                        const ImageLimits& limits = {});
Outcome<ProductImage> remove_product_image(store::Tx& tx, App& app, Id product_id, Id image_id);
std::optional<store::ImageFile> get_image_file(App& app, Id image_id, bool thumbnail);

}  // namespace daifa::app
