#pragma once
// Product images: their metadata for the catalog, and their bytes (image and thumbnail) for serving.
#include <optional>
#include <string>
#include <vector>

#include "domain/catalog/product.h"
#include "store/database.h"

namespace daifa::store {

// The stored bytes of one image or its thumbnail, with what an HTTP cache needs.
struct ImageFile {
  Id product_id = 0;
  std::string content_type;
  std::string sha256;
  std::string bytes;
};

void insert_image(Connection& c, const ProductImage& meta, const std::string& data, const std::string& thumbnail_content_type,
                  const std::string& thumbnail_data);
// Fills each product's images (metadata only), in display order.
void attach_images(Connection& c, std::vector<Product>& products);
std::optional<ProductImage> find_image(Connection& c, Id image_id);
std::optional<ImageFile> find_image_file(Connection& c, Id image_id, bool thumbnail);
// False when the image is not one of this product's.
bool delete_image(Connection& c, Id product_id, Id image_id);
std::int64_t count_images(Connection& c, Id product_id);
std::int64_t next_image_position(Connection& c, Id product_id);

}  // namespace daifa::store
