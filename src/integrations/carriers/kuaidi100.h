#pragma once
// Kuaidi100 (快递100), the carrier aggregator: its tracking push callback and the subscription Daifa sends
// when a tracking number is known. Parsing and signing are pure; subscribe_kuaidi100 does the HTTP call.
//
// The push is a POST, application/x-www-form-urlencoded, with two fields:
//   param  a JSON string {"status":"polling","message":"","lastResult":{"state":"0","ischeck":"0",
//          "com":"shunfeng","nu":"SF1234567890","data":[{"context":"…","time":"2026-11-20 09:12:33",
//          "ftime":"2026-11-20 09:12:33"}, …]}} — data newest first, times in China time (UTC+8)
//   sign   upper-case hex MD5(param + salt), the salt being the one Daifa gave in its subscription
// Daifa answers {"result":true,"returnCode":"200","message":"成功"}; anything else makes Kuaidi100 retry.
//
// A route does, in order: parse_kuaidi100_push(body) (400 + failure reply on errors); find the
// subscription by (push.company, push.number) and its salt; verify_kuaidi100_sign(param, sign, salt)
// (wrong → failure reply, nothing applied); then apply unless push_idempotency_key was seen already.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/common/status.h"
#include "domain/common/time.h"
#include "integrations/carriers/tracking.h"

namespace daifa::integrations {

// MD5(param + salt) in upper-case hex compared with `sign` in constant time. False for an empty sign or
// salt: an unsalted subscription cannot authenticate a push.
bool verify_kuaidi100_sign(std::string_view param, std::string_view sign, std::string_view salt);
std::string kuaidi100_sign(std::string_view param, std::string_view salt);  // what Kuaidi100 computes

// lastResult.state. Codes Daifa does not know (Kuaidi100 has more, e.g. 6 退回, 7 转投, 10–13 customs
// steps) are `unknown`, their number kept in Kuaidi100Push::state_code.
enum class Kuaidi100State {
  in_transit = 0,      // 在途
  collected = 1,       // 揽收
  troubled = 2,        // 疑难
  signed_for = 3,      // 签收
  return_signed = 4,   // 退签
  out_for_delivery = 5,  // 派件
  customs = 8,         // 清关
  refused = 14,        // 拒签
  unknown = -1,
};
std::string_view to_string(Kuaidi100State s);  // "在途", "揽收", …, "unknown"

// in_transit for 0, 1, 5, 8; delivered for 3; exception for 2, 14; returned for 4; nullopt for unknown
// codes (the shipment keeps its status; the events are still recorded).
std::optional<TrackingStatus> tracking_status_of(Kuaidi100State s);

struct Kuaidi100Push {
  std::string status;    // "polling" (tracking goes on), "shutdown" (finished), "abort", "updateall"
  std::string message;
  std::int64_t state_code = 0;
  Kuaidi100State state = Kuaidi100State::unknown;
  std::optional<TrackingStatus> tracking_status;  // tracking_status_of(state)
  bool is_check = false;                          // ischeck "1": signed for, nothing more will come
  std::string company;                            // com, Kuaidi100's carrier code ("shunfeng")
  std::string number;                             // nu, the tracking number
  std::vector<TrackingEvent> events;              // data, in the order sent (newest first)
};

struct Kuaidi100PushParse {
  std::string param;  // the form fields, decoded, for verify_kuaidi100_sign
  std::string sign;
  std::optional<Kuaidi100Push> push;  // set when errors is empty
  FieldErrors errors;                 // fields named "param", "sign", "param.lastResult.data[2].time", …
};

// `body` is the raw request body. Required: the form fields param and sign, and in param: status,
// lastResult.state (a string or number of digits), lastResult.com, lastResult.nu, lastResult.data (an
// array, may be empty) and in each row context and time (else ftime). message and ischeck are optional.
Kuaidi100PushParse parse_kuaidi100_push(std::string_view body);

// "YYYY-MM-DD HH:MM:SS" read as China Standard Time (UTC+8, no daylight saving), exactly that shape.
std::optional<Timestamp> parse_china_time(std::string_view text);

// Recognises the same push delivered twice: lower-case hex SHA-256 over a canonical form of
// (com, nu, state code, ischeck, every event's UTC milliseconds and text), each part length-prefixed so no
// two different pushes serialise alike. Events are taken sorted by (time, text), so a push that lists the
// same events in another order has the same key; a push that adds an event, or changes the state (say the
// parcel is signed for with no new scan), has a new key. status and message are not part of it.
std::string push_idempotency_key(const Kuaidi100Push& push);

// Replies. Kuaidi100 retries a push until it gets result true.
std::string kuaidi100_success_reply();                          // {"result":true,"returnCode":"200","message":"成功"}
std::string kuaidi100_failure_reply(std::string_view message);  // {"result":false,"returnCode":"500","message":…}

// The subscription (订阅) Daifa sends when a tracking number is known.
struct Kuaidi100Subscription {
  std::string company;       // Kuaidi100's carrier code: shunfeng, yuantong, zhongtong, yunda, …
  std::string number;        // the tracking number
  std::string key;           // Daifa's Kuaidi100 account key (授权 key)
  std::string callback_url;  // where Kuaidi100 pushes (Daifa's callback route)
  std::string salt;          // per subscription, random; signs its pushes
  std::string phone;         // receiver's phone; SF Express needs it. Left out when empty
};

// schema=json&param={"company":…,"number":…,"key":…,"parameters":{"callbackurl":…,"salt":…,
// "resultv2":"1"[,"phone":…]}} — param serialised as JSON, the whole form-encoded.
std::string kuaidi100_subscription_body(const Kuaidi100Subscription& s);

// The aggregator's answer, e.g. {"result":true,"returnCode":"200","message":"提交成功"}; returnCode 501
// means already subscribed (not a failure for Daifa), 600/601 a problem with the account.
struct Kuaidi100Answer {
  bool result = false;
  std::string return_code;
  std::string message;
};
struct Kuaidi100SubscribeResult {
  std::optional<Kuaidi100Answer> answer;  // nullopt when the call failed or the answer was not that JSON
  long http_status = 0;                   // 0 when no answer came
  std::string error;                      // why there is no answer, else ""
};

// POSTs kuaidi100_subscription_body(s) to `url` (Kuaidi100's https://poll.kuaidi100.com/poll, or a test
// server) within `timeout_ms`.
Kuaidi100SubscribeResult subscribe_kuaidi100(std::string_view url, const Kuaidi100Subscription& s,
                                             std::int64_t timeout_ms);

// The real-time query (实时查询) Daifa polls for carriers it follows by polling: a form POST of
// customer=<account id>, sign=upper-case hex MD5(param + key + customer), param={"com":…,"num":…,
// "resultv2":"1"[,"phone":…]}. The answer is lastResult's shape at the top level ({message, state, status,
// ischeck, com, nu, data[]}); a refusal is {"result":false,"returnCode":…,"message":…}.
struct Kuaidi100Query {
  std::string company;
  std::string number;
  std::string customer;  // the account's customer id
  std::string key;       // the account's key
  std::string phone;     // left out when empty
};
std::string kuaidi100_query_body(const Kuaidi100Query& q);
struct Kuaidi100QueryResult {
  std::optional<Kuaidi100Push> answer;  // the parcel's state and scans; nullopt when the query failed
  long http_status = 0;
  std::string error;  // why there is no answer (the aggregator's message, curl's reason, a field that is wrong)
};
// Parses a query answer (the body); errors name the field ("state", "data[1].time").
Kuaidi100QueryResult parse_kuaidi100_query_answer(std::string_view body);
Kuaidi100QueryResult query_kuaidi100(std::string_view url, const Kuaidi100Query& q, std::int64_t timeout_ms);

}  // namespace daifa::integrations
