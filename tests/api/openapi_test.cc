// The OpenAPI document and the server's routes must agree, both ways.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "http/api/openapi_document.h"
#include "support/test_server.h"

namespace daifa::testing {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST(OpenApi, TheServedDocumentIsTheOneInTheRepository) {
  std::ifstream in(DAIFA_OPENAPI_PATH);
  std::stringstream file;
  file << in.rdbuf();
  EXPECT_EQ(boost::json::parse(file.str()), boost::json::parse(http::openapi_document()))
      << "docs/api/openapi.json changed since the build: rebuild";
}

TEST(OpenApi, RoutesAndDocumentAgree) {
  TestServer server(Backend::sqlite);
  auto doc = boost::json::parse(http::openapi_document()).as_object();
  EXPECT_EQ(doc.at("openapi").as_string(), "3.1.0");
  std::set<std::string> documented, served;
  for (const auto& [path, item] : doc.at("paths").as_object()) {
    for (const auto& [method, op] : item.as_object()) {
      if (method == "parameters" || method == "summary" || method == "description") continue;
      documented.insert(lower(std::string(method)) + " " + std::string(path));
      EXPECT_TRUE(op.as_object().contains("responses")) << method << " " << path << " documents no responses";
      EXPECT_TRUE(op.as_object().contains("operationId")) << method << " " << path << " has no operationId";
    }
  }
  for (const auto& route : server.api().routes()) {
    if (route.pattern == "/") continue;  // the console's page, not part of the API
    served.insert(lower(route.method) + " " + route.pattern);
  }
  for (const auto& s : served) EXPECT_TRUE(documented.count(s)) << s << " is served but not documented";
  for (const auto& d : documented) EXPECT_TRUE(served.count(d)) << d << " is documented but not served";
}

}  // namespace
}  // namespace daifa::testing
