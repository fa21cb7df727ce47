// Outbound webhooks and customer mail over real HTTP and SMTP, on both stores: subscriptions and their
// scope, signed deliveries from the outbox, retries with back-off on the ManualClock, dead letters and
// redelivery, a hanging receiver that holds up nobody else, a restart that loses nothing, the background
// thread woken by the commit, and the customer's mail exactly as recorded.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <set>

#include "integrations/loopback_server.h"
#include "integrations/notify/dispatcher.h"
#include "integrations/notify/mail.h"
#include "integrations/notify/webhook.h"
#include "support/test_server.h"

namespace daifa::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

std::string str(const json::value& v) { return std::string(v.as_string()); }

struct Received {
  std::string event_id;
  std::string event;
  std::string signature;
  std::string body;
  json::value payload;
};

// A webhook receiver on 127.0.0.1: records each request and answers with the next scripted status
// (then `otherwise`). With hold(), it answers nothing until release().
class Receiver {
 public:
  explicit Receiver(std::deque<int> statuses = {}, int otherwise = 200)
      : statuses_(std::move(statuses)), otherwise_(otherwise) {}
  ~Receiver() { release(); }

  std::string url() const { return server_.url("http", "/hooks/daifa"); }
  void hold() { held_ = true; }
  void release() {
    std::lock_guard lock(mu_);
    if (!released_) {
      released_ = true;
      release_.set_value();
    }
  }
  void answer(int status) {
    std::lock_guard lock(mu_);
    otherwise_ = status;
  }
  // Waits (generously) until `n` requests have arrived.
  bool wait_for(std::size_t n, std::chrono::milliseconds limit = 20s) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, limit, [&] { return got_.size() >= n; });
  }
  std::vector<Received> got() {
    std::lock_guard lock(mu_);
    return got_;
  }

 private:
  void serve(int fd) {
    auto req = read_http_request(fd);
    if (!req) return;
    int status;
    {
      std::lock_guard lock(mu_);
      Received r{req->headers["x-daifa-event-id"], req->headers["x-daifa-event"], req->headers["x-daifa-signature"],
                 req->body, nullptr};
      try {
        r.payload = json::parse(req->body);
      } catch (const std::exception&) {
      }
      got_.push_back(std::move(r));
      if (statuses_.empty()) {
        status = otherwise_;
      } else {
        status = statuses_.front();
        statuses_.pop_front();
      }
    }
    cv_.notify_all();
    if (held_) released_future_.wait_for(25s);
    send_all(fd, http_response(status, status < 300 ? "OK" : "Internal Server Error", "{}"));
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Received> got_;
  std::deque<int> statuses_;
  int otherwise_;
  std::atomic<bool> held_{false};
  bool released_ = false;
  std::promise<void> release_;
  std::shared_future<void> released_future_ = release_.get_future().share();
  LoopbackServer server_{[this](int fd) { serve(fd); }};
};

// Enough SMTP to receive messages: what the client sent after DATA, one entry per message.
class SmtpReceiver {
 public:
  std::string url() const { return server_.url("smtp", "/daifa.test"); }
  bool wait_for(std::size_t n, std::chrono::milliseconds limit = 20s) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, limit, [&] { return messages_.size() >= n; });
  }
  std::vector<std::pair<std::string, std::string>> messages() {  // (RCPT TO, data)
    std::lock_guard lock(mu_);
    return messages_;
  }

 private:
  void serve(int fd) {
    SocketReader in(fd);
    send_all(fd, "220 mx.test ESMTP ready\r\n");
    std::string rcpt;
    while (auto line = in.line()) {
      std::string verb = line->substr(0, 4);
      if (verb == "EHLO" || verb == "HELO") {
        send_all(fd, "250 mx.test\r\n");
      } else if (verb == "MAIL") {
        send_all(fd, "250 2.1.0 Ok\r\n");
      } else if (verb == "RCPT") {
        rcpt = line->substr(8);
        send_all(fd, "250 2.1.5 Ok\r\n");
      } else if (verb == "DATA") {
        send_all(fd, "354 End data with <CR><LF>.<CR><LF>\r\n");
        auto data = in.until("\r\n.\r\n");
        if (!data) return;
        {
          std::lock_guard lock(mu_);
          messages_.emplace_back(rcpt, *data + "\r\n");
        }
        cv_.notify_all();
        send_all(fd, "250 2.0.0 Ok: queued\r\n");
      } else if (verb == "QUIT") {
        send_all(fd, "221 2.0.0 Bye\r\n");
        return;
      } else {
        send_all(fd, "502 5.5.2 Error\r\n");
      }
    }
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::pair<std::string, std::string>> messages_;
  LoopbackServer server_{[this](int fd) { serve(fd); }};
};

std::string base64_decode(std::string_view text) {
  static const std::string kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char ch : text) {
    auto at = kAlphabet.find(ch);
    if (at == std::string::npos) continue;  // line breaks, padding
    buffer = (buffer << 6) | static_cast<unsigned>(at);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

class Webhooks : public ::testing::TestWithParam<Backend> {
 protected:
  TestServer server_{GetParam()};
  HttpClient owner_ = server_.signed_in("owner");
  HttpClient supplier_ = server_.signed_in("supplier");

  integrations::DispatcherOptions options(std::int64_t timeout_ms = 5'000) {
    integrations::DispatcherOptions o;
    o.webhook_timeout_ms = timeout_ms;
    o.mail_timeout_ms = 5'000;
    o.mail_from = "noreply@daifa.test";
    o.mail_from_name = "代发平台";
    o.workers = 4;
    return o;
  }

  // A subscription made by `who`; returns the answer's JSON (with the secret).
  json::value subscribe(HttpClient& who, const std::string& url, const std::string& events) {
    auto r = who.post("/api/v1/webhooks", R"({"url":")" + url + R"(","events":)" + events + "}");
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  }

  std::string distributor_channel(Id distributor, const std::string& name) {
    auto made = owner_.post("/api/v1/channels", R"({"name":")" + name + R"(","kind":"api","distributor_id":")" +
                                                    id_to_string(distributor) + R"("})");
    EXPECT_EQ(made.status, 201) << made.body;
    return str(made.json().at("id"));
  }

  int orders_ = 0;

  // Each order has its own customer phone, so that none is held as a duplicate of another.
  json::value place_order(HttpClient& placer, const std::string& channel, const std::string& external_id,
                          const std::string& email = "") {
    const std::string phone = "1380000" + std::to_string(1000 + ++orders_);
    std::string customer = email.empty() ? "" : R"("customer":{"name":"王小明","phone":")" + phone +
                                                    R"(","email":")" + email + R"("},)";
    auto o = placer.post("/api/v1/orders", R"({"channel_id":")" + channel + R"(","external_id":")" + external_id +
                                               R"(",)" + customer + R"("shipping_address":{"name":"王小明","phone":")" +
                                               phone + R"(","province":"广东省","city":"深圳市","district":"南山区",
        "line1":"科技园南路 8 号"},"lines":[{"sku":"TS-RED-M","quantity":1,"unit_price":{"amount":5900,"currency":"CNY"}}]})");
    EXPECT_EQ(o.status, 201) << o.body;
    return o.json();
  }

  void ship(const json::value& order, const std::string& tracking) {
    const json::value full = owner_.get("/api/v1/orders/" + str(order.at("id"))).json();
    const std::string po = str(full.at("lines").at(0).at("purchase_order_id"));
    ASSERT_EQ(supplier_.post("/api/v1/purchase-orders/" + po + "/accept", "").status, 200);
    auto shipped = supplier_.post("/api/v1/purchase-orders/" + po + "/ship",
                                  R"({"carrier":"顺丰速运","tracking_number":")" + tracking + R"("})");
    ASSERT_EQ(shipped.status, 200) << shipped.body;
  }

  json::array deliveries(HttpClient& who, const json::value& sub, const std::string& query = "") {
    auto r = who.get("/api/v1/webhooks/" + str(sub.at("id")) + "/deliveries" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? r.json().at("items").as_array() : json::array{};
  }
};

TEST_P(Webhooks, EachSubscriberGetsTheEventsOfItsScopeSigned) {
  Receiver merchant, dist_a, dist_b;
  auto distributor = server_.signed_in("distributor");
  auto distributor_b = server_.signed_in("distributor_b");
  auto sub_m = subscribe(owner_, merchant.url(), R"(["*"])");
  auto sub_a = subscribe(distributor, dist_a.url(), R"(["*"])");  // everything a distributor may hear
  auto sub_b = subscribe(distributor_b, dist_b.url(), R"(["order.created"])");
  EXPECT_EQ(sub_m.at("distributor_id"), nullptr);
  EXPECT_EQ(str(sub_a.at("distributor_id")), id_to_string(server_.parties().distributor_a));
  EXPECT_TRUE(str(sub_a.at("secret")).size() >= 32);

  auto channel_a = distributor_channel(server_.parties().distributor_a, "A 店");
  auto channel_b = distributor_channel(server_.parties().distributor_b, "B 店");
  auto order_a = place_order(distributor, channel_a, "A-1");
  auto order_b = place_order(distributor_b, channel_b, "B-1");
  auto order_m = place_order(owner_, id_to_string(server_.parties().channel), "M-1");

  integrations::NotificationDispatcher dispatcher(server_.app(), options());
  EXPECT_GT(dispatcher.run_once(), 0u);
  EXPECT_EQ(dispatcher.run_once(), 0u);  // everything went out the first time

  auto orders_seen = [](const std::vector<Received>& got) {
    std::set<std::string> ids;
    for (const auto& r : got) ids.insert(str(r.payload.at("order_id")));
    return ids;
  };
  const std::string a = str(order_a.at("id")), b = str(order_b.at("id")), m = str(order_m.at("id"));
  EXPECT_EQ(orders_seen(merchant.got()), (std::set<std::string>{a, b, m}));
  EXPECT_EQ(orders_seen(dist_a.got()), (std::set<std::string>{a}));
  ASSERT_EQ(dist_b.got().size(), 1u);
  EXPECT_EQ(dist_b.got()[0].event, "order.created");
  EXPECT_EQ(str(dist_b.got()[0].payload.at("order_id")), b);

  for (auto [receiver, sub] : {std::pair{&merchant, &sub_m}, std::pair{&dist_a, &sub_a}, std::pair{&dist_b, &sub_b}}) {
    for (const Received& r : receiver->got()) {
      EXPECT_TRUE(integrations::verify_webhook_signature(r.body, r.signature, str(sub->at("secret"))));
      EXPECT_FALSE(integrations::verify_webhook_signature(r.body, r.signature, str(sub_m.at("secret")) + "x"));
      EXPECT_EQ(r.event_id, str(r.payload.at("event_id")));
      EXPECT_EQ(r.event, str(r.payload.at("type")));
    }
  }
  bool purchase_side = false;
  for (const Received& r : merchant.got()) purchase_side |= r.event.starts_with("purchase_order.");
  EXPECT_TRUE(purchase_side);  // the merchant hears of its purchase orders…
  for (const Received& r : dist_a.got()) EXPECT_TRUE(r.event.starts_with("order.")) << r.event;  // …a distributor not
  // The deliveries as the subscriber sees them, delivered on the first attempt.
  auto list = deliveries(distributor, sub_a);
  ASSERT_EQ(list.size(), dist_a.got().size());
  for (const auto& d : list) {
    EXPECT_EQ(str(d.at("status")), "delivered");
    EXPECT_EQ(d.at("attempts").as_int64(), 1);
    EXPECT_EQ(d.at("last_http_status").as_int64(), 200);
  }
  EXPECT_EQ(deliveries(distributor, sub_a, "?status=pending").size(), 0u);
}

TEST_P(Webhooks, SubscriptionsAreScopedAndEditable) {
  auto distributor = server_.signed_in("distributor");
  auto sub_m = subscribe(owner_, "https://hooks.example.cn/daifa", R"(["shipment.*","order.created"])");
  auto sub_a = subscribe(distributor, "https://a.example.cn/hook", R"(["order.created"])");
  const std::string m = "/api/v1/webhooks/" + str(sub_m.at("id")), a = "/api/v1/webhooks/" + str(sub_a.at("id"));

  EXPECT_EQ(owner_.get("/api/v1/webhooks").json().at("items").as_array().size(), 2u);
  auto own = distributor.get("/api/v1/webhooks").json().at("items").as_array();
  ASSERT_EQ(own.size(), 1u);
  EXPECT_EQ(own[0].at("id"), sub_a.at("id"));
  EXPECT_FALSE(own[0].as_object().contains("secret"));  // shown once, at creation
  EXPECT_EQ(distributor.get(m).status, 404);
  EXPECT_EQ(server_.signed_in("distributor_b").get(a).status, 404);
  EXPECT_EQ(server_.signed_in("distributor_b").patch(a, R"({"active":false,"version":1})").status, 404);
  EXPECT_EQ(owner_.get(a).status, 200);  // managers see every subscription
  EXPECT_EQ(server_.signed_in("supplier").get("/api/v1/webhooks").status, 403);
  EXPECT_EQ(server_.signed_in("agent").post("/api/v1/webhooks", R"({"url":"https://x.cn","events":["*"]})").status, 403);

  auto changed = distributor.patch(a, R"({"events":["order.*"],"description":"ERP","version":1})");
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json().at("version").as_int64(), 2);
  EXPECT_EQ(str(changed.json().at("events").at(0)), "order.*");
  EXPECT_EQ(distributor.patch(a, R"({"description":"stale","version":1})").status, 409);
  EXPECT_EQ(distributor.patch(a, R"({"description":"no version"})").status, 422);

  // DELETE stops the subscription; it stays, with its deliveries, and gets nothing more.
  EXPECT_EQ(distributor.del(a).status, 204);
  auto after = distributor.get(a).json();
  EXPECT_FALSE(after.at("active").as_bool());
  Receiver late;
  ASSERT_EQ(distributor.patch(a, R"({"url":")" + late.url() + R"(","version":)" +
                                     std::to_string(after.at("version").as_int64()) + "}")
                .status,
            200);
  auto channel_a = distributor_channel(server_.parties().distributor_a, "A 店");
  place_order(distributor, channel_a, "A-9");
  integrations::NotificationDispatcher dispatcher(server_.app(), options());
  dispatcher.run_once();
  EXPECT_TRUE(late.got().empty());
  EXPECT_TRUE(deliveries(distributor, sub_a).empty());
}

TEST_P(Webhooks, BadInputNamesEachField) {
  auto r = owner_.post("/api/v1/webhooks", R"({"url":"ftp://x.example","events":["order.created","order.nope"],"colour":1})");
  ASSERT_EQ(r.status, 422) << r.body;
  std::set<std::string> fields;
  const json::value problem = r.json();
  for (const auto& e : problem.at("errors").as_array()) fields.insert(str(e.at("field")));
  EXPECT_EQ(fields, (std::set<std::string>{"url", "events[1]", "colour"}));
  EXPECT_EQ(owner_.post("/api/v1/webhooks", R"({"url":"https://x.example","events":[]})").status, 422);
  EXPECT_EQ(owner_.post("/api/v1/webhooks", R"({"url":"https://x .example","events":["*"]})").status, 422);
  EXPECT_EQ(owner_.post("/api/v1/webhooks", R"({"events":["*"]})").status, 422);
  EXPECT_EQ(owner_.post("/api/v1/webhooks", R"({"url":"https://x.example","events":"*"})").status, 422);
  EXPECT_EQ(owner_.get("/api/v1/webhooks").json().at("items").as_array().size(), 0u);  // nothing half-written
  // A distributor hears of its orders and parcels, never of the purchase side.
  auto dist = server_.signed_in("distributor").post("/api/v1/webhooks",
                                                    R"({"url":"https://d.example.cn","events":["order.*","purchase_order.placed"]})");
  ASSERT_EQ(dist.status, 422) << dist.body;
  EXPECT_EQ(str(dist.json().at("errors").at(0).at("field")), "events[1]");
  EXPECT_EQ(str(dist.json().at("errors").at(0).at("code")), "not_for_distributors");

  auto sub = subscribe(owner_, "https://x.example/h", R"(["purchase_order.*","*"])");
  const std::string path = "/api/v1/webhooks/" + str(sub.at("id"));
  auto bad = owner_.patch(path, R"({"events":["shipment.created",7],"version":1})");
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(str(bad.json().at("errors").at(0).at("field")), "events[1]");
  // The JSON content-type check applies to the subscription resources (only inbound channel webhooks
  // are exempt).
  EXPECT_EQ(owner_.request("PATCH", path, R"({"active":false,"version":1})", {{"Content-Type", "text/plain"}}).status, 415);
  EXPECT_EQ(owner_.request("POST", "/api/v1/webhooks", R"({"url":"https://x.cn","events":["*"]})",
                           {{"Content-Type", "text/plain"}})
                .status,
            415);
  EXPECT_EQ(owner_.get(path + "/deliveries?status=lost").status, 400);
  EXPECT_EQ(owner_.get("/api/v1/webhooks/123/deliveries").status, 404);
  EXPECT_EQ(owner_.post("/api/v1/webhook-deliveries/123/redeliver", "").status, 404);
}

TEST_P(Webhooks, A500IsRetriedWithBackOffThenDeadThenRedeliveredByHand) {
  owner_ = server_.with_token("owner");  // the clock moves by days here: a console session would expire
  Receiver flaky({500}), down({}, 500);
  auto sub_flaky = subscribe(owner_, flaky.url(), R"(["order.created"])");
  auto sub_down = subscribe(owner_, down.url(), R"(["order.created"])");
  place_order(owner_, id_to_string(server_.parties().channel), "R-1");
  integrations::NotificationDispatcher dispatcher(server_.app(), options());
  dispatcher.run_once();
  ASSERT_EQ(flaky.got().size(), 1u);
  auto pending = deliveries(owner_, sub_flaky);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(str(pending[0].at("status")), "pending");
  EXPECT_EQ(pending[0].at("attempts").as_int64(), 1);
  EXPECT_EQ(pending[0].at("last_http_status").as_int64(), 500);
  EXPECT_EQ(str(pending[0].at("last_error")), "HTTP 500");

  // Not due yet: nothing is attempted until the back-off has passed.
  dispatcher.run_once();
  EXPECT_EQ(flaky.got().size(), 1u);
  server_.clock().advance_ms(integrations::backoff_ceiling_ms(1));
  dispatcher.run_once();
  ASSERT_EQ(flaky.got().size(), 2u);
  EXPECT_EQ(flaky.got()[0].event_id, flaky.got()[1].event_id);  // the same event id on every try
  EXPECT_EQ(flaky.got()[0].body, flaky.got()[1].body);
  EXPECT_EQ(str(deliveries(owner_, sub_flaky).at(0).at("status")), "delivered");

  // The receiver that is always down: dead after the last try, and not tried again.
  for (int attempt = 3; attempt <= integrations::kMaxWebhookAttempts; ++attempt) {
    server_.clock().advance_ms(integrations::kWebhookBackoffCapMs);
    dispatcher.run_once();
  }
  ASSERT_EQ(down.got().size(), static_cast<std::size_t>(integrations::kMaxWebhookAttempts));
  auto dead = deliveries(owner_, sub_down, "?status=dead");
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0].at("attempts").as_int64(), integrations::kMaxWebhookAttempts);
  server_.clock().advance_ms(integrations::kWebhookBackoffCapMs);
  dispatcher.run_once();
  EXPECT_EQ(down.got().size(), static_cast<std::size_t>(integrations::kMaxWebhookAttempts));

  // Redelivered by hand once the receiver is back; not by another party.
  const std::string redeliver = "/api/v1/webhook-deliveries/" + str(dead[0].at("id")) + "/redeliver";
  EXPECT_EQ(server_.with_token("distributor").post(redeliver, "").status, 404);
  down.answer(200);
  auto again = owner_.post(redeliver, "");
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(str(again.json().at("status")), "pending");
  EXPECT_EQ(again.json().at("attempts").as_int64(), 0);
  EXPECT_EQ(owner_.post(redeliver, "").status, 409);  // already pending
  dispatcher.run_once();
  ASSERT_EQ(down.got().size(), static_cast<std::size_t>(integrations::kMaxWebhookAttempts) + 1);
  EXPECT_EQ(str(deliveries(owner_, sub_down).at(0).at("status")), "delivered");
  // A delivered one may be sent again too.
  EXPECT_EQ(owner_.post(redeliver, "").status, 200);
}

TEST_P(Webhooks, AHangingReceiverDoesNotHoldUpAnotherSubscription) {
  Receiver hanging, fine;
  hanging.hold();
  subscribe(owner_, hanging.url(), R"(["order.created"])");
  subscribe(owner_, fine.url(), R"(["order.created"])");
  place_order(owner_, id_to_string(server_.parties().channel), "H-1");
  integrations::NotificationDispatcher dispatcher(server_.app(), options(30'000));
  auto pass = std::async(std::launch::async, [&] { return dispatcher.run_once(); });
  ASSERT_TRUE(hanging.wait_for(1));
  // The hanging receiver has the request and has not answered: the other one is served meanwhile.
  EXPECT_TRUE(fine.wait_for(1));
  hanging.release();
  EXPECT_GT(pass.get(), 0u);
}

TEST_P(Webhooks, AReceiverThatTimesOutOrClosesIsRetriedLater) {
  Receiver slow;
  slow.hold();
  auto sub = subscribe(owner_, slow.url(), R"(["order.created"])");
  LoopbackServer closer([](int fd) { (void)read_http_request(fd); });  // reads, then closes without answering
  auto sub_closer = subscribe(owner_, closer.url("http", "/h"), R"(["order.created"])");
  place_order(owner_, id_to_string(server_.parties().channel), "T-1");
  integrations::NotificationDispatcher dispatcher(server_.app(), options(300));
  dispatcher.run_once();  // the 300 ms timeout ends the slow attempt
  slow.release();
  for (const auto& s : {sub, sub_closer}) {
    auto d = deliveries(owner_, s);
    ASSERT_EQ(d.size(), 1u);
    EXPECT_EQ(str(d[0].at("status")), "pending");
    EXPECT_EQ(d[0].at("attempts").as_int64(), 1);
    EXPECT_EQ(d[0].at("last_http_status"), nullptr);
    EXPECT_FALSE(str(d[0].at("last_error")).empty());
  }
}

TEST_P(Webhooks, AfterACrashBetweenFanOutAndAttemptANewDispatcherDeliversEverything) {
  Receiver receiver;
  subscribe(owner_, receiver.url(), R"(["order.created"])");
  auto order = place_order(owner_, id_to_string(server_.parties().channel), "C-1");
  {
    integrations::NotificationDispatcher first(server_.app(), options());
    EXPECT_GE(first.fan_out_only(), 1u);  // then the server "dies": nothing was attempted
  }
  EXPECT_TRUE(receiver.got().empty());
  integrations::NotificationDispatcher second(server_.app(), options());
  EXPECT_EQ(second.run_once(), 1u);
  ASSERT_EQ(receiver.got().size(), 1u);
  EXPECT_EQ(str(receiver.got()[0].payload.at("order_id")), str(order.at("id")));
}

TEST_P(Webhooks, TheBackgroundThreadDeliversRightAfterTheCommit) {
  Receiver receiver;
  subscribe(owner_, receiver.url(), R"(["order.created"])");
  auto o = options();
  o.idle_wake_ms = 600'000;  // only the commit's ring can wake it in time
  integrations::NotificationDispatcher dispatcher(server_.app(), o);
  dispatcher.start();
  auto order = place_order(owner_, id_to_string(server_.parties().channel), "BG-1");
  ASSERT_TRUE(receiver.wait_for(1));  // the test never calls run_once
  EXPECT_EQ(receiver.got()[0].event, "order.created");
  EXPECT_EQ(str(receiver.got()[0].payload.at("order_id")), str(order.at("id")));
  dispatcher.stop();
}

TEST_P(Webhooks, TheCustomerGetsItsShipmentMailInChineseExactlyAsRecorded) {
  SmtpReceiver smtp;
  auto order = place_order(owner_, id_to_string(server_.parties().channel), "DF-20261125-0042", "wang@example.cn");
  auto quiet = place_order(owner_, id_to_string(server_.parties().channel), "DF-NO-MAIL");  // no e-mail, no mail
  ship(order, "SF1412345678901");
  ship(quiet, "SF1412345678902");
  auto o = options();
  o.smtp_url = smtp.url();
  integrations::NotificationDispatcher dispatcher(server_.app(), o);
  dispatcher.run_once();
  ASSERT_TRUE(smtp.wait_for(1));

  auto agent = server_.signed_in("agent");
  auto listed = agent.get("/api/v1/customer-messages?order_id=" + str(order.at("id")));
  ASSERT_EQ(listed.status, 200) << listed.body;
  auto items = listed.json().at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  const json::value& m = items[0];
  EXPECT_EQ(str(m.at("kind")), "shipped");
  EXPECT_EQ(str(m.at("language")), "zh-CN");
  EXPECT_EQ(str(m.at("to")), "wang@example.cn");
  EXPECT_EQ(str(m.at("status")), "sent");
  EXPECT_EQ(m.at("attempts").as_int64(), 1);
  EXPECT_EQ(m.at("last_smtp_status").as_int64(), 250);
  EXPECT_EQ(str(m.at("subject")), "您的订单 DF-20261125-0042 已发货");
  EXPECT_NE(str(m.at("body")).find("运单号：SF1412345678901"), std::string::npos);
  EXPECT_TRUE(agent.get("/api/v1/customer-messages?order_id=" + str(quiet.at("id"))).json().at("items").as_array().empty());

  auto sent = smtp.messages();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].first, "<wang@example.cn>");
  const std::string& data = sent[0].second;
  std::size_t split = data.find("\r\n\r\n");
  ASSERT_NE(split, std::string::npos);
  const std::string head = data.substr(0, split + 2);
  EXPECT_NE(head.find("Subject: " + integrations::encode_rfc2047(str(m.at("subject"))) + "\r\n"), std::string::npos)
      << head;
  std::string expected_body = str(m.at("body")), crlf;
  for (char ch : expected_body) crlf += ch == '\n' ? std::string("\r\n") : std::string(1, ch);
  EXPECT_EQ(base64_decode(data.substr(split + 4)), crlf);

  EXPECT_EQ(server_.signed_in("distributor").get("/api/v1/customer-messages").status, 403);
  EXPECT_EQ(server_.signed_in("supplier").get("/api/v1/customer-messages").status, 403);
  // Sent once: another pass mails nothing again.
  dispatcher.run_once();
  EXPECT_EQ(smtp.messages().size(), 1u);
}

TEST_P(Webhooks, AMailTheServerRefusesIsRetriedThenDead) {
  owner_ = server_.with_token("owner");  // the clock moves by hours here
  // A mail server that refuses the recipient.
  LoopbackServer refusing([](int fd) {
    SocketReader in(fd);
    send_all(fd, "220 mx.test ESMTP\r\n");
    while (auto line = in.line()) {
      std::string verb = line->substr(0, 4);
      if (verb == "QUIT") return send_all(fd, "221 Bye\r\n");
      send_all(fd, verb == "RCPT" ? "550 5.1.1 No such user\r\n" : "250 Ok\r\n");
    }
  });
  auto order = place_order(owner_, id_to_string(server_.parties().channel), "MX-1", "nobody@example.cn");
  ship(order, "SF1412345678903");
  auto o = options();
  o.smtp_url = refusing.url("smtp");
  o.max_mail_attempts = 2;
  integrations::NotificationDispatcher dispatcher(server_.app(), o);
  auto message = [&] {
    auto r = server_.with_token("agent").get("/api/v1/customer-messages?order_id=" + str(order.at("id")));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().at("items").at(0);
  };
  dispatcher.run_once();
  EXPECT_EQ(str(message().at("status")), "pending");
  EXPECT_EQ(message().at("attempts").as_int64(), 1);
  EXPECT_EQ(message().at("last_smtp_status").as_int64(), 550);
  server_.clock().advance_ms(integrations::backoff_ceiling_ms(1));
  dispatcher.run_once();
  EXPECT_EQ(str(message().at("status")), "dead");
  EXPECT_EQ(message().at("attempts").as_int64(), 2);
  EXPECT_EQ(message().at("sent_at"), nullptr);
}

INSTANTIATE_TEST_SUITE_P(Backends, Webhooks, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace daifa::testing
