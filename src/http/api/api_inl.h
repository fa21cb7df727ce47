#pragma once
#include "http/core/cursor.h"

namespace daifa::http {

template <class T, class ToJson>
Response list_response(const store::Page<T>& page, ToJson to_json) {
  boost::json::array items;
  items.reserve(page.items.size());
  for (const T& item : page.items) items.push_back(to_json(item));
  boost::json::object body{{"items", std::move(items)}};
  body["next_cursor"] = page.next_before_id ? boost::json::value(encode_cursor(*page.next_before_id)) : nullptr;
  return json_response(200, body);
}

}  // namespace daifa::http
