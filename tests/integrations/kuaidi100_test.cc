// Kuaidi100 (快递100): push signatures, push parsing and state mapping, China-time stamps, the push's
// idempotency key, and the subscription request — sent to a test aggregator on 127.0.0.1.
#include "integrations/carriers/kuaidi100.h"

#include <gtest/gtest.h>

#include <future>
#include <string>

#include <boost/json.hpp>

#include "integrations/carriers/form.h"
#include "loopback_server.h"

namespace daifa::integrations {
namespace {

namespace json = boost::json;

// A push as Kuaidi100 sends it for an SF parcel signed for: newest event first.
const std::string kSignedParam = R"({"status":"shutdown","billstatus":"check","message":"",)"
    R"("autoCheck":"0","comOld":"","comNew":"","lastResult":{"message":"ok","nu":"SF1412345678901","ischeck":"1",)"
    R"("condition":"F00","com":"shunfeng","status":"200","state":"3","data":[)"
    R"({"time":"2026-11-22 14:05:09","ftime":"2026-11-22 14:05:09","context":"【深圳市】您的快件已签收，签收人：本人，如有疑问请电联快递员【李师傅，电话：13800138000】","areaCode":"CN440305000000","areaName":"广东,深圳市,南山区","status":"签收"},)"
    R"({"time":"2026-11-22 08:31:40","ftime":"2026-11-22 08:31:40","context":"【深圳市】快件交给李师傅，正在派送途中（联系电话：13800138000）","status":"派件"},)"
    R"({"time":"2026-11-21 23:10:02","ftime":"2026-11-21 23:10:02","context":"快件到达【深圳南山集散中心】","status":"在途"},)"
    R"({"time":"2026-11-21 09:12:33","ftime":"2026-11-21 09:12:33","context":"【杭州市】顺丰速运 已收取快件","status":"揽收"}]}})";

std::string push_body(const std::string& param, const std::string& sign) {
  return encode_form({{"param", param}, {"sign", sign}});
}

Timestamp utc(const char* rfc3339) { return *parse_rfc3339(rfc3339); }

TEST(Kuaidi100Sign, IsUpperCaseHexMd5OfParamAndSalt) {
  // MD5("abc") is RFC 1321's test vector 900150983cd24fb0d6963f7d28e17f72.
  EXPECT_EQ(kuaidi100_sign("ab", "c"), "900150983CD24FB0D6963F7D28E17F72");
  EXPECT_TRUE(verify_kuaidi100_sign("ab", "900150983CD24FB0D6963F7D28E17F72", "c"));
}

TEST(Kuaidi100Sign, RefusesWrongEmptyOrAlteredSigns) {
  std::string sign = kuaidi100_sign(kSignedParam, "s4lt");
  EXPECT_TRUE(verify_kuaidi100_sign(kSignedParam, sign, "s4lt"));
  EXPECT_FALSE(verify_kuaidi100_sign(kSignedParam, sign, "other"));               // another salt
  EXPECT_FALSE(verify_kuaidi100_sign(kSignedParam + " ", sign, "s4lt"));          // param changed
  EXPECT_FALSE(verify_kuaidi100_sign(kSignedParam, sign.substr(0, 31), "s4lt"));  // truncated
  EXPECT_FALSE(verify_kuaidi100_sign(kSignedParam, "", "s4lt"));                  // no sign
  EXPECT_FALSE(verify_kuaidi100_sign(kSignedParam, kuaidi100_sign(kSignedParam, ""), ""));  // no salt
  std::string lower = sign;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_FALSE(verify_kuaidi100_sign(kSignedParam, lower, "s4lt"));  // Kuaidi100 signs in upper case
}

TEST(FormEncoding, DecodesPlusAndPercentAndEncodesBack) {
  auto fields = decode_form("a=1+2&b=%E5%9C%A8%E9%80%94%2B&&c&d=x%3Dy");
  ASSERT_TRUE(fields);
  ASSERT_EQ(fields->size(), 4u);
  EXPECT_EQ(form_field(*fields, "a"), "1 2");
  EXPECT_EQ(form_field(*fields, "b"), "在途+");
  EXPECT_EQ(form_field(*fields, "c"), "");
  EXPECT_EQ(form_field(*fields, "d"), "x=y");
  EXPECT_FALSE(form_field(*fields, "e"));
  EXPECT_FALSE(decode_form("a=%E5%9"));
  EXPECT_FALSE(decode_form("a=%zz"));
  EXPECT_EQ(encode_form({{"schema", "json"}, {"p", "{\"a\":\"在 1\"}"}}),
            "schema=json&p=%7B%22a%22%3A%22%E5%9C%A8+1%22%7D");
}

TEST(Kuaidi100Push, ParsesASignedForPushWithChineseEvents) {
  std::string sign = kuaidi100_sign(kSignedParam, "s4lt");
  Kuaidi100PushParse parsed = parse_kuaidi100_push(push_body(kSignedParam, sign));
  ASSERT_TRUE(parsed.errors.empty()) << parsed.errors[0].field << " " << parsed.errors[0].message;
  ASSERT_TRUE(parsed.push);
  EXPECT_EQ(parsed.param, kSignedParam);  // exactly the bytes that were signed
  EXPECT_EQ(parsed.sign, sign);
  EXPECT_TRUE(verify_kuaidi100_sign(parsed.param, parsed.sign, "s4lt"));
  const Kuaidi100Push& p = *parsed.push;
  EXPECT_EQ(p.status, "shutdown");
  EXPECT_EQ(p.state_code, 3);
  EXPECT_EQ(p.state, Kuaidi100State::signed_for);
  EXPECT_EQ(to_string(p.state), "签收");
  EXPECT_EQ(p.tracking_status, TrackingStatus::delivered);
  EXPECT_TRUE(p.is_check);
  EXPECT_EQ(p.company, "shunfeng");
  EXPECT_EQ(p.number, "SF1412345678901");
  ASSERT_EQ(p.events.size(), 4u);
  EXPECT_EQ(p.events[0].text, "【深圳市】您的快件已签收，签收人：本人，如有疑问请电联快递员【李师傅，电话：13800138000】");
  EXPECT_EQ(p.events[0].at, utc("2026-11-22T06:05:09Z"));  // 14:05:09 in China is 06:05:09 UTC
  EXPECT_EQ(p.events[3].text, "【杭州市】顺丰速运 已收取快件");
  EXPECT_EQ(p.events[3].at, utc("2026-11-21T01:12:33Z"));
}

TEST(Kuaidi100Push, MapsEveryStateCode) {
  struct Row {
    const char* code;
    Kuaidi100State state;
    std::optional<TrackingStatus> status;
  };
  const Row rows[] = {
      {"0", Kuaidi100State::in_transit, TrackingStatus::in_transit},
      {"1", Kuaidi100State::collected, TrackingStatus::in_transit},
      {"2", Kuaidi100State::troubled, TrackingStatus::exception},
      {"3", Kuaidi100State::signed_for, TrackingStatus::delivered},
      {"4", Kuaidi100State::return_signed, TrackingStatus::returned},
      {"5", Kuaidi100State::out_for_delivery, TrackingStatus::in_transit},
      {"8", Kuaidi100State::customs, TrackingStatus::in_transit},
      {"14", Kuaidi100State::refused, TrackingStatus::exception},
      {"6", Kuaidi100State::unknown, std::nullopt},
      {"13", Kuaidi100State::unknown, std::nullopt},
  };
  for (const Row& row : rows) {
    std::string param = std::string(R"({"status":"polling","message":"","lastResult":{"state":")") + row.code +
                        R"(","ischeck":"0","com":"yuantong","nu":"YT8812345678","data":[]}})";
    Kuaidi100PushParse parsed = parse_kuaidi100_push(push_body(param, "X"));
    ASSERT_TRUE(parsed.push) << row.code;
    EXPECT_EQ(parsed.push->state, row.state) << row.code;
    EXPECT_EQ(parsed.push->state_code, std::stoll(row.code));
    EXPECT_EQ(parsed.push->tracking_status, row.status) << row.code;
    EXPECT_TRUE(parsed.push->events.empty());
  }
  EXPECT_EQ(to_string(Kuaidi100State::unknown), "unknown");
  // A number instead of a string is read too.
  auto parsed = parse_kuaidi100_push(push_body(
      R"({"status":"polling","lastResult":{"state":14,"ischeck":0,"com":"zhongtong","nu":"7312","data":[]}})", "X"));
  ASSERT_TRUE(parsed.push);
  EXPECT_EQ(parsed.push->state, Kuaidi100State::refused);
}

std::vector<std::string> fields_of(const Kuaidi100PushParse& parsed) {
  std::vector<std::string> out;
  for (const FieldError& e : parsed.errors) out.push_back(e.field);
  return out;
}

TEST(Kuaidi100Push, BrokenPushesNameTheField) {
  using V = std::vector<std::string>;
  EXPECT_EQ(fields_of(parse_kuaidi100_push("")), (V{"sign", "param"}));
  EXPECT_EQ(fields_of(parse_kuaidi100_push("param=%7&sign=A")), (V{"body"}));
  EXPECT_EQ(fields_of(parse_kuaidi100_push(push_body(kSignedParam, ""))), (V{"sign"}));
  EXPECT_EQ(fields_of(parse_kuaidi100_push(push_body("{\"status\":", "A"))), (V{"param"}));
  EXPECT_EQ(fields_of(parse_kuaidi100_push(push_body("[1]", "A"))), (V{"param"}));
  EXPECT_EQ(fields_of(parse_kuaidi100_push(push_body(R"({"status":"polling"})", "A"))), (V{"param.lastResult"}));
  EXPECT_EQ(fields_of(parse_kuaidi100_push(push_body(
                R"({"lastResult":{"state":"x","ischeck":"7","com":"","data":{}}})", "A"))),
            (V{"param.status", "param.lastResult.state", "param.lastResult.ischeck", "param.lastResult.com",
               "param.lastResult.nu", "param.lastResult.data"}));
  // Per event: the row's index names it.
  std::string bad_rows = R"({"status":"polling","lastResult":{"state":"0","com":"yunda","nu":"4312","data":[)"
                         R"({"context":"快件已揽收","time":"2026-11-21 09:12:33"},)"
                         R"({"context":"到达【杭州中转部】","time":"2026/11/21 10:00:00"},)"
                         R"({"time":"2026-11-21 11:00:00"},)"
                         R"("oops",)"
                         R"({"context":"派件中","ftime":"2026-02-30 08:00:00"}]}})";
  Kuaidi100PushParse parsed = parse_kuaidi100_push(push_body(bad_rows, "A"));
  EXPECT_FALSE(parsed.push);
  EXPECT_EQ(fields_of(parsed), (V{"param.lastResult.data[1].time", "param.lastResult.data[2].context",
                                  "param.lastResult.data[3]", "param.lastResult.data[4].ftime"}));
  EXPECT_NE(parsed.errors[0].message.find("2026/11/21 10:00:00"), std::string::npos);
}

TEST(Kuaidi100Push, ReadsChinaTime) {
  EXPECT_EQ(parse_china_time("2026-11-21 09:12:33"), utc("2026-11-21T01:12:33Z"));
  EXPECT_EQ(parse_china_time("2027-01-01 07:59:59"), utc("2026-12-31T23:59:59Z"));  // the day before in UTC
  EXPECT_EQ(parse_china_time("2024-02-29 12:00:00"), utc("2024-02-29T04:00:00Z"));  // leap day
  for (const char* bad : {"2026-02-29 12:00:00", "2026-02-30 08:00:00", "2026-04-31 08:00:00", "2026-13-01 00:00:00",
                          "2026-11-21 24:00:00", "2026-11-21 23:60:00", "2026-11-21 23:59:60", "2026-11-21T09:12:33",
                          "2026-11-21 9:12:33", "2026-11-21 09:12:33+08:00", "", "2026-11-21", "２０２６-11-21 09:12:33"}) {
    EXPECT_FALSE(parse_china_time(bad)) << bad;
  }
}

TEST(Kuaidi100Push, IdempotencyKeyRecognisesTheSamePush) {
  auto push_of = [](const std::string& param) { return *parse_kuaidi100_push(push_body(param, "X")).push; };
  Kuaidi100Push first = push_of(kSignedParam);
  Kuaidi100Push again = push_of(kSignedParam);
  std::string key = push_idempotency_key(first);
  EXPECT_EQ(key.size(), 64u);
  EXPECT_EQ(push_idempotency_key(again), key);

  Kuaidi100Push reordered = first;
  std::swap(reordered.events[0], reordered.events[2]);
  EXPECT_EQ(push_idempotency_key(reordered), key);

  Kuaidi100Push more = first;
  more.events.push_back(TrackingEvent{utc("2026-11-23T01:00:00Z"), "客户回访"});
  EXPECT_NE(push_idempotency_key(more), key);
  Kuaidi100Push other_state = first;
  other_state.state_code = 4;
  EXPECT_NE(push_idempotency_key(other_state), key);
  Kuaidi100Push other_number = first;
  other_number.number = "SF1412345678902";
  EXPECT_NE(push_idempotency_key(other_number), key);
  // Length prefixes: moving text from one event to the next is another push.
  Kuaidi100Push a = first, b = first;
  a.events = {{utc("2026-11-21T01:00:00Z"), "ab"}, {utc("2026-11-21T01:00:00Z"), "c"}};
  b.events = {{utc("2026-11-21T01:00:00Z"), "a"}, {utc("2026-11-21T01:00:00Z"), "bc"}};
  EXPECT_NE(push_idempotency_key(a), push_idempotency_key(b));
  Kuaidi100Push status_only = first;
  status_only.status = "polling";
  EXPECT_EQ(push_idempotency_key(status_only), key);
}

TEST(Kuaidi100Push, Replies) {
  EXPECT_EQ(kuaidi100_success_reply(), R"({"result":true,"returnCode":"200","message":"成功"})");
  json::value failure = json::parse(kuaidi100_failure_reply("签名错误 \"sign\""));
  EXPECT_EQ(failure.at("result"), false);
  EXPECT_EQ(failure.at("returnCode"), "500");
  EXPECT_EQ(failure.at("message"), "签名错误 \"sign\"");
}

Kuaidi100Subscription subscription() {
  return Kuaidi100Subscription{"shunfeng", "SF1412345678901", "kEyAbc123",
                               "https://daifa.example/api/v1/carriers/kuaidi100/push?s=42", "salt&+= 盐", ""};
}

TEST(Kuaidi100Subscribe, BodyIsSchemaJsonAndAFormEncodedParam) {
  std::string body = kuaidi100_subscription_body(subscription());
  EXPECT_EQ(body.rfind("schema=json&param=", 0), 0u);
  auto fields = decode_form(body);
  ASSERT_TRUE(fields);
  ASSERT_EQ(fields->size(), 2u);
  EXPECT_EQ(form_field(*fields, "schema"), "json");
  json::value param = json::parse(*form_field(*fields, "param"));
  EXPECT_EQ(param, json::parse(R"({"company":"shunfeng","number":"SF1412345678901","key":"kEyAbc123",
      "parameters":{"callbackurl":"https://daifa.example/api/v1/carriers/kuaidi100/push?s=42","salt":"salt&+= 盐",
      "resultv2":"1"}})"));
  Kuaidi100Subscription with_phone = subscription();
  with_phone.phone = "13800138000";
  json::value p2 = json::parse(*form_field(*decode_form(kuaidi100_subscription_body(with_phone)), "param"));
  EXPECT_EQ(p2.at("parameters").at("phone"), "13800138000");
}

// The test plays the aggregator: it records the request and answers as Kuaidi100 does.
struct Aggregator {
  explicit Aggregator(std::string answer, int status = 200)
      : server([this, answer, status](int fd) {
          auto req = testing::read_http_request(fd);
          if (req) testing::send_all(fd, testing::http_response(status, "OK", answer));
          received.set_value(req.value_or(testing::ReceivedRequest{}));
        }) {}
  std::promise<testing::ReceivedRequest> received;
  testing::LoopbackServer server;
};

TEST(Kuaidi100Subscribe, PostsTheFormAndReadsTheAnswer) {
  Aggregator aggregator(R"({"result":true,"returnCode":"200","message":"提交成功"})");
  auto received = aggregator.received.get_future();
  Kuaidi100SubscribeResult r = subscribe_kuaidi100(aggregator.server.url("http", "/poll"), subscription(), 5'000);
  testing::ReceivedRequest req = received.get();
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(req.target, "/poll");
  EXPECT_EQ(req.headers["content-type"], "application/x-www-form-urlencoded");
  EXPECT_EQ(req.body, kuaidi100_subscription_body(subscription()));
  EXPECT_EQ(r.http_status, 200);
  ASSERT_TRUE(r.answer) << r.error;
  EXPECT_TRUE(r.answer->result);
  EXPECT_EQ(r.answer->return_code, "200");
  EXPECT_EQ(r.answer->message, "提交成功");
}

TEST(Kuaidi100Subscribe, ReportsRefusalsAndUnreadableAnswers) {
  {
    Aggregator aggregator(R"({"result":false,"returnCode":"501","message":"重复订阅"})");
    Kuaidi100SubscribeResult r = subscribe_kuaidi100(aggregator.server.url("http", "/poll"), subscription(), 5'000);
    ASSERT_TRUE(r.answer);
    EXPECT_FALSE(r.answer->result);
    EXPECT_EQ(r.answer->return_code, "501");
    EXPECT_EQ(r.answer->message, "重复订阅");
  }
  {
    Aggregator aggregator("<html>502 Bad Gateway</html>", 502);
    Kuaidi100SubscribeResult r = subscribe_kuaidi100(aggregator.server.url("http", "/poll"), subscription(), 5'000);
    EXPECT_FALSE(r.answer);
    EXPECT_EQ(r.http_status, 502);
    EXPECT_NE(r.error.find("502"), std::string::npos);
  }
}

}  // namespace
}  // namespace daifa::integrations
