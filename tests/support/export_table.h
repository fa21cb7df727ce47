#pragma once
// An export (GET /….csv or /….xlsx) read back as a person opens it: rows of text cells, the header first.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "integrations/spreadsheet/table_reader.h"
#include "support/http_client.h"

namespace daifa::testing {

using ExportRows = std::vector<std::vector<std::string>>;

// GETs `path` and reads the file; an answer other than 200 or a file that cannot be read fails the test.
inline ExportRows export_rows(HttpClient& c, const std::string& path) {
  auto r = c.get(path);
  EXPECT_EQ(r.status, 200) << path << ": " << r.body;
  integrations::Table t = integrations::read_table(r.body);
  EXPECT_EQ(t.error, "") << path;
  return t.rows;
}

// The cells of column `name` below the header; a missing column fails the test.
inline std::vector<std::string> export_column(const ExportRows& rows, const std::string& name) {
  std::vector<std::string> out;
  if (rows.empty()) {
    ADD_FAILURE() << "no header";
    return out;
  }
  auto at = std::find(rows[0].begin(), rows[0].end(), name);
  if (at == rows[0].end()) {
    ADD_FAILURE() << "no column " << name;
    return out;
  }
  const auto i = static_cast<std::size_t>(at - rows[0].begin());
  for (std::size_t r = 1; r < rows.size(); ++r) out.push_back(i < rows[r].size() ? rows[r][i] : std::string());
  return out;
}

}  // namespace daifa::testing
