// Products with variants, size charts and images: list, read, create, edit. Every save is checked against
// the compliance word list (see domain/catalog/compliance.h for what refuses and what warns).
#include "app/catalog/compliance.h"
#include "app/catalog/products.h"
#include "app/distribution/distributors.h"
#include "domain/common/time.h"
#include "http/api/api.h"
#include "http/api/catalog_json.h"
#include "http/api/product_json.h"
#include "http/core/json_reader.h"

namespace daifa::http {
namespace json = boost::json;

namespace {

const RoleSet kProductReaders{Role::owner, Role::operator_, Role::agent, Role::finance, Role::distributor};

// Who reads a product: staff see every tier's price; a distributor only the one it pays (its tier's).
struct Reader {
  std::optional<std::int64_t> distributor_tier;
};

Reader reader_of(RequestContext& ctx) {
  const Scope& scope = ctx.scope();
  if (scope.role != Role::distributor || !scope.distributor_id) return {};
  auto d = app::get_distributor(ctx.app, scope, *scope.distributor_id);
  return {d ? d->tier : 1};
}

json::object variant_json(const Variant& v, const Reader& reader) {
  json::object o{{"id", id_to_string(v.id)}, {"sku", v.sku},         {"options", parsed(v.options_json)},
                 {"price", to_json(v.price)}, {"weight_g", v.weight_g}, {"available", v.available}};
  if (reader.distributor_tier) {
    TierPriceFor mine = price_for_tier(v, *reader.distributor_tier);
    o["tier_price"] = json::object{{"tier", *reader.distributor_tier},
                                   {"price", to_json(mine.price)},
                                   {"from_tier", mine.from_tier ? json::value(mine.from_tier) : nullptr}};
  } else {
    json::array tiers;
    for (const TierPrice& t : v.tier_prices) tiers.push_back(json::object{{"tier", t.tier}, {"price", to_json(t.price)}});
    o["tier_prices"] = std::move(tiers);
  }
  return o;
}

json::object product_json(const Product& p, const std::vector<ComplianceMatch>& matches, const Reader& reader = {}) {
  json::array variants;
  for (const Variant& v : p.variants) variants.push_back(variant_json(v, reader));
  json::array images;
  for (const ProductImage& i : p.images) images.push_back(image_json(i));
  return json::object{{"id", id_to_string(p.id)},
                      {"title", p.title},
                      {"title_en", p.title_en},
                      {"category", p.category},
                      {"tags", parsed(p.tags_json)},
                      {"description", p.description},
                      {"size_chart", parsed(p.size_chart_json)},
                      {"images", std::move(images)},
                      {"variants", std::move(variants)},
                      {"compliance", compliance_json(matches)},
                      {"version", p.version},
                      {"created_at", format_rfc3339(p.created_at)},
                      {"updated_at", format_rfc3339(p.updated_at)}};
}

Response versioned(int status, const json::object& body, std::int64_t version) {
  Response r = json_response(status, body);
  r.set("ETag", "\"" + std::to_string(version) + "\"");
  return r;
}

// A refused save still says which listed words it found.
Response refused(const Failure& f, const std::vector<ComplianceMatch>& matches) {
  Response r = problem(f);
  if (matches.empty()) return r;
  json::value body = json::parse(r.body);
  body.as_object()["compliance"] = compliance_json(matches);
  r.body = json::serialize(body);
  return r;
}

// ---- Reading a request ----

std::string at(std::string_view base, std::size_t i) { return std::string(base) + "[" + std::to_string(i) + "]"; }

// An optional array field; a value that is not an array is an error.
const json::array* array_field(const json::object& o, std::string_view key, const std::string& path, FieldErrors& errors) {
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) return nullptr;
  if (!v->is_array()) {
    errors.push_back({path, "must_be_array", "must be an array"});
    return nullptr;
  }
  return &v->as_array();
}

// An object of strings, in the order given: options {"颜色": "红"}, a size-chart row.
std::optional<std::vector<NamedValue>> read_pairs(const json::value& v, const std::string& path, FieldErrors& errors) {
  if (!v.is_object()) {
    errors.push_back({path, "must_be_object", "must be an object of names to text values"});
    return std::nullopt;
  }
  std::vector<NamedValue> out;
  bool ok = true;
  for (const auto& kv : v.as_object()) {
    if (!kv.value().is_string()) {
      errors.push_back({path + "." + std::string(kv.key()), "must_be_string", "must be a string"});
      ok = false;
      continue;
    }
    out.push_back({std::string(kv.key()), std::string(kv.value().as_string())});
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<std::vector<std::string>> read_tags(const json::object& body, FieldErrors& errors) {
  const json::array* a = array_field(body, "tags", "tags", errors);
  if (!a) return std::nullopt;
  std::vector<std::string> tags;
  for (std::size_t i = 0; i < a->size(); ++i) {
    if (!(*a)[i].is_string()) {
      errors.push_back({at("tags", i), "must_be_string", "must be a string"});
      continue;
    }
    tags.emplace_back((*a)[i].as_string());
  }
  return tags;
}

std::optional<std::vector<SizeChartRow>> read_size_chart(const json::object& body, FieldErrors& errors) {
  const json::array* a = array_field(body, "size_chart", "size_chart", errors);
  if (!a) return std::nullopt;
  std::vector<SizeChartRow> rows;
  for (std::size_t i = 0; i < a->size(); ++i) {
    if (auto row = read_pairs((*a)[i], at("size_chart", i), errors)) rows.push_back(std::move(*row));
  }
  return rows;
}

// A variant's `tier_prices`: [{"tier": 1, "price": {...}}, ...]; absent leaves them as they are.
std::optional<std::vector<TierPrice>> read_tier_prices(const json::object& variant, const std::string& path,
                                                       FieldErrors& errors) {
  const std::string field = path + ".tier_prices";
  const json::array* a = array_field(variant, "tier_prices", field, errors);
  if (!a) return std::nullopt;
  std::vector<TierPrice> out;
  for (std::size_t i = 0; i < a->size(); ++i) {
    const std::string item = at(field, i);
    if (!(*a)[i].is_object()) {
      errors.push_back({item, "must_be_object", "must be an object {tier, price}"});
      continue;
    }
    JsonReader reader((*a)[i].as_object(), errors, item);
    auto tier = reader.integer("tier", Need::required);
    auto price = reader.money("price", Need::required);
    reader.allow_only({"tier", "price"});
    if (tier && price) out.push_back({*tier, *price});
  }
  return out;
}

// One item of `variants`; on an edit, `id` says which variant it changes.
VariantChange read_variant(const json::value& v, const std::string& path, FieldErrors& errors, bool editing) {
  VariantChange c;
  c.field = path;
  if (!v.is_object()) {
    errors.push_back({path, "must_be_object", "must be an object"});
    return c;
  }
  const json::object& o = v.as_object();
  JsonReader reader(o, errors, path);
  Need need = editing ? Need::optional : Need::required;
  if (editing) c.id = reader.id("id", Need::optional);
  c.sku = reader.string("sku", need);
  if (const json::value* options = o.if_contains("options"); options && !options->is_null()) {
    c.options = read_pairs(*options, path + ".options", errors);
  } else if (need == Need::required) {
    errors.push_back({path + ".options", "required", "is required ({} for a product without choices)"});
  }
  c.price = reader.money("price", need);
  c.weight_g = reader.integer("weight_g", need);
  c.tier_prices = read_tier_prices(o, path, errors);
  if (editing) {
    reader.allow_only({"id", "sku", "options", "price", "weight_g", "tier_prices"});
  } else {
    reader.allow_only({"sku", "options", "price", "weight_g", "tier_prices"});
  }
  return c;
}

struct ProductFields {
  std::optional<std::string> title, title_en, category, description;
  std::optional<std::vector<std::string>> tags;
  std::optional<std::vector<SizeChartRow>> size_chart;
  std::vector<VariantChange> variants;
};

ProductFields read_fields(const json::object& body, FieldErrors& errors, bool editing) {
  JsonReader reader(body, errors);
  Need need = editing ? Need::optional : Need::required;
  ProductFields f;
  f.title = reader.string("title", need);
  f.title_en = reader.string("title_en", Need::optional);
  f.category = reader.string("category", need);
  f.description = reader.string("description", Need::optional);
  f.tags = read_tags(body, errors);
  f.size_chart = read_size_chart(body, errors);
  const json::array* variants = array_field(body, "variants", "variants", errors);
  if (!variants && !editing && !body.contains("variants")) {
    errors.push_back({"variants", "required", "a product needs at least one variant"});
  }
  if (variants) {
    for (std::size_t i = 0; i < variants->size(); ++i) {
      f.variants.push_back(read_variant((*variants)[i], at("variants", i), errors, editing));
    }
  }
  return f;
}

ProductDraft read_create(const json::object& body, FieldErrors& errors) {
  ProductFields f = read_fields(body, errors, false);
  JsonReader(body, errors).allow_only(
      {"title", "title_en", "category", "tags", "description", "size_chart", "variants"});
  ProductDraft d;
  d.title = f.title.value_or("");
  d.title_en = f.title_en.value_or("");
  d.category = f.category.value_or("");
  d.description = f.description.value_or("");
  d.tags = f.tags.value_or(std::vector<std::string>{});
  d.size_chart = f.size_chart.value_or(std::vector<SizeChartRow>{});
  for (auto& c : f.variants) {
    VariantDraft v;
    v.field = c.field;
    v.sku = c.sku.value_or("");
    v.options = c.options.value_or(Options{});
    if (c.price) v.price = *c.price;
    v.weight_g = c.weight_g.value_or(0);
    v.tier_prices = c.tier_prices.value_or(std::vector<TierPrice>{});
    d.variants.push_back(std::move(v));
  }
  return d;
}

ProductPatch read_patch(const json::object& body, FieldErrors& errors) {
  ProductFields f = read_fields(body, errors, true);
  JsonReader(body, errors).allow_only(
      {"title", "title_en", "category", "tags", "description", "size_chart", "variants", "remove_variants", "version"});
  ProductPatch p;
  p.title = f.title;
  p.title_en = f.title_en;
  p.category = f.category;
  p.description = f.description;
  p.tags = f.tags;
  p.size_chart = f.size_chart;
  p.variants = std::move(f.variants);
  if (const json::array* removals = array_field(body, "remove_variants", "remove_variants", errors)) {
    for (std::size_t i = 0; i < removals->size(); ++i) {
      const json::value& v = (*removals)[i];
      auto id = v.is_string() ? parse_id(v.as_string()) : std::nullopt;
      if (!id) {
        errors.push_back({at("remove_variants", i), "must_be_id", "must be a variant id string"});
        continue;
      }
      p.remove_variants.push_back({at("remove_variants", i), *id});
    }
  }
  return p;
}

// ---- Handlers ----

Response list_products(RequestContext& ctx) {
  Response error;
  auto page = page_request(ctx.req, {"category", "q", "tag"}, error);
  if (!page) return error;
  store::ProductFilter filter;
  filter.category = std::string(ctx.req.query_param("category").value_or(""));
  filter.text_contains = std::string(ctx.req.query_param("q").value_or(""));
  filter.tag = std::string(ctx.req.query_param("tag").value_or(""));
  if (filter.tag.find_first_of("\"\\") != std::string::npos) {
    return problem(Status::malformed_request, "a tag filter cannot contain quotes or backslashes",
                   {{"tag", "invalid", "must not contain \" or \\"}});
  }
  auto result = app::list_products(ctx.app, filter, *page);
  auto words = ctx.app.compliance_words().current(ctx.app);
  const Reader reader = reader_of(ctx);
  return list_response(result, [&](const Product& p) { return product_json(p, app::compliance_of(*words, p), reader); });
}

Response get_product(RequestContext& ctx) {
  auto id = ctx.path_id("id");
  auto p = id ? app::get_product(ctx.app, *id) : std::nullopt;
  if (!p) return not_found("product");
  auto words = ctx.app.compliance_words().current(ctx.app);
  return versioned(200, product_json(*p, app::compliance_of(*words, *p), reader_of(ctx)), p->version);
}

Response create_product(RequestContext& ctx) {
  Response error;
  auto body = ctx.json_body(error);
  if (!body) return error;
  FieldErrors errors;
  ProductDraft draft = read_create(*body, errors);
  if (!errors.empty()) return problem(Status::invalid_fields, "the product has invalid fields", errors);
  return ctx.write([&](store::Tx& tx) {
    auto saved = app::create_product(tx, ctx.app, draft);
    if (!saved.product) return refused(saved.product.failure(), saved.compliance);
    Response r = versioned(201, product_json(*saved.product, saved.compliance), saved.product->version);
    r.set("Location", "/api/v1/products/" + id_to_string(saved.product->id));
    return r;
  });
}

Response update_product(RequestContext& ctx) {
  auto id = ctx.path_id("id");
  if (!id) return not_found("product");
  Response error;
  auto body = ctx.json_body(error);
  if (!body) return error;
  auto version = expected_version(ctx.req, *body, error);
  if (!version) return error;
  FieldErrors errors;
  ProductPatch patch = read_patch(*body, errors);
  if (!errors.empty()) return problem(Status::invalid_fields, "the product has invalid fields", errors);
  return ctx.write([&](store::Tx& tx) {
    auto saved = app::update_product(tx, ctx.app, *id, *version, patch);
    if (!saved.product) return refused(saved.product.failure(), saved.compliance);
    return versioned(200, product_json(*saved.product, saved.compliance), saved.product->version);
  });
}

}  // namespace

void add_product_routes(Api& api) {
  api.add("GET", "/api/v1/products", kProductReaders, list_products);
  api.add("POST", "/api/v1/products", kManagers, create_product);
  api.add("GET", "/api/v1/products/{id}", kProductReaders, get_product);
  api.add("PATCH", "/api/v1/products/{id}", kManagers, update_product);
}

}  // namespace daifa::http
