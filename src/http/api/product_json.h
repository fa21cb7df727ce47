#pragma once
// JSON shapes shared by the product, image and compliance routes.
#include <boost/json.hpp>

#include "domain/catalog/compliance.h"
#include "domain/catalog/product.h"
#include "domain/common/time.h"

namespace daifa::http {

inline std::string image_url(Id id) { return "/api/v1/images/" + id_to_string(id); }

inline boost::json::object image_json(const ProductImage& i) {
  return boost::json::object{{"id", id_to_string(i.id)},
                             {"url", image_url(i.id)},
                             {"thumbnail_url", image_url(i.id) + "/thumbnail"},
                             {"content_type", i.content_type},
                             {"width", i.width},
                             {"height", i.height},
                             {"bytes", i.bytes},
                             {"sha256", i.sha256},
                             {"thumbnail", boost::json::object{{"width", i.thumbnail_width},
                                                               {"height", i.thumbnail_height},
                                                               {"bytes", i.thumbnail_bytes}}},
                             {"created_at", format_rfc3339(i.created_at)}};
}

inline boost::json::object word_match_json(const ComplianceMatch& m) {
  boost::json::object o{{"word_id", id_to_string(m.word_id)}, {"word", m.word}, {"kind", to_string(m.kind)}, {"note", m.note}};
  if (!m.field.empty()) o["field"] = m.field;
  return o;
}

// {"matches": [...]}: how a check or a save reports the listed words it found.
inline boost::json::object compliance_json(const std::vector<ComplianceMatch>& matches) {
  boost::json::array a;
  for (const auto& m : matches) a.push_back(word_match_json(m));
  return boost::json::object{{"matches", std::move(a)}};
}

}  // namespace daifa::http
