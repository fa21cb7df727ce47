#include "store/catalog/image_repo.h"

#include <map>

#include "store/catalog/product_repo.h"

namespace daifa::store {
namespace {

// Metadata only: the bytes are read when an image is served, never for a product list.
constexpr std::string_view kMetaColumns =
    "id, product_id, position, content_type, width, height, bytes, sha256, thumbnail_width, thumbnail_height, "
    "thumbnail_bytes, thumbnail_sha256, created_at";

ProductImage image_from(const Row& r) {
  ProductImage i;
  i.id = r.i64(0);
  i.product_id = r.i64(1);
  i.position = r.i64(2);
  i.content_type = r.text(3);
  i.width = r.i64(4);
  i.height = r.i64(5);
  i.bytes = r.i64(6);
  i.sha256 = r.text(7);
  i.thumbnail_width = r.i64(8);
  i.thumbnail_height = r.i64(9);
  i.thumbnail_bytes = r.i64(10);
  i.thumbnail_sha256 = r.text(11);
  i.created_at = Timestamp{r.i64(12)};
  return i;
}

}  // namespace

void insert_image(Connection& c, const ProductImage& m, const std::string& data, const std::string& thumbnail_content_type,
                  const std::string& thumbnail_data) {
  c.exec("INSERT INTO product_images (id, product_id, position, content_type, width, height, bytes, sha256, data, "
         "thumbnail_content_type, thumbnail_width, thumbnail_height, thumbnail_bytes, thumbnail_sha256, thumbnail_data, "
         "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
         {m.id, m.product_id, m.position, m.content_type, m.width, m.height, m.bytes, m.sha256, Blob{data},
          thumbnail_content_type, m.thumbnail_width, m.thumbnail_height, m.thumbnail_bytes, m.thumbnail_sha256,
          Blob{thumbnail_data}, m.created_at.unix_ms});
}

void attach_images(Connection& c, std::vector<Product>& products) {
  if (products.empty()) return;
  std::map<Id, Product*> by_id;
  std::vector<Id> ids;
  for (auto& p : products) {
    by_id[p.id] = &p;
    ids.push_back(p.id);
  }
  std::vector<Value> params;
  Result r = c.exec("SELECT " + std::string(kMetaColumns) + " FROM product_images WHERE product_id IN " +
                        id_list(ids, params) + " ORDER BY product_id, position, id",
                    params);
  for (const Row& row : r.rows) {
    auto it = by_id.find(row.i64(1));
    if (it != by_id.end()) it->second->images.push_back(image_from(row));
  }
}

std::optional<ProductImage> find_image(Connection& c, Id image_id) {
  Result r = c.exec("SELECT " + std::string(kMetaColumns) + " FROM product_images WHERE id = ?", {image_id});
  if (r.empty()) return std::nullopt;
  return image_from(r.rows[0]);
}

std::optional<ImageFile> find_image_file(Connection& c, Id image_id, bool thumbnail) {
  Result r = c.exec(thumbnail ? "SELECT product_id, thumbnail_content_type, thumbnail_sha256, thumbnail_data "
                                "FROM product_images WHERE id = ?"
                              : "SELECT product_id, content_type, sha256, data FROM product_images WHERE id = ?",
                    {image_id});
  if (r.empty()) return std::nullopt;
  const Row& row = r.rows[0];
  return ImageFile{row.i64(0), row.text(1), row.text(2), row.blob(3)};
}

bool delete_image(Connection& c, Id product_id, Id image_id) {
  return c.exec("DELETE FROM product_images WHERE id = ? AND product_id = ?", {image_id, product_id}).affected == 1;
}

std::int64_t count_images(Connection& c, Id product_id) {
  return c.exec("SELECT COUNT(*) FROM product_images WHERE product_id = ?", {product_id}).one().i64(0);
}

std::int64_t next_image_position(Connection& c, Id product_id) {
  Row row = c.exec("SELECT MAX(position) FROM product_images WHERE product_id = ?", {product_id}).one();
  return row.is_null(0) ? 0 : row.i64(0) + 1;
}

}  // namespace daifa::store
