#pragma once
// Pieces of SQL text built from counts: multi-row VALUES lists and IN lists. Statements are cached by
// their text, so callers keep the counts few (one per row count up to a small maximum).
#include <cstddef>
#include <string>

namespace daifa::store {

// "(?, ?, ?), (?, ?, ?)": `rows` groups of `columns` placeholders.
inline std::string values_placeholders(std::size_t columns, std::size_t rows) {
  std::string one = "(";
  for (std::size_t i = 0; i < columns; ++i) one += i ? ", ?" : "?";
  one += ")";
  std::string all;
  all.reserve(rows * (one.size() + 2));
  for (std::size_t r = 0; r < rows; ++r) {
    if (r) all += ", ";
    all += one;
  }
  return all;
}

// "?, ?, ?": for IN (...).
inline std::string in_placeholders(std::size_t count) {
  std::string out;
  out.reserve(count * 3);
  for (std::size_t i = 0; i < count; ++i) out += i ? ", ?" : "?";
  return out;
}

}  // namespace daifa::store
