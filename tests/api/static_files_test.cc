// The built console is served from memory, with SPA fallback, cache headers, and no way outside its folder.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/test_server.h"

namespace daifa::testing {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("daifa-web-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(root_ / "dist" / "assets");
    write("dist/index.html", "<!doctype html><div id=app></div>");
    write("dist/assets/index-3f2a.js", "console.log('daifa')");
    write("secret.txt", "outside the web root");
  }
  void TearDown() override { fs::remove_all(root_); }
  void write(const std::string& rel, const std::string& text) { std::ofstream(root_ / rel) << text; }
  http::Request get(std::string path) {
    http::Request r;
    r.method = "GET";
    r.path = std::move(path);
    return r;
  }
  fs::path root_;
};

TEST_F(StaticFilesTest, ServesFilesWithCacheHeadersAndFallsBackToIndex) {
  http::StaticFiles files((root_ / "dist").string());
  EXPECT_EQ(files.size(), 2u);
  auto index = files.serve(get("/"));
  ASSERT_TRUE(index);
  EXPECT_EQ(index->headers.at("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(index->headers.at("Cache-Control"), "no-cache");
  auto js = files.serve(get("/assets/index-3f2a.js"));
  ASSERT_TRUE(js);
  EXPECT_EQ(js->body, "console.log('daifa')");
  EXPECT_EQ(js->headers.at("Cache-Control"), "public, max-age=31536000, immutable");
  auto route = files.serve(get("/orders/123"));  // the console's own route
  ASSERT_TRUE(route);
  EXPECT_EQ(route->body, index->body);
  EXPECT_FALSE(files.serve(get("/assets/missing.js")));  // a missing asset is a real 404
  auto again = get("/assets/index-3f2a.js");
  again.headers["If-None-Match"] = js->headers.at("ETag");
  EXPECT_EQ(files.serve(again)->status, 304);
}

TEST_F(StaticFilesTest, NothingOutsideTheFolderIsReachable) {
  http::StaticFiles files((root_ / "dist").string());
  for (const char* path : {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt"}) {
    auto r = files.serve(get(path));
    if (r) {
      EXPECT_EQ(r->body.find("outside the web root"), std::string::npos) << path;
    }
  }
}

TEST_F(StaticFilesTest, TheServerServesTheConsoleButNeverInsteadOfTheApi) {
  TestServer server(Backend::sqlite);
  http::StaticFiles files((root_ / "dist").string());
  server.api().set_static_files(&files);
  HttpClient c(server.port());
  auto page = c.get("/");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("id=app"), std::string::npos);
  EXPECT_EQ(c.get("/suppliers/42").status, 200);  // a console route
  auto api = c.get("/api/v1/nothing");
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(api.header("Content-Type").value_or(""), "application/problem+json");
  server.api().set_static_files(nullptr);
}

TEST(StaticFilesAbsent, AMissingFolderServesNothing) {
  http::StaticFiles files("/nonexistent/daifa/web");
  EXPECT_TRUE(files.empty());
}

}  // namespace
}  // namespace daifa::testing
