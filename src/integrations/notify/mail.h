#pragma once
// Customer e-mail about a shipment: rendered from fixed templates in zh-CN and en, formatted as an RFC 5322
// message (UTF-8 subject as RFC 2047 encoded words, UTF-8 text body in base64 so that no server needs
// 8BITMIME or SMTPUTF8), and sent with libcurl's SMTP client to the configured server.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "domain/common/time.h"

namespace daifa::integrations {

enum class MailLanguage { zh_cn, en };
enum class ShipmentNewsKind { shipped, delivered, exception };

// What the message tells; every field is shown as given (plain text).
struct ShipmentNews {
  std::string order_reference;  // the customer's order number as the shop showed it
  std::string carrier;          // "顺丰速运", "SF Express"
  std::string tracking_number;
  std::string latest_event;     // the latest tracking event's text
};

struct MailContent {
  std::string subject;
  std::string text;  // lines end in "\n"
};

MailContent render_shipment_mail(ShipmentNewsKind kind, MailLanguage language, const ShipmentNews& news);

// "{{name}}" replaced by values.at(name), escaped as `escaping` says (html: & < > " ' as entities; for an
// HTML body, where a customer-typed value must not become markup). A name without a value is a bug in
// the template: std::invalid_argument. Text outside the braces is copied unchanged.
enum class Escaping { none, html };
using TemplateValues = std::map<std::string, std::string, std::less<>>;
std::string render_template(std::string_view tmpl, const TemplateValues& values, Escaping escaping);
std::string html_escape(std::string_view text);

struct MailAddress {
  std::string name;     // display name, may be Chinese (RFC 2047 encoded then); "" for none
  std::string address;  // "wang@example.cn": already validated (check_email); CR, LF, < or > throw
};

struct MailMessage {
  MailAddress from;
  MailAddress to;
  std::string subject;
  std::string text;
  Timestamp date;          // the Date header, written in UTC (+0000)
  std::string message_id;  // "<notification-42@daifa.example>": stable, so a resend is recognisable
};

// CRLF line ends throughout; headers From, To, Subject, Date, Message-ID, MIME-Version, Content-Type
// (text/plain; charset=UTF-8), Content-Transfer-Encoding (base64); the text's "\n" become "\r\n".
std::string format_mail(const MailMessage& message);

// "=?UTF-8?B?…?=" words of at most 75 characters, never splitting a UTF-8 character, folded with CRLF SP;
// pure printable ASCII comes back unchanged.
std::string encode_rfc2047(std::string_view text);

struct MailSendResult {
  bool sent = false;     // the server accepted the message (2xx after the data)
  long smtp_status = 0;  // the server's last reply code (250 on success); 0 when no server answered
  std::string error;     // curl's reason when not sent, else ""
  std::int64_t elapsed_ms = 0;
};

// `smtp_url`: "smtp://host:port" or "smtps://…" (an optional path is the EHLO name). from/to are the
// envelope addresses (bare, no display name); `message` is format_mail's text. One connection per mail:
// customer mail is rare next to webhooks, and each ends with QUIT.
MailSendResult send_mail(std::string_view smtp_url, std::string_view from, std::string_view to,
                         std::string_view message, std::int64_t timeout_ms = 30'000);

}  // namespace daifa::integrations
