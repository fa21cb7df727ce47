// Operations endpoints: liveness, readiness, metrics, the OpenAPI contract, and the front page.
#include "http/api/api.h"
#include "http/api/openapi_document.h"
#include "store/migrations.h"

namespace daifa::http {
namespace json = boost::json;

namespace {

constexpr std::string_view kFrontPage = R"html(<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>Daifa 代发</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:42rem;margin:4rem auto;padding:0 1rem;color:#222}
code{background:#f3f3f3;padding:.1rem .3rem;border-radius:3px}</style></head>
<body><h1>Daifa 代发</h1>
<p>一件代发与渠道分销管理系统 · Dropshipping and channel-distribution back office.</p>
<ul>
<li>API: <code>/api/v1</code> — 合约 contract: <a href="/api/openapi.json">/api/openapi.json</a></li>
<li>运行状态 Health: <a href="/healthz">/healthz</a> · <a href="/readyz">/readyz</a> · <a href="/metrics">/metrics</a></li>
</ul>
<p>登录 Sign in: <code>POST /api/v1/auth/login</code> with <code>{"email": "...", "password": "..."}</code>.</p>
</body></html>
)html";

}  // namespace

void add_platform_routes(Api& api) {
  api.add("GET", "/", RoleSet::public_access(), [&api](RequestContext& ctx) {
    if (const StaticFiles* console = api.static_files()) {
      if (auto index = console->serve(ctx.req)) return *index;  // the built console, when there is one
    }
    Response r;
    r.set("Content-Type", "text/html; charset=utf-8");
    r.body = std::string(kFrontPage);
    return r;
  });

  api.add("GET", "/healthz", RoleSet::public_access(),
          [](RequestContext&) { return json_response(200, json::object{{"status", "ok"}}); });

  api.add("GET", "/readyz", RoleSet::public_access(), [](RequestContext& ctx) {
    int current = ctx.app.store().reads().read([](store::Connection& c) { return store::current_schema_version(c); });
    int latest = store::latest_schema_version();
    if (current != latest) {
      Response r = problem(Status::unavailable, "schema version " + std::to_string(current) + " is not the expected " +
                                                    std::to_string(latest) + "; run daifa migrate");
      return r;
    }
    return json_response(200, json::object{{"status", "ready"},
                                           {"schema_version", current},
                                           {"store", ctx.app.store().dialect() == store::Dialect::sqlite ? "sqlite" : "postgresql"}});
  });

  api.add("GET", "/metrics", RoleSet::public_access(), [&metrics = api.metrics()](RequestContext&) {
    Response r;
    r.set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    r.body = metrics.render();
    return r;
  });

  api.add("GET", "/api/openapi.json", RoleSet::public_access(), [](RequestContext&) {
    Response r;
    r.set("Content-Type", "application/json");
    r.set("Cache-Control", "public, max-age=300");
    r.body = std::string(openapi_document());
    return r;
  });
}

}  // namespace daifa::http
