// Supplier feeds: the URLs Daifa pulls for a supplier's stock and costs (docs/feeds.md), their settings
// (optimistic concurrency with version / If-Match), "pull now", and the record of each pull with its
// per-row report. Scope: a supplier sees and manages only its own supplier's feeds (another's → 404, as if
// it did not exist); staff managers manage all; finance reads; agents and distributors see none (a feed
// is a supplier's price list).
#include "app/catalog/feeds.h"
#include "domain/common/time.h"
#include "http/api/api.h"
#include "http/api/catalog_json.h"
#include "http/api/resource_handlers.h"
#include "http/core/json_reader.h"
#include "integrations/catalog/feed_pull.h"

namespace daifa::http {
namespace json = boost::json;

namespace {

json::value time_or_null(const std::optional<Timestamp>& t) {
  return t ? json::value(format_rfc3339(*t)) : json::value(nullptr);
}

json::object run_json(const store::FeedRun& r, bool with_report) {
  json::object o{{"id", id_to_string(r.id)},
                 {"feed_id", id_to_string(r.feed_id)},
                 {"supplier_id", id_to_string(r.supplier_id)},
                 {"cause", to_string(r.cause)},
                 {"started_at", format_rfc3339(r.started_at)},
                 {"finished_at", format_rfc3339(r.finished_at)},
                 {"outcome", to_string(r.outcome)},
                 {"http_status", r.http_status},
                 {"body_bytes", r.body_bytes},
                 {"rows", r.row_count},
                 {"applied", r.applied},
                 {"unchanged", r.unchanged},
                 {"refused", r.refused}};
  o["error"] = r.error_code.empty() ? json::value(nullptr)
                                    : json::value(json::object{{"code", r.error_code}, {"message", r.error}});
  if (with_report) o["report"] = parsed(r.report_json);
  return o;
}

json::object feed_json(const SupplierFeed& f, Timestamp now) {
  json::object o{{"id", id_to_string(f.id)},
                 {"supplier_id", id_to_string(f.supplier_id)},
                 {"name", f.name},
                 {"url", f.url},
                 {"format", to_string(f.format)},
                 {"pull_every_minutes", f.pull_every_minutes},
                 {"fresh_within_minutes", f.fresh_within_minutes},
                 {"active", f.active},
                 {"failures", f.failures},
                 {"fresh_until", format_rfc3339(feed_fresh_until(f))},
                 {"late", feed_is_late(f, now)},
                 {"version", f.version},
                 {"created_at", format_rfc3339(f.created_at)},
                 {"updated_at", format_rfc3339(f.updated_at)}};
  o["last_pull_at"] = time_or_null(f.last_pull_at);
  o["last_success_at"] = time_or_null(f.last_success_at);
  o["last_outcome"] = f.last_outcome ? json::value(to_string(*f.last_outcome)) : json::value(nullptr);
  o["last_run_id"] = f.last_run_id ? json::value(id_to_string(*f.last_run_id)) : json::value(nullptr);
  return o;
}

std::function<void(SupplierFeed&)> read_feed(const json::object& body, FieldErrors& errors, bool creating,
                                             const Scope& scope) {
  JsonReader reader(body, errors);
  const Need need = creating ? Need::required : Need::optional;
  // A supplier's own feed by default; staff name the supplier.
  auto supplier_id = reader.id("supplier_id", creating && scope.role != Role::supplier ? Need::required : Need::optional);
  auto name = reader.string("name", need);
  auto url = reader.string("url", need);
  auto format_text = reader.string("format", need);
  auto every = reader.integer("pull_every_minutes", need);
  auto fresh = reader.integer("fresh_within_minutes", Need::optional);
  auto active = reader.boolean("active", Need::optional);
  reader.allow_only({"supplier_id", "name", "url", "format", "pull_every_minutes", "fresh_within_minutes", "active",
                     "version"});
  if (!creating && reader.has("supplier_id")) {
    errors.push_back({"supplier_id", "read_only", "cannot be changed; create a feed for the other supplier"});
  }
  std::optional<FeedFormat> format;
  if (format_text && !(format = parse_feed_format(*format_text))) {
    errors.push_back({"format", "unknown_format", "must be csv, xlsx or json"});
  }
  std::optional<Id> owner = supplier_id;
  if (!owner && creating && scope.role == Role::supplier) owner = scope.supplier_id;
  return [=](SupplierFeed& f) {
    if (owner) f.supplier_id = *owner;
    if (name) f.name = *name;
    if (url) f.url = *url;
    if (format) f.format = *format;
    if (every) {
      // Unless given, the window follows the interval: three pulls may be missed before the feed is late.
      if (!fresh && creating) f.fresh_within_minutes = *every * 3;
      f.pull_every_minutes = *every;
    }
    if (fresh) f.fresh_within_minutes = *fresh;
    if (active) f.active = *active;
  };
}

Response list_feeds(RequestContext& ctx) {
  Response error;
  auto page = page_request(ctx.req, {"supplier_id", "active"}, error);
  if (!page) return error;
  store::FeedFilter filter;
  if (!id_param(ctx, "supplier_id", filter.supplier_id, error)) return error;
  if (auto active = ctx.req.query_param("active")) {
    if (*active != "true" && *active != "false") {
      return problem(Status::malformed_request, "active must be true or false",
                     {{"active", "must_be_boolean", "must be true or false"}});
    }
    filter.active = *active == "true";
  }
  const Timestamp now = ctx.app.now();
  return list_response(app::list_feeds(ctx.app, ctx.scope(), filter, *page),
                       [now](const SupplierFeed& f) { return feed_json(f, now); });
}

Response get_feed(RequestContext& ctx) {
  auto id = ctx.path_id("id");
  const Timestamp now = ctx.app.now();
  return versioned(id ? app::get_feed(ctx.app, ctx.scope(), *id) : std::nullopt,
                   [now](const SupplierFeed& f) { return feed_json(f, now); }, "feed");
}

Response create_feed(RequestContext& ctx) {
  const Timestamp now = ctx.app.now();
  const Scope scope = ctx.scope();
  return create_resource<SupplierFeed>(
      ctx, [scope](const json::object& b, FieldErrors& e, bool c) { return read_feed(b, e, c, scope); },
      [&](store::Tx& tx, const SupplierFeed& f) { return app::create_feed(tx, ctx.app, ctx.scope(), f); },
      [now](const SupplierFeed& f) { return feed_json(f, now); }, "/api/v1/supplier-feeds", "feed");
}

Response update_feed(RequestContext& ctx) {
  const Timestamp now = ctx.app.now();
  const Scope scope = ctx.scope();
  return update_resource<SupplierFeed>(
      ctx, [scope](const json::object& b, FieldErrors& e, bool c) { return read_feed(b, e, c, scope); },
      [&](store::Tx& tx, Id id, std::int64_t version, const std::function<void(SupplierFeed&)>& patch) {
        return app::update_feed(tx, ctx.app, ctx.scope(), id, version, patch);
      },
      [now](const SupplierFeed& f) { return feed_json(f, now); }, "feed");
}

// "Pull now": fetched here (before the write; the writer never waits on the network), then applied and
// recorded in one command. 200 with the run, whether the pull worked or not: a failed pull is a fact
// about the feed, recorded like any other run.
Response pull_feed(RequestContext& ctx) {
  auto id = ctx.path_id("id");
  auto feed = id ? app::get_feed(ctx.app, ctx.scope(), *id) : std::nullopt;
  if (!feed) return not_found("feed");
  const app::FeedDownload download =
      integrations::download_feed(*feed, integrations::feed_http_options(ctx.app), ctx.app.now());
  return ctx.write([&](store::Tx& tx) {
    auto run = app::apply_feed_download(tx, ctx.app, ctx.scope(), *id, FeedRunCause::manual, download);
    if (!run) return problem(run.failure());
    Response r = json_response(200, run_json(*run, true));
    r.set("Location", "/api/v1/supplier-feeds/" + id_to_string(*id) + "/runs/" + id_to_string(run->id));
    return r;
  });
}

Response list_runs(RequestContext& ctx) {
  auto id = ctx.path_id("id");
  if (!id) return not_found("feed");
  Response error;
  auto page = page_request(ctx.req, {}, error);
  if (!page) return error;
  auto runs = app::list_feed_runs(ctx.app, ctx.scope(), *id, *page);
  if (!runs) return problem(runs.failure());
  return list_response(*runs, [](const store::FeedRun& r) { return run_json(r, false); });
}

Response get_run(RequestContext& ctx) {
  auto id = ctx.path_id("id");
  auto run_id = ctx.path_id("run_id");
  if (!id || !run_id) return not_found("run");
  auto run = app::get_feed_run(ctx.app, ctx.scope(), *id, *run_id);
  if (!run) return problem(run.failure());
  return json_response(200, run_json(*run, true));
}

}  // namespace

void add_feed_routes(Api& api) {
  const RoleSet readers{Role::owner, Role::operator_, Role::finance, Role::supplier};
  const RoleSet editors{Role::owner, Role::operator_, Role::supplier};
  api.add("GET", "/api/v1/supplier-feeds", readers, list_feeds);
  api.add("POST", "/api/v1/supplier-feeds", editors, create_feed);
  api.add("GET", "/api/v1/supplier-feeds/{id}", readers, get_feed);
  api.add("PATCH", "/api/v1/supplier-feeds/{id}", editors, update_feed);
  api.add("POST", "/api/v1/supplier-feeds/{id}/pull", editors, api.blocking(pull_feed));
  api.add("GET", "/api/v1/supplier-feeds/{id}/runs", readers, list_runs);
  api.add("GET", "/api/v1/supplier-feeds/{id}/runs/{run_id}", readers, get_run);
}

}  // namespace daifa::http
