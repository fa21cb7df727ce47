#include "sample_images.h"

#include <stdexcept>

#include <vips/vips8>

namespace daifa::testing {
namespace {

std::string take(VipsBlob* blob) {
  std::size_t size = 0;
  const void* data = vips_blob_get(blob, &size);
  std::string out(static_cast<const char*>(data), size);
  vips_area_unref(VIPS_AREA(blob));
  return out;
}

std::string encode(const vips::VImage& img, const std::string& format) {
  if (format == "png") return take(img.pngsave_buffer());
  if (format == "jpeg") return take(img.jpegsave_buffer(vips::VImage::option()->set("Q", 90)));
  if (format == "webp") return take(img.webpsave_buffer());
  if (format == "gif") return take(img.gifsave_buffer());
  if (format == "tiff") return take(img.tiffsave_buffer());
  throw std::invalid_argument("unknown format " + format);
}

}  // namespace

std::string sample_image(int width, int height, const std::string& format) {
  vips::VImage img = vips::VImage::black(width, height, vips::VImage::option()->set("bands", 3)).new_from_image({240, 240, 235});
  img = img.copy_memory();
  img.draw_rect({200, 30, 30}, width / 8, height / 8, width / 3, height / 3, vips::VImage::option()->set("fill", true));
  img.draw_rect({30, 90, 200}, width / 2, height / 2, width / 3, height / 3, vips::VImage::option()->set("fill", true));
  return encode(img, format);
}

std::string noisy_jpeg(int width, int height) {
  auto band = [&](double mean) { return vips::VImage::gaussnoise(width, height, vips::VImage::option()->set("mean", mean)->set("sigma", 60)); };
  vips::VImage img = band(128).bandjoin({band(100), band(160)}).cast(VIPS_FORMAT_UCHAR);
  return take(img.jpegsave_buffer(vips::VImage::option()->set("Q", 95)));
}

std::string jpeg_with_exif(int width, int height) {
  const std::string png = sample_image(width, height, "png");  // libvips reads it lazily: keep it alive
  vips::VImage img = vips::VImage::new_from_buffer(png, "").copy_memory();
  img.set("exif-ifd0-Make", "SupplierCam");
  img.set("exif-ifd0-Artist", "义乌佳美服饰厂");
  img.set("exif-ifd3-GPSLatitudeRef", "N");
  img.set("orientation", 6);  // "turn 90° clockwise to view"
  return take(img.jpegsave_buffer(vips::VImage::option()->set("Q", 90)));
}

std::string flat_png(int width, int height) {
  return take(vips::VImage::black(width, height).pngsave_buffer(vips::VImage::option()->set("compression", 9)));
}

DecodedImage decode(const std::string& bytes) {
  const char* loader = vips_foreign_find_load_buffer(bytes.data(), bytes.size());
  if (!loader) throw std::invalid_argument("not an image");
  vips::VImage img = vips::VImage::new_from_buffer(bytes, "");
  DecodedImage d;
  d.width = img.width();
  d.height = img.height();
  d.loader = loader;
  d.has_exif = img.get_typeof("exif-data") != 0;
  d.has_icc = img.get_typeof("icc-profile-data") != 0;
  d.has_xmp = img.get_typeof("xmp-data") != 0;
  return d;
}

}  // namespace daifa::testing
