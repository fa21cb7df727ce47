#pragma once
// Real images made in code with libvips, for the image tests and the access probes.
#include <string>

namespace daifa::testing {

// A w×h picture with coloured blocks, encoded as "png", "jpeg", "webp", "gif" or "tiff".
std::string sample_image(int width, int height, const std::string& format = "png");
// A w×h photo-like JPEG of coloured noise, which compresses badly: the hardest case for the size cap.
std::string noisy_jpeg(int width, int height);
// A JPEG carrying EXIF (camera make, GPS position) and an orientation that turns it a quarter.
std::string jpeg_with_exif(int width, int height);
// A w×h single-colour PNG: tiny as a file, however many pixels it has.
std::string flat_png(int width, int height);

struct DecodedImage {
  int width = 0;
  int height = 0;
  std::string loader;  // libvips's loader, e.g. "jpegload_buffer"
  bool has_exif = false;
  bool has_icc = false;
  bool has_xmp = false;
};
DecodedImage decode(const std::string& bytes);

}  // namespace daifa::testing
