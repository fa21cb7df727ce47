#include "support/http_client.h"

#include <chrono>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <utility>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/parse.hpp>

namespace daifa::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

std::string_view to_std(beast::string_view s) { return {s.data(), s.size()}; }

// Runs one asynchronous operation to completion on a private io_context. The operations are
// asynchronous only because Beast's timeouts (tcp_stream::expires_after) work for those alone.
template <class Start>
beast::error_code run(asio::io_context& ioc, Start&& start) {
  beast::error_code result = asio::error::would_block;
  std::forward<Start>(start)([&result](beast::error_code ec, auto&&...) { result = ec; });
  ioc.restart();
  ioc.run();
  return result;
}

tcp::resolver::results_type resolve(asio::io_context& ioc, const std::string& host, std::uint16_t port) {
  tcp::resolver resolver(ioc);
  return resolver.resolve(host, std::to_string(port), tcp::resolver::numeric_service);
}

// The cookie's name and value from a Set-Cookie line, and whether the line deletes it.
struct SetCookie {
  std::string name;
  std::string value;
  bool remove = false;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::optional<SetCookie> parse_set_cookie(std::string_view line) {
  auto semi = line.find(';');
  std::string_view pair = trim(line.substr(0, semi));
  auto eq = pair.find('=');
  if (eq == std::string_view::npos || eq == 0) return std::nullopt;
  SetCookie out{std::string(trim(pair.substr(0, eq))), std::string(trim(pair.substr(eq + 1)))};
  std::string_view attributes = semi == std::string_view::npos ? std::string_view{} : line.substr(semi + 1);
  while (!attributes.empty()) {
    auto next = attributes.find(';');
    std::string_view attribute = trim(attributes.substr(0, next));
    attributes = next == std::string_view::npos ? std::string_view{} : attributes.substr(next + 1);
    auto aeq = attribute.find('=');
    std::string_view key = trim(attribute.substr(0, aeq));
    std::string_view value = aeq == std::string_view::npos ? std::string_view{} : trim(attribute.substr(aeq + 1));
    if (beast::iequals(key, "Max-Age") && !value.empty() && (value == "0" || value.front() == '-')) {
      out.remove = true;
    }
    // Expires in the past also deletes; servers that delete send the epoch.
    if (beast::iequals(key, "Expires") && value.find("1970") != std::string_view::npos) out.remove = true;
  }
  return out;
}

}  // namespace

std::optional<std::string_view> HttpResult::header(std::string_view name) const {
  auto it = headers.find(name);
  if (it == headers.end()) return std::nullopt;
  return std::string_view(it->second);
}

boost::json::value HttpResult::json() const { return boost::json::parse(body); }

struct HttpClient::Connection {
  asio::io_context ioc;
  std::optional<beast::tcp_stream> stream;
  beast::flat_buffer buffer;

  void close() {
    if (stream) {
      beast::error_code ignored;
      stream->socket().shutdown(tcp::socket::shutdown_both, ignored);
      stream->socket().close(ignored);
    }
    stream.reset();
    buffer.clear();
  }
};

HttpClient::HttpClient(std::uint16_t port, std::string host)
    : port_(port), host_(std::move(host)), connection_(std::make_unique<Connection>()) {}

HttpClient::~HttpClient() = default;
HttpClient::HttpClient(HttpClient&&) noexcept = default;
HttpClient& HttpClient::operator=(HttpClient&&) noexcept = default;

HttpResult HttpClient::get(std::string_view target, const daifa::http::Headers& headers) {
  return request("GET", target, {}, headers);
}
HttpResult HttpClient::post(std::string_view target, std::string_view body, const daifa::http::Headers& headers) {
  return request("POST", target, body, headers);
}
HttpResult HttpClient::patch(std::string_view target, std::string_view body, const daifa::http::Headers& headers) {
  return request("PATCH", target, body, headers);
}
HttpResult HttpClient::del(std::string_view target, const daifa::http::Headers& headers) {
  return request("DELETE", target, {}, headers);
}

std::optional<std::string> HttpClient::cookie(std::string_view name) const {
  auto it = cookies_.find(std::string(name));
  if (it == cookies_.end()) return std::nullopt;
  return it->second;
}

void HttpClient::clear_cookies() { cookies_.clear(); }

void HttpClient::set_header(std::string name, std::string value) {
  headers_.insert_or_assign(std::move(name), std::move(value));
}

void HttpClient::remove_header(std::string_view name) {
  if (auto it = headers_.find(name); it != headers_.end()) headers_.erase(it);
}

std::optional<std::string> HttpClient::default_header(std::string_view name) const {
  auto it = headers_.find(name);
  if (it == headers_.end()) return std::nullopt;
  return it->second;
}

void HttpClient::disconnect() {
  if (connection_) connection_->close();
}

HttpResult HttpClient::request(std::string_view method, std::string_view target, std::string_view body,
                               const daifa::http::Headers& headers) {
  if (!connection_) connection_ = std::make_unique<Connection>();  // after a move from this client
  return exchange(method, target, body, headers);
}

HttpResult HttpClient::exchange(std::string_view method, std::string_view target, std::string_view body,
                                const daifa::http::Headers& headers) {
  bhttp::request<bhttp::string_body> req;
  req.method_string(method);
  req.target(target);
  req.version(11);
  req.set(bhttp::field::host, host_ + ":" + std::to_string(port_));
  for (const auto& [name, value] : headers_) req.set(name, value);
  for (const auto& [name, value] : headers) req.set(name, value);
  if (!body.empty() && req.find(bhttp::field::content_type) == req.end()) {
    req.set(bhttp::field::content_type, "application/json");
  }
  if (!cookies_.empty() && req.find(bhttp::field::cookie) == req.end()) {
    std::string jar;
    for (const auto& [name, value] : cookies_) {
      if (!jar.empty()) jar += "; ";
      jar += name + "=" + value;
    }
    req.set(bhttp::field::cookie, jar);
  }
  req.body() = std::string(body);
  req.prepare_payload();

  Connection& conn = *connection_;
  const std::string what = std::string(method) + " " + std::string(target);
  for (int attempt = 0;; ++attempt) {
    const bool reused = conn.stream.has_value();
    if (!reused) {
      conn.stream.emplace(conn.ioc);
      conn.stream->expires_after(std::chrono::milliseconds(kRequestTimeoutMs));
      auto endpoints = resolve(conn.ioc, host_, port_);
      auto ec = run(conn.ioc, [&](auto handler) { conn.stream->async_connect(endpoints, std::move(handler)); });
      if (ec) {
        conn.close();
        throw std::system_error(ec, "connect for " + what);
      }
    }
    conn.stream->expires_after(std::chrono::milliseconds(kRequestTimeoutMs));
    auto ec = run(conn.ioc, [&](auto handler) { bhttp::async_write(*conn.stream, req, std::move(handler)); });

    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(boost::none);
    if (req.method() == bhttp::verb::head) parser.skip(true);
    if (!ec) {
      ec = run(conn.ioc,
               [&](auto handler) { bhttp::async_read(*conn.stream, conn.buffer, parser, std::move(handler)); });
    }
    if (ec) {
      conn.close();
      // A kept-alive connection the server had already closed (idle timeout, its own restart)
      // fails before any byte of an answer: that is worth one fresh try.
      const bool stale = ec == bhttp::error::end_of_stream || ec == asio::error::connection_reset ||
                         ec == asio::error::broken_pipe || ec == asio::error::eof;
      if (reused && attempt == 0 && stale && !parser.got_some()) continue;
      throw std::system_error(ec, what);
    }

    auto& res = parser.get();
    HttpResult result;
    result.status = static_cast<int>(res.result_int());
    for (const auto& field : res) {
      std::string name(to_std(field.name_string()));
      std::string_view value = to_std(field.value());
      if (field.name() == bhttp::field::set_cookie) {
        if (auto cookie = parse_set_cookie(value)) {
          if (cookie->remove) {
            cookies_.erase(cookie->name);
          } else {
            cookies_.insert_or_assign(cookie->name, cookie->value);
          }
        }
      }
      auto [it, inserted] = result.headers.try_emplace(name, value);
      if (!inserted) it->second.append(field.name() == bhttp::field::set_cookie ? "\n" : ", ").append(value);
    }
    result.body = std::move(res.body());
    if (!res.keep_alive()) conn.close();
    return result;
  }
}

std::string raw_exchange(std::uint16_t port, std::string_view bytes, int timeout_ms) {
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  // One deadline for the whole exchange: connect, write and every read.
  stream.expires_after(std::chrono::milliseconds(timeout_ms));
  auto endpoints = resolve(ioc, "127.0.0.1", port);
  auto ec = run(ioc, [&](auto handler) { stream.async_connect(endpoints, std::move(handler)); });
  if (ec) throw std::system_error(ec, "raw_exchange: connect");
  // A write error is not the end: the server may have answered and closed before taking every byte.
  run(ioc,
      [&](auto handler) { asio::async_write(stream, asio::buffer(bytes.data(), bytes.size()), std::move(handler)); });
  std::string received;
  char chunk[16 * 1024];
  for (;;) {
    std::size_t got = 0;
    ec = run(ioc, [&](auto handler) {
      stream.async_read_some(asio::buffer(chunk),
                             [&got, handler = std::move(handler)](beast::error_code e, std::size_t n) mutable {
                               got = n;
                               handler(e, n);
                             });
    });
    received.append(chunk, got);
    if (ec) break;
  }
  beast::error_code ignored;
  stream.socket().close(ignored);
  return received;
}

}  // namespace daifa::testing
