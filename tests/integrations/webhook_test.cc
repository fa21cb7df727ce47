// Outbound webhooks against real receivers on 127.0.0.1: one that answers 200, one that answers 500, one
// that closes without answering, one that never answers; and the retry schedule.
#include "integrations/notify/webhook.h"

#include <gtest/gtest.h>

#include <future>
#include <string>
#include <vector>

#include "loopback_server.h"

namespace daifa::integrations {
namespace {

using testing::LoopbackServer;
using testing::ReceivedRequest;

const std::string kBody = R"({"id":"evt_01J9","type":"shipment.delivered","data":{"order":"DF-1001","tracking_number":"SF1412345678901","status":"delivered","note":"已签收"}})";
const std::string kSecret = "whsec_7f3a9c";

TEST(WebhookSignature, IsHexHmacSha256OfTheBody) {
  // RFC 4231 test case 2: HMAC-SHA256(key "Jefe", "what do ya want for nothing?").
  EXPECT_EQ(sign_webhook("what do ya want for nothing?", "Jefe"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  std::string sig = sign_webhook(kBody, kSecret);
  EXPECT_TRUE(verify_webhook_signature(kBody, sig, kSecret));
  EXPECT_FALSE(verify_webhook_signature(kBody + " ", sig, kSecret));
  EXPECT_FALSE(verify_webhook_signature(kBody, sig, "other"));
  EXPECT_FALSE(verify_webhook_signature(kBody, "", kSecret));
  EXPECT_FALSE(verify_webhook_signature(kBody, sign_webhook(kBody, ""), ""));
}

TEST(WebhookDelivery, A200IsDeliveredWithSignedHeaders) {
  std::promise<ReceivedRequest> received;
  LoopbackServer receiver([&](int fd) {
    auto req = testing::read_http_request(fd);
    testing::send_all(fd, testing::http_response(200, "OK", "{}"));
    received.set_value(req.value_or(ReceivedRequest{}));
  });
  WebhookDelivery d =
      deliver_webhook(receiver.url("http", "/hooks/daifa"), "evt_01J9", "shipment.delivered", kBody, kSecret, 5'000);
  ReceivedRequest req = received.get_future().get();
  EXPECT_TRUE(d.delivered) << d.error;
  EXPECT_EQ(d.http_status, 200);
  EXPECT_EQ(d.error, "");
  EXPECT_GE(d.elapsed_ms, 0);
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(req.target, "/hooks/daifa");
  EXPECT_EQ(req.headers["content-type"], "application/json");
  EXPECT_EQ(req.headers["x-daifa-event-id"], "evt_01J9");
  EXPECT_EQ(req.headers["x-daifa-event"], "shipment.delivered");
  EXPECT_EQ(req.body, kBody);  // byte for byte, Chinese included
  // What a receiver does with the shared secret:
  EXPECT_TRUE(verify_webhook_signature(req.body, req.headers["x-daifa-signature"], kSecret));
  EXPECT_FALSE(verify_webhook_signature(req.body, req.headers["x-daifa-signature"], "not-the-secret"));
}

// The outbox worker posts thousands of events a second to the same receivers: a kept-alive connection
// is reused, not a TCP handshake per event.
TEST(WebhookDelivery, ReusesTheConnectionToTheSameReceiver) {
  int connections = 0;
  std::vector<std::string> event_ids;
  LoopbackServer receiver([&](int fd) {
    ++connections;
    for (int i = 0; i < 2; ++i) {  // two requests on this one connection, then close
      auto req = testing::read_http_request(fd);
      if (!req) return;
      event_ids.push_back(req->headers["x-daifa-event-id"]);
      testing::send_all(fd, "HTTP/1.1 204 No Content\r\n\r\n");
    }
  });
  WebhookDelivery first = deliver_webhook(receiver.url("http"), "evt_a", "shipment.shipped", kBody, kSecret, 5'000);
  WebhookDelivery second = deliver_webhook(receiver.url("http"), "evt_b", "shipment.shipped", kBody, kSecret, 5'000);
  EXPECT_TRUE(first.delivered) << first.error;
  EXPECT_TRUE(second.delivered) << second.error;
  EXPECT_EQ(second.http_status, 204);
  receiver.stop();  // joins its thread: the counts below are final
  EXPECT_EQ(connections, 1);
  EXPECT_EQ(event_ids, (std::vector<std::string>{"evt_a", "evt_b"}));
}

TEST(WebhookDelivery, A500IsNotDelivered) {
  LoopbackServer receiver([&](int fd) {
    if (testing::read_http_request(fd))
      testing::send_all(fd, testing::http_response(500, "Internal Server Error", R"({"error":"boom"})"));
  });
  WebhookDelivery d = deliver_webhook(receiver.url("http"), "evt_1", "shipment.shipped", kBody, kSecret, 5'000);
  EXPECT_FALSE(d.delivered);
  EXPECT_EQ(d.http_status, 500);
  EXPECT_EQ(d.error, "HTTP 500");
}

TEST(WebhookDelivery, AReceiverThatClosesWithoutAnsweringIsNotDelivered) {
  std::promise<void> read;
  LoopbackServer receiver([&](int fd) {
    testing::read_http_request(fd);  // then the connection is closed by the server, no answer
    read.set_value();
  });
  WebhookDelivery d = deliver_webhook(receiver.url("http"), "evt_2", "shipment.shipped", kBody, kSecret, 5'000);
  read.get_future().get();
  EXPECT_FALSE(d.delivered);
  EXPECT_EQ(d.http_status, 0);
  EXPECT_FALSE(d.error.empty());
}

TEST(WebhookDelivery, AReceiverThatNeverAnswersTimesOut) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  LoopbackServer receiver([&](int fd) {
    testing::read_http_request(fd);
    released.wait();  // holds the connection open, silent, until the test has its result
  });
  constexpr std::int64_t kTimeoutMs = 300;
  WebhookDelivery d = deliver_webhook(receiver.url("http"), "evt_3", "shipment.shipped", kBody, kSecret, kTimeoutMs);
  release.set_value();
  EXPECT_FALSE(d.delivered);
  EXPECT_EQ(d.http_status, 0);
  EXPECT_NE(d.error.find("timed out"), std::string::npos) << d.error;
  EXPECT_GE(d.elapsed_ms, kTimeoutMs - 5);
  EXPECT_LT(d.elapsed_ms, kTimeoutMs + 2'000);  // not blocked for long past its bound (generous for ASan)
}

TEST(WebhookDelivery, NobodyListeningIsNotDelivered) {
  int port = 0;
  { LoopbackServer gone([](int) {}); port = gone.port(); }  // listened, then closed: connection refused
  WebhookDelivery d = deliver_webhook("http://127.0.0.1:" + std::to_string(port) + "/", "evt_4", "shipment.shipped",
                                      kBody, kSecret, 5'000);
  EXPECT_FALSE(d.delivered);
  EXPECT_EQ(d.http_status, 0);
  EXPECT_FALSE(d.error.empty());
}

TEST(WebhookDelivery, RefusesLineBreaksInHeaderValues) {
  WebhookDelivery d = deliver_webhook("http://127.0.0.1:9/", "evt\r\nX-Evil: 1", "t", kBody, kSecret, 1'000);
  EXPECT_FALSE(d.delivered);
  EXPECT_NE(d.error.find("line break"), std::string::npos);
}

TEST(WebhookBackoff, DoublesFromFiveSecondsUpToSixHours) {
  const std::int64_t s = 1000;
  const std::int64_t expected[] = {5 * s,   10 * s,   20 * s,   40 * s,    80 * s,    160 * s,   320 * s,  640 * s,
                                   1280 * s, 2560 * s, 5120 * s, 10240 * s, 20480 * s, 21600 * s, 21600 * s};
  for (int attempt = 1; attempt <= 15; ++attempt)
    EXPECT_EQ(backoff_ceiling_ms(attempt), expected[attempt - 1]) << attempt;
  EXPECT_EQ(backoff_ceiling_ms(1000), kWebhookBackoffCapMs);
  EXPECT_EQ(kMaxWebhookAttempts, 15);
  std::int64_t total = 0;
  for (int attempt = 1; attempt < kMaxWebhookAttempts; ++attempt) total += backoff_ceiling_ms(attempt);
  EXPECT_EQ(total, 62'555 * s);  // ≈ 17.4 h of ceilings before the dead letter, as webhook.h says
}

TEST(WebhookBackoff, DelaysAreFullJitterUnderTheCeiling) {
  std::mt19937_64 rng(20261125);
  for (int attempt : {1, 3, 8, 14}) {
    std::int64_t ceiling = backoff_ceiling_ms(attempt), low = ceiling, high = 0;
    for (int i = 0; i < 2000; ++i) {
      std::int64_t d = next_attempt_delay_ms(attempt, rng);
      ASSERT_GE(d, 0);
      ASSERT_LE(d, ceiling);
      low = std::min(low, d);
      high = std::max(high, d);
    }
    EXPECT_LT(low, ceiling / 10) << attempt;       // spread over the whole range,
    EXPECT_GT(high, ceiling * 9 / 10) << attempt;  // not bunched at the ceiling
  }
}

}  // namespace
}  // namespace daifa::integrations
