#include "integrations/notify/mail.h"

#include <openssl/evp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "integrations/curl_handle.h"

namespace daifa::integrations {
namespace {

struct Template {
  std::string_view subject;
  std::string_view text;
};

// Why fixed templates: the three messages are the whole need; a template engine would be more to
// secure than these strings.
constexpr Template kZhShipped{
    "您的订单 {{order_reference}} 已发货",
    "您好，\n\n您的订单 {{order_reference}} 已发货。\n\n承运商：{{carrier}}\n运单号：{{tracking_number}}\n"
    "最新动态：{{latest_event}}\n\n您可以凭运单号在承运商官网查询物流进度。感谢您的惠顾！\n"};
constexpr Template kZhDelivered{
    "您的订单 {{order_reference}} 已签收",
    "您好，\n\n您的订单 {{order_reference}} 已签收。\n\n承运商：{{carrier}}\n运单号：{{tracking_number}}\n"
    "最新动态：{{latest_event}}\n\n如有任何问题，请回复此邮件联系我们。感谢您的惠顾！\n"};
constexpr Template kZhException{
    "您的订单 {{order_reference}} 配送异常",
    "您好，\n\n您的订单 {{order_reference}} 在配送中遇到异常。\n\n承运商：{{carrier}}\n运单号：{{tracking_number}}\n"
    "最新动态：{{latest_event}}\n\n我们正在与承运商跟进处理，如需您的协助会尽快与您联系。\n"};
constexpr Template kEnShipped{
    "Your order {{order_reference}} has shipped",
    "Hello,\n\nYour order {{order_reference}} has shipped.\n\nCarrier: {{carrier}}\nTracking number: "
    "{{tracking_number}}\nLatest update: {{latest_event}}\n\nThank you for your order!\n"};
constexpr Template kEnDelivered{
    "Your order {{order_reference}} has been delivered",
    "Hello,\n\nYour order {{order_reference}} has been delivered.\n\nCarrier: {{carrier}}\nTracking number: "
    "{{tracking_number}}\nLatest update: {{latest_event}}\n\nIf anything is wrong, just reply to this message.\n"};
constexpr Template kEnException{
    "A delivery problem with your order {{order_reference}}",
    "Hello,\n\nThe delivery of your order {{order_reference}} has run into a problem.\n\nCarrier: {{carrier}}\n"
    "Tracking number: {{tracking_number}}\nLatest update: {{latest_event}}\n\nWe are working on it with the "
    "carrier and will contact you if we need anything.\n"};

const Template& template_for(ShipmentNewsKind kind, MailLanguage language) {
  bool zh = language == MailLanguage::zh_cn;
  switch (kind) {
    case ShipmentNewsKind::shipped: return zh ? kZhShipped : kEnShipped;
    case ShipmentNewsKind::delivered: return zh ? kZhDelivered : kEnDelivered;
    case ShipmentNewsKind::exception: return zh ? kZhException : kEnException;
  }
  return zh ? kZhShipped : kEnShipped;
}

std::string base64(std::string_view raw) {
  std::string out(4 * ((raw.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(raw.data()), static_cast<int>(raw.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

bool printable_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c > 0x7e) return false;
  return true;
}

void require_header_safe(std::string_view what, std::string_view v, std::string_view forbidden) {
  if (v.find_first_of(forbidden) != std::string_view::npos)
    throw std::invalid_argument(std::string(what) + " contains a character not allowed in a mail header");
}

std::string format_address(const MailAddress& a) {
  require_header_safe("mail address", a.address, "\r\n<>\" ,");
  if (a.address.empty()) throw std::invalid_argument("mail address is empty");
  if (a.name.empty()) return "<" + a.address + ">";
  std::string name;
  if (printable_ascii(a.name)) {
    name = "\"";
    for (char c : a.name) {
      if (c == '"' || c == '\\') name.push_back('\\');
      name.push_back(c);
    }
    name += "\"";
  } else {
    name = encode_rfc2047(a.name);
  }
  return name + " <" + a.address + ">";
}

// RFC 5322 date-time in UTC: "Wed, 25 Nov 2026 02:40:00 +0000".
std::string format_date(Timestamp t) {
  static constexpr const char* kDays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};  // 1970-01-01: Thu
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::int64_t days = t.unix_ms >= 0 ? t.unix_ms / 86'400'000 : (t.unix_ms - 86'399'999) / 86'400'000;
  std::string iso = format_rfc3339(t);  // "2026-11-25T02:40:00.000Z"
  int month = std::stoi(iso.substr(5, 2));
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %s %s %s %s +0000", kDays[((days % 7) + 7) % 7], iso.substr(8, 2).c_str(),
                kMonths[month - 1], iso.substr(0, 4).c_str(), iso.substr(11, 8).c_str());
  return buf;
}

struct Upload {
  std::string_view data;
  std::size_t sent = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* up = static_cast<Upload*>(user);
  std::size_t n = std::min(size * count, up->data.size() - up->sent);
  std::copy_n(up->data.data() + up->sent, n, buffer);
  up->sent += n;
  return n;
}

}  // namespace

MailContent render_shipment_mail(ShipmentNewsKind kind, MailLanguage language, const ShipmentNews& news) {
  const Template& t = template_for(kind, language);
  TemplateValues values{{"order_reference", news.order_reference},
                        {"carrier", news.carrier},
                        {"tracking_number", news.tracking_number},
                        {"latest_event", news.latest_event}};
  // The subject is one line: a value's line breaks would otherwise end it early.
  TemplateValues one_line = values;
  for (auto& [name, value] : one_line)
    for (char& c : value)
      if (c == '\r' || c == '\n') c = ' ';
  return MailContent{render_template(t.subject, one_line, Escaping::none),
                     render_template(t.text, values, Escaping::none)};
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string render_template(std::string_view tmpl, const TemplateValues& values, Escaping escaping) {
  std::string out;
  std::size_t pos = 0;
  while (pos < tmpl.size()) {
    std::size_t open = tmpl.find("{{", pos);
    if (open == std::string_view::npos) break;
    std::size_t close = tmpl.find("}}", open + 2);
    if (close == std::string_view::npos) throw std::invalid_argument("template: unclosed {{");
    out.append(tmpl.substr(pos, open - pos));
    std::string_view name = tmpl.substr(open + 2, close - open - 2);
    auto it = values.find(name);
    if (it == values.end()) throw std::invalid_argument("template: no value for {{" + std::string(name) + "}}");
    out += escaping == Escaping::html ? html_escape(it->second) : it->second;
    pos = close + 2;
  }
  out.append(tmpl.substr(pos));
  return out;
}

std::string encode_rfc2047(std::string_view text) {
  if (printable_ascii(text)) return std::string(text);
  // 45 bytes → 60 base64 characters + "=?UTF-8?B?" and "?=" = 72 ≤ 75.
  constexpr std::size_t kChunk = 45;
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = std::min(text.size(), pos + kChunk);
    // Back off to a character start: continuation bytes are 10xxxxxx.
    while (end < text.size() && end > pos && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(text.substr(pos, end - pos)) + "?=";
    pos = end;
  }
  return out;
}

std::string format_mail(const MailMessage& m) {
  require_header_safe("message id", m.message_id, "\r\n");
  std::string body;
  for (std::size_t i = 0; i < m.text.size(); ++i) {
    if (m.text[i] == '\n' && (i == 0 || m.text[i - 1] != '\r')) body.push_back('\r');
    body.push_back(m.text[i]);
  }
  std::string encoded = base64(body);
  std::string out;
  out += "From: " + format_address(m.from) + "\r\n";
  out += "To: " + format_address(m.to) + "\r\n";
  out += "Subject: " + encode_rfc2047(m.subject) + "\r\n";
  out += "Date: " + format_date(m.date) + "\r\n";
  if (!m.message_id.empty()) out += "Message-ID: " + m.message_id + "\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: base64\r\n";
  out += "\r\n";
  for (std::size_t i = 0; i < encoded.size(); i += 76) out += encoded.substr(i, 76) + "\r\n";
  return out;
}

MailSendResult send_mail(std::string_view smtp_url, std::string_view from, std::string_view to,
                         std::string_view message, std::int64_t timeout_ms) {
  MailSendResult result;
  timeout_ms = std::max<std::int64_t>(timeout_ms, 1);  // curl reads 0 as "no limit"
  require_header_safe("envelope address", from, "\r\n<>");
  require_header_safe("envelope address", to, "\r\n<>");
  curl_handle::global_init();
  CURL* curl = curl_easy_init();
  if (!curl) throw std::runtime_error("curl_easy_init failed");
  std::string url(smtp_url);
  std::string mail_from = "<" + std::string(from) + ">";
  CurlSlist recipients;
  recipients.append("<" + std::string(to) + ">");
  Upload upload{message};
  char error[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_ms));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeout_ms));
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  auto start = std::chrono::steady_clock::now();
  CURLcode rc = curl_easy_perform(curl);
  result.elapsed_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result.smtp_status);
  result.sent = rc == CURLE_OK && result.smtp_status >= 200 && result.smtp_status < 300;
  if (rc != CURLE_OK)
    result.error = error[0] ? error : curl_easy_strerror(rc);
  else if (!result.sent)
    result.error = "SMTP " + std::to_string(result.smtp_status);
  curl_easy_cleanup(curl);  // sends QUIT
  return result;
}

}  // namespace daifa::integrations
