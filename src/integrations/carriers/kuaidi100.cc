#include "integrations/carriers/kuaidi100.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <stdexcept>

#include <boost/json.hpp>

#include "integrations/carriers/form.h"
#include "integrations/outbound_http.h"

namespace daifa::integrations {
namespace {

namespace json = boost::json;

std::string digest_hex(const EVP_MD* md, std::string_view data, bool upper) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (!EVP_Digest(data.data(), data.size(), out, &length, md, nullptr)) throw std::runtime_error("digest failed");
  const char* hex = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  std::string text;
  for (unsigned int i = 0; i < length; ++i) {
    text.push_back(hex[out[i] >> 4]);
    text.push_back(hex[out[i] & 15]);
  }
  return text;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Kuaidi100 sends its codes as strings ("3") but a number is read too.
std::optional<std::int64_t> code_of(const json::value* v) {
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() < 1'000'000) return static_cast<std::int64_t>(v->as_uint64());
  if (v->is_string()) {
    std::string_view s = v->as_string();
    if (all_digits(s) && s.size() <= 6) return std::stoll(std::string(s));
  }
  return std::nullopt;
}

const json::value* member(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && !v->is_null() ? v : nullptr;
}

class ParamReader {
 public:
  explicit ParamReader(FieldErrors& errors) : errors_(errors) {}

  // A required non-empty string.
  std::string text(const json::object& o, const std::string& path, std::string_view key, bool required) {
    const json::value* v = member(o, key);
    if (!v) {
      if (required) error(path, "required", "is required");
      return {};
    }
    if (!v->is_string()) {
      error(path, "invalid", "must be a string");
      return {};
    }
    std::string s(v->as_string());
    if (required && s.empty()) error(path, "required", "must not be empty");
    return s;
  }

  void error(std::string field, std::string code, std::string message) {
    errors_.push_back(FieldError{std::move(field), std::move(code), std::move(message)});
  }

 private:
  FieldErrors& errors_;
};

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

void put_part(std::string& out, std::string_view part) {
  out += std::to_string(part.size());
  out.push_back(':');
  out.append(part);
}

// lastResult's fields (state, ischeck, com, nu, data) into `push`; errors named under `prefix`.
void read_last_result(const json::object& lr, const std::string& prefix, ParamReader& reader, Kuaidi100Push& push) {
  auto state = code_of(member(lr, "state"));
  if (!state) {
    reader.error(prefix + ".state", member(lr, "state") ? "invalid" : "required",
                 "must be a state code such as \"0\" or \"3\"");
  } else {
    push.state_code = *state;
    switch (*state) {
      case 0: case 1: case 2: case 3: case 4: case 5: case 8: case 14:
        push.state = static_cast<Kuaidi100State>(*state);
        break;
      default:
        push.state = Kuaidi100State::unknown;
    }
    push.tracking_status = tracking_status_of(push.state);
  }
  if (const json::value* check = member(lr, "ischeck")) {
    auto c = code_of(check);
    if (!c || *c > 1)
      reader.error(prefix + ".ischeck", "invalid", "must be \"0\" or \"1\"");
    else
      push.is_check = *c == 1;
  }
  push.company = reader.text(lr, prefix + ".com", "com", true);
  push.number = reader.text(lr, prefix + ".nu", "nu", true);
  const json::value* data = member(lr, "data");
  if (!data || !data->is_array()) {
    reader.error(prefix + ".data", data ? "invalid" : "required", data ? "must be an array" : "is required");
  } else {
    const json::array& rows = data->as_array();
    for (std::size_t i = 0; i < rows.size(); ++i) {
      std::string at = prefix + ".data[" + std::to_string(i) + "]";
      if (!rows[i].is_object()) {
        reader.error(at, "invalid", "must be an object");
        continue;
      }
      const json::object& row = rows[i].as_object();
      TrackingEvent event;
      event.text = reader.text(row, at + ".context", "context", true);
      std::string key = member(row, "time") || !member(row, "ftime") ? "time" : "ftime";
      std::string time = reader.text(row, at + "." + key, key, true);
      if (!time.empty()) {
        auto ts = parse_china_time(time);
        if (!ts)
          reader.error(at + "." + key, "invalid", "must be \"YYYY-MM-DD HH:MM:SS\" (China time), got \"" + time + "\"");
        else
          event.at = *ts;
      }
      push.events.push_back(std::move(event));
    }
  }
}

}  // namespace

std::string kuaidi100_sign(std::string_view param, std::string_view salt) {
  std::string data(param);
  data.append(salt);
  return digest_hex(EVP_md5(), data, true);
}

bool verify_kuaidi100_sign(std::string_view param, std::string_view sign, std::string_view salt) {
  if (sign.empty() || salt.empty()) return false;
  std::string expected = kuaidi100_sign(param, salt);
  if (sign.size() != expected.size()) return false;
  return CRYPTO_memcmp(expected.data(), sign.data(), expected.size()) == 0;
}

std::string_view to_string(Kuaidi100State s) {
  switch (s) {
    case Kuaidi100State::in_transit: return "在途";
    case Kuaidi100State::collected: return "揽收";
    case Kuaidi100State::troubled: return "疑难";
    case Kuaidi100State::signed_for: return "签收";
    case Kuaidi100State::return_signed: return "退签";
    case Kuaidi100State::out_for_delivery: return "派件";
    case Kuaidi100State::customs: return "清关";
    case Kuaidi100State::refused: return "拒签";
    case Kuaidi100State::unknown: return "unknown";
  }
  return "unknown";
}

std::optional<TrackingStatus> tracking_status_of(Kuaidi100State s) {
  switch (s) {
    case Kuaidi100State::in_transit:
    case Kuaidi100State::collected:
    case Kuaidi100State::out_for_delivery:
    case Kuaidi100State::customs: return TrackingStatus::in_transit;
    case Kuaidi100State::signed_for: return TrackingStatus::delivered;
    case Kuaidi100State::troubled:
    case Kuaidi100State::refused: return TrackingStatus::exception;
    case Kuaidi100State::return_signed: return TrackingStatus::returned;
    case Kuaidi100State::unknown: return std::nullopt;
  }
  return std::nullopt;
}

std::optional<Timestamp> parse_china_time(std::string_view s) {
  if (s.size() != 19 || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18})
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  auto num = [&](std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  int y = num(0, 4), mo = num(5, 2), d = num(8, 2), h = num(11, 2), mi = num(14, 2), se = num(17, 2);
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1970 || mo < 1 || mo > 12 || h > 23 || mi > 59 || se > 59) return std::nullopt;
  int month_days = kDays[mo - 1] + (mo == 2 && leap(y) ? 1 : 0);
  if (d < 1 || d > month_days) return std::nullopt;
  std::string rfc3339(s);
  rfc3339[10] = 'T';
  rfc3339 += "+08:00";
  return parse_rfc3339(rfc3339);
}

Kuaidi100PushParse parse_kuaidi100_push(std::string_view body) {
  Kuaidi100PushParse out;
  ParamReader reader(out.errors);
  auto fields = decode_form(body);
  if (!fields) {
    reader.error("body", "invalid", "is not application/x-www-form-urlencoded (a bad %-escape)");
    return out;
  }
  auto param = form_field(*fields, "param");
  auto sign = form_field(*fields, "sign");
  if (!sign || sign->empty()) reader.error("sign", "required", "is required");
  if (!param || param->empty()) {
    reader.error("param", "required", "is required");
    return out;
  }
  out.param = *param;
  out.sign = sign.value_or("");

  json::error_code ec;
  json::value root = json::parse(out.param, ec);
  if (ec || !root.is_object()) {
    reader.error("param", "invalid", ec ? "is not JSON: " + ec.message() : "must be a JSON object");
    return out;
  }
  const json::object& top = root.as_object();
  Kuaidi100Push push;
  push.status = reader.text(top, "param.status", "status", true);
  push.message = reader.text(top, "param.message", "message", false);
  const json::value* last = member(top, "lastResult");
  if (!last || !last->is_object()) {
    reader.error("param.lastResult", last ? "invalid" : "required", last ? "must be an object" : "is required");
    return out;
  }
  read_last_result(last->as_object(), "param.lastResult", reader, push);
  if (out.errors.empty()) out.push = std::move(push);
  return out;
}

std::string push_idempotency_key(const Kuaidi100Push& push) {
  std::vector<const TrackingEvent*> events;
  for (const TrackingEvent& e : push.events) events.push_back(&e);
  std::sort(events.begin(), events.end(), [](const TrackingEvent* a, const TrackingEvent* b) {
    return a->at != b->at ? a->at < b->at : a->text < b->text;
  });
  std::string canonical = "kuaidi100-push-v1|";
  put_part(canonical, push.company);
  put_part(canonical, push.number);
  put_part(canonical, std::to_string(push.state_code));
  put_part(canonical, push.is_check ? "1" : "0");
  put_part(canonical, std::to_string(events.size()));
  for (const TrackingEvent* e : events) {
    put_part(canonical, std::to_string(e->at.unix_ms));
    put_part(canonical, e->text);
  }
  return digest_hex(EVP_sha256(), canonical, false);
}

std::string kuaidi100_success_reply() { return R"({"result":true,"returnCode":"200","message":"成功"})"; }

std::string kuaidi100_failure_reply(std::string_view message) {
  json::object o;
  o["result"] = false;
  o["returnCode"] = "500";
  o["message"] = message;
  return json::serialize(o);
}

std::string kuaidi100_subscription_body(const Kuaidi100Subscription& s) {
  json::object parameters;
  parameters["callbackurl"] = s.callback_url;
  parameters["salt"] = s.salt;
  parameters["resultv2"] = "1";
  if (!s.phone.empty()) parameters["phone"] = s.phone;
  json::object param;
  param["company"] = s.company;
  param["number"] = s.number;
  param["key"] = s.key;
  param["parameters"] = std::move(parameters);
  return encode_form({{"schema", "json"}, {"param", json::serialize(param)}});
}

Kuaidi100SubscribeResult subscribe_kuaidi100(std::string_view url, const Kuaidi100Subscription& s,
                                             std::int64_t timeout_ms) {
  Kuaidi100SubscribeResult out;
  HttpPostResult r = http_post(url, {"Content-Type: application/x-www-form-urlencoded"},
                               kuaidi100_subscription_body(s), timeout_ms);
  out.http_status = r.status;
  if (r.status == 0) {
    out.error = r.error;
    return out;
  }
  json::error_code ec;
  json::value v = json::parse(r.body, ec);
  const json::object* o = !ec ? v.if_object() : nullptr;
  const json::value* result = o ? member(*o, "result") : nullptr;
  if (!result || !result->is_bool()) {
    out.error = "HTTP " + std::to_string(r.status) + ": the answer is not Kuaidi100's {result, returnCode, message}";
    return out;
  }
  Kuaidi100Answer answer;
  answer.result = result->as_bool();
  if (const json::value* code = member(*o, "returnCode")) {
    if (code->is_string())
      answer.return_code = std::string(code->as_string());
    else if (code->is_int64())
      answer.return_code = std::to_string(code->as_int64());
  }
  if (const json::value* m = member(*o, "message"); m && m->is_string()) answer.message = std::string(m->as_string());
  out.answer = std::move(answer);
  return out;
}

std::string kuaidi100_query_body(const Kuaidi100Query& q) {
  json::object param;
  param["com"] = q.company;
  param["num"] = q.number;
  param["resultv2"] = "1";
  if (!q.phone.empty()) param["phone"] = q.phone;
  const std::string p = json::serialize(param);
  return encode_form({{"customer", q.customer}, {"sign", digest_hex(EVP_md5(), p + q.key + q.customer, true)}, {"param", p}});
}

Kuaidi100QueryResult parse_kuaidi100_query_answer(std::string_view body) {
  Kuaidi100QueryResult out;
  json::error_code ec;
  json::value v = json::parse(body, ec);
  const json::object* o = !ec ? v.if_object() : nullptr;
  if (!o) {
    out.error = "the answer is not a JSON object";
    return out;
  }
  if (const json::value* result = member(*o, "result"); result && result->is_bool() && !result->as_bool()) {
    const json::value* m = member(*o, "message");
    out.error = "refused: " + (m && m->is_string() ? std::string(m->as_string()) : std::string("no reason given"));
    return out;
  }
  FieldErrors errors;
  ParamReader reader(errors);
  Kuaidi100Push push;
  push.status = "query";
  push.message = reader.text(*o, "message", "message", false);
  read_last_result(*o, "answer", reader, push);
  if (!errors.empty()) {
    out.error = errors.front().field + " " + errors.front().message;
    return out;
  }
  out.answer = std::move(push);
  return out;
}

Kuaidi100QueryResult query_kuaidi100(std::string_view url, const Kuaidi100Query& q, std::int64_t timeout_ms) {
  HttpPostResult r = http_post(url, {"Content-Type: application/x-www-form-urlencoded"}, kuaidi100_query_body(q),
                               timeout_ms);
  if (r.status == 0) {
    Kuaidi100QueryResult out;
    out.error = r.error;
    return out;
  }
  if (r.status < 200 || r.status >= 300) {
    Kuaidi100QueryResult out;
    out.http_status = r.status;
    out.error = "HTTP " + std::to_string(r.status);
    return out;
  }
  Kuaidi100QueryResult out = parse_kuaidi100_query_answer(r.body);
  out.http_status = r.status;
  return out;
}

}  // namespace daifa::integrations
