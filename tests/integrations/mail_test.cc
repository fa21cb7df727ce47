// Customer mail: templates in zh-CN and en, the RFC 5322 / RFC 2047 form, and a real SMTP conversation
// with a small SMTP server the test runs on 127.0.0.1.
#include "integrations/notify/mail.h"

#include <gtest/gtest.h>

#include <future>
#include <stdexcept>
#include <string>
#include <vector>

#include "loopback_server.h"

namespace daifa::integrations {
namespace {

// The test's own decoders, written from the RFCs, not from the code under test.
std::string base64_decode(const std::string& in) {
  static const std::string kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned bits = 0;
  int count = 0;
  for (char c : in) {
    if (c == '=' || c == '\r' || c == '\n') continue;
    std::size_t v = kAlphabet.find(c);
    if (v == std::string::npos) throw std::runtime_error("not base64");
    bits = (bits << 6) | static_cast<unsigned>(v);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out.push_back(static_cast<char>((bits >> count) & 0xFF));
    }
  }
  return out;
}

// Unfolded header value → text, decoding "=?UTF-8?B?…?=" words (whitespace between two words is dropped).
std::string decode_header(std::string value) {
  std::string unfolded;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value.compare(i, 3, "\r\n ") == 0) {
      unfolded += ' ';
      i += 2;
    } else {
      unfolded += value[i];
    }
  }
  std::string out;
  std::size_t pos = 0;
  bool last_was_word = false;
  while (pos < unfolded.size()) {
    std::size_t start = unfolded.find("=?UTF-8?B?", pos);
    std::string between = unfolded.substr(pos, start == std::string::npos ? std::string::npos : start - pos);
    if (!(last_was_word && start != std::string::npos && between.find_first_not_of(' ') == std::string::npos))
      out += between;
    if (start == std::string::npos) break;
    std::size_t end = unfolded.find("?=", start + 10);
    out += base64_decode(unfolded.substr(start + 10, end - start - 10));
    pos = end + 2;
    last_was_word = true;
  }
  return out;
}

struct Parsed {
  std::vector<std::pair<std::string, std::string>> headers;  // raw (folded) values
  std::string body;
  std::string header(const std::string& name) const {
    for (const auto& [n, v] : headers)
      if (n == name) return v;
    return "<missing " + name + ">";
  }
};

Parsed parse_message(const std::string& message) {
  Parsed p;
  std::size_t split = message.find("\r\n\r\n");
  std::string head = message.substr(0, split + 2);
  p.body = message.substr(split + 4);
  std::size_t pos = 0;
  while (pos < head.size()) {
    std::size_t end = head.find("\r\n", pos);
    std::string line = head.substr(pos, end - pos);
    if (line.starts_with(" ")) {
      p.headers.back().second += "\r\n" + line;
    } else {
      std::size_t colon = line.find(": ");
      p.headers.emplace_back(line.substr(0, colon), line.substr(colon + 2));
    }
    pos = end + 2;
  }
  return p;
}

const ShipmentNews kNews{"DF-20261125-0042", "顺丰速运", "SF1412345678901", "【深圳市】快件交给李师傅，正在派送途中"};

TEST(MailTemplates, RenderEveryKindInBothLanguages) {
  MailContent zh = render_shipment_mail(ShipmentNewsKind::shipped, MailLanguage::zh_cn, kNews);
  EXPECT_EQ(zh.subject, "您的订单 DF-20261125-0042 已发货");
  EXPECT_NE(zh.text.find("承运商：顺丰速运\n运单号：SF1412345678901\n最新动态：【深圳市】快件交给李师傅，正在派送途中\n"),
            std::string::npos);
  EXPECT_EQ(render_shipment_mail(ShipmentNewsKind::delivered, MailLanguage::zh_cn, kNews).subject,
            "您的订单 DF-20261125-0042 已签收");
  EXPECT_EQ(render_shipment_mail(ShipmentNewsKind::exception, MailLanguage::zh_cn, kNews).subject,
            "您的订单 DF-20261125-0042 配送异常");
  ShipmentNews en_news{"#1001", "SF Express", "SF1412345678901", "Out for delivery"};
  MailContent en = render_shipment_mail(ShipmentNewsKind::delivered, MailLanguage::en, en_news);
  EXPECT_EQ(en.subject, "Your order #1001 has been delivered");
  EXPECT_NE(en.text.find("Carrier: SF Express\nTracking number: SF1412345678901\nLatest update: Out for delivery\n"),
            std::string::npos);
  EXPECT_EQ(render_shipment_mail(ShipmentNewsKind::shipped, MailLanguage::en, en_news).subject,
            "Your order #1001 has shipped");
  EXPECT_EQ(render_shipment_mail(ShipmentNewsKind::exception, MailLanguage::en, en_news).subject,
            "A delivery problem with your order #1001");
  for (auto kind : {ShipmentNewsKind::shipped, ShipmentNewsKind::delivered, ShipmentNewsKind::exception})
    for (auto lang : {MailLanguage::zh_cn, MailLanguage::en})
      EXPECT_EQ(render_shipment_mail(kind, lang, kNews).text.find("{{"), std::string::npos);
  // A value with a line break cannot add lines to the subject.
  ShipmentNews sneaky = kNews;
  sneaky.order_reference = "A\r\nBcc: x@evil.example";
  EXPECT_EQ(render_shipment_mail(ShipmentNewsKind::shipped, MailLanguage::en, sneaky).subject.find('\n'),
            std::string::npos);
}

TEST(MailTemplates, SubstitutesNamesAndEscapesHtml) {
  TemplateValues values{{"name", "<b>王</b> & \"Co\" 'x'"}, {"n", "3"}};
  EXPECT_EQ(render_template("<p>{{name}}: {{n}}</p>", values, Escaping::html),
            "<p>&lt;b&gt;王&lt;/b&gt; &amp; &quot;Co&quot; &#39;x&#39;: 3</p>");
  EXPECT_EQ(render_template("{{name}}{{n}}", values, Escaping::none), "<b>王</b> & \"Co\" 'x'3");
  EXPECT_EQ(render_template("no placeholders {", values, Escaping::none), "no placeholders {");
  EXPECT_THROW(render_template("{{missing}}", values, Escaping::none), std::invalid_argument);
  EXPECT_THROW(render_template("{{name", values, Escaping::none), std::invalid_argument);
}

TEST(MailFormat, EncodesLongChineseSubjectsInWholeCharacters) {
  EXPECT_EQ(encode_rfc2047("Your order #1001 has shipped"), "Your order #1001 has shipped");
  std::string subject;
  for (int i = 0; i < 40; ++i) subject += "订单已发货";  // 600 bytes of 3-byte characters
  std::string encoded = encode_rfc2047(subject);
  std::size_t pos = 0, words = 0;
  while (pos < encoded.size()) {
    std::size_t end = encoded.find("\r\n ", pos);
    std::string word = encoded.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    EXPECT_LE(word.size(), 75u);
    EXPECT_TRUE(word.starts_with("=?UTF-8?B?") && word.ends_with("?="));
    std::string bytes = base64_decode(word.substr(10, word.size() - 12));
    EXPECT_EQ(bytes.size() % 3, 0u) << "a character was split";
    ++words;
    pos = end == std::string::npos ? encoded.size() : end + 3;
  }
  EXPECT_GT(words, 10u);
  EXPECT_EQ(decode_header(encoded), subject);
}

TEST(MailFormat, RefusesHeaderInjection) {
  MailMessage m{{"", "noreply@daifa.test"}, {"", "wang@example.cn\r\nBcc: x@evil.example"}, "s", "t", {}, "<1@d>"};
  EXPECT_THROW(format_mail(m), std::invalid_argument);
  m.to.address = "wang@example.cn";
  m.message_id = "<1@d>\r\nBcc: x@evil.example";
  EXPECT_THROW(format_mail(m), std::invalid_argument);
  EXPECT_THROW(send_mail("smtp://127.0.0.1:9", "a@b.c>\r\nRCPT TO:<x@evil.example", "wang@example.cn", "x", 1'000),
               std::invalid_argument);
}

// Enough SMTP to receive one message: what the client said, and the message as sent after DATA.
struct SmtpSession {
  std::string helo;
  std::string mail_from;
  std::vector<std::string> rcpt_to;
  std::string data;
  bool quit = false;
};

void serve_smtp(int fd, SmtpSession& session) {
  testing::SocketReader in(fd);
  testing::send_all(fd, "220 mx.test ESMTP ready\r\n");
  while (auto line = in.line()) {
    std::string verb = line->substr(0, 4);
    for (char& c : verb) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (verb == "EHLO" || verb == "HELO") {
      session.helo = *line;
      testing::send_all(fd, "250 mx.test\r\n");
    } else if (verb == "MAIL") {
      session.mail_from = line->substr(10);  // after "MAIL FROM:"
      testing::send_all(fd, "250 2.1.0 Ok\r\n");
    } else if (verb == "RCPT") {
      session.rcpt_to.push_back(line->substr(8));  // after "RCPT TO:"
      testing::send_all(fd, "250 2.1.5 Ok\r\n");
    } else if (verb == "DATA") {
      testing::send_all(fd, "354 End data with <CR><LF>.<CR><LF>\r\n");
      auto data = in.until("\r\n.\r\n");
      if (!data) return;
      session.data = *data + "\r\n";
      testing::send_all(fd, "250 2.0.0 Ok: queued as 42\r\n");
    } else if (verb == "QUIT") {
      session.quit = true;
      testing::send_all(fd, "221 2.0.0 Bye\r\n");
      return;
    } else {
      testing::send_all(fd, "502 5.5.2 Error: command not recognized\r\n");
    }
  }
}

TEST(MailSend, DeliversAChineseMessageOverSmtp) {
  std::promise<SmtpSession> done;
  testing::LoopbackServer smtp([&](int fd) {
    SmtpSession session;
    serve_smtp(fd, session);
    done.set_value(std::move(session));
  });
  MailContent content = render_shipment_mail(ShipmentNewsKind::shipped, MailLanguage::zh_cn, kNews);
  MailMessage message{{"代发平台", "noreply@daifa.test"},
                      {"王小明", "wang@example.cn"},
                      content.subject,
                      content.text,
                      *parse_rfc3339("2026-11-25T02:40:05Z"),
                      "<notification-42@daifa.test>"};
  std::string formatted = format_mail(message);
  MailSendResult r =
      send_mail(smtp.url("smtp", "/daifa.test"), "noreply@daifa.test", "wang@example.cn", formatted, 5'000);
  SmtpSession session = done.get_future().get();

  EXPECT_TRUE(r.sent) << r.error;
  EXPECT_EQ(r.smtp_status, 250);
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(session.helo, "EHLO daifa.test");
  EXPECT_EQ(session.mail_from, "<noreply@daifa.test>");
  EXPECT_EQ(session.rcpt_to, std::vector<std::string>{"<wang@example.cn>"});
  EXPECT_TRUE(session.quit);
  EXPECT_EQ(session.data, formatted);  // exactly as recorded

  Parsed p = parse_message(session.data);
  EXPECT_EQ(p.header("Subject").substr(0, 10), "=?UTF-8?B?");  // encoded, not raw UTF-8
  EXPECT_EQ(decode_header(p.header("Subject")), "您的订单 DF-20261125-0042 已发货");
  EXPECT_EQ(decode_header(p.header("From")), "代发平台 <noreply@daifa.test>");
  EXPECT_EQ(decode_header(p.header("To")), "王小明 <wang@example.cn>");
  EXPECT_EQ(p.header("Date"), "Wed, 25 Nov 2026 02:40:05 +0000");
  EXPECT_EQ(p.header("Message-ID"), "<notification-42@daifa.test>");
  EXPECT_EQ(p.header("MIME-Version"), "1.0");
  EXPECT_EQ(p.header("Content-Type"), "text/plain; charset=UTF-8");
  EXPECT_EQ(p.header("Content-Transfer-Encoding"), "base64");
  for (const auto& [name, value] : p.headers)
    for (unsigned char c : value) EXPECT_LT(c, 0x80) << name << " has a raw 8-bit byte";
  std::size_t pos = 0;
  while (pos < p.body.size()) {
    std::size_t end = p.body.find("\r\n", pos);
    EXPECT_LE(end - pos, 76u);
    pos = end + 2;
  }
  std::string text = base64_decode(p.body);
  EXPECT_NE(text.find("您好，\r\n\r\n您的订单 DF-20261125-0042 已发货。\r\n"), std::string::npos) << text;
  EXPECT_NE(text.find("运单号：SF1412345678901\r\n"), std::string::npos);
  EXPECT_NE(text.find("最新动态：【深圳市】快件交给李师傅，正在派送途中\r\n"), std::string::npos);
}

TEST(MailSend, ARefusedRecipientIsNotSent) {
  testing::LoopbackServer smtp([&](int fd) {
    testing::SocketReader in(fd);
    testing::send_all(fd, "220 mx.test ESMTP\r\n");
    while (auto line = in.line()) {
      if (line->starts_with("RCPT")) {
        testing::send_all(fd, "550 5.1.1 <wang@example.cn>: Recipient address rejected\r\n");
      } else if (line->starts_with("QUIT")) {
        testing::send_all(fd, "221 Bye\r\n");
        return;
      } else {
        testing::send_all(fd, "250 ok\r\n");
      }
    }
  });
  MailSendResult r =
      send_mail(smtp.url("smtp"), "noreply@daifa.test", "wang@example.cn", "Subject: x\r\n\r\nx\r\n", 5'000);
  EXPECT_FALSE(r.sent);
  EXPECT_EQ(r.smtp_status, 550);
  EXPECT_FALSE(r.error.empty());
}

}  // namespace
}  // namespace daifa::integrations
