#pragma once
// Test helper: a real TCP listener on 127.0.0.1 (ephemeral port) whose thread accepts connections one at a
// time and hands each socket to `serve` — the peer a test plays (a webhook receiver, the carrier aggregator,
// an SMTP server). Stopping wakes the thread through a pipe; nothing waits on a clock to synchronise.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cctype>
#include <cstring>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

namespace daifa::testing {

class LoopbackServer {
 public:
  using Serve = std::function<void(int fd)>;

  explicit LoopbackServer(Serve serve) : serve_(std::move(serve)) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (listen_fd_ < 0 || ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(listen_fd_, 16) != 0 || ::pipe(wake_) != 0)
      throw std::runtime_error("loopback server: cannot listen");
    socklen_t len = sizeof addr;
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { run(); });
  }
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;
  ~LoopbackServer() {
    stop();
    ::close(listen_fd_);
    ::close(wake_[0]);
    ::close(wake_[1]);
  }

  // Stops accepting and joins the thread (after the connection being served, if any, is done).
  void stop() {
    if (!thread_.joinable()) return;
    char c = 0;
    (void)!::write(wake_[1], &c, 1);
    thread_.join();
  }

  int port() const { return port_; }
  std::string url(const std::string& scheme, const std::string& path = "/") const {
    return scheme + "://127.0.0.1:" + std::to_string(port_) + path;
  }

 private:
  void run() {
    for (;;) {
      pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_[0], POLLIN, 0}};
      if (::poll(fds, 2, -1) < 0) return;
      if (fds[1].revents) return;
      int fd = ::accept(listen_fd_, nullptr, nullptr);
      if (fd < 0) return;
      // A bound for a broken test (a peer that never speaks), so the suite fails instead of hanging.
      timeval limit{10, 0};
      ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
      serve_(fd);
      ::close(fd);
    }
  }

  Serve serve_;
  int listen_fd_ = -1;
  int wake_[2] = {-1, -1};
  int port_ = 0;
  std::thread thread_;
};

// Reads a socket line by line or by byte count.
class SocketReader {
 public:
  explicit SocketReader(int fd) : fd_(fd) {}

  // Up to and without "\r\n"; nullopt when the peer closed first.
  std::optional<std::string> line() { return until("\r\n"); }

  std::optional<std::string> until(const std::string& end) {
    for (;;) {
      std::size_t at = buffer_.find(end);
      if (at != std::string::npos) {
        std::string out = buffer_.substr(0, at);
        buffer_.erase(0, at + end.size());
        return out;
      }
      if (!fill()) return std::nullopt;
    }
  }

  std::optional<std::string> bytes(std::size_t n) {
    while (buffer_.size() < n)
      if (!fill()) return std::nullopt;
    std::string out = buffer_.substr(0, n);
    buffer_.erase(0, n);
    return out;
  }

 private:
  bool fill() {
    char chunk[4096];
    ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }
  int fd_;
  std::string buffer_;
};

inline void send_all(int fd, const std::string& data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;
    sent += static_cast<std::size_t>(n);
  }
}

struct ReceivedRequest {
  std::string method;
  std::string target;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
};

// One HTTP/1.1 request with a Content-Length body (what libcurl sends for a POST of known size).
inline std::optional<ReceivedRequest> read_http_request(int fd) {
  SocketReader reader(fd);
  auto head = reader.until("\r\n\r\n");
  if (!head) return std::nullopt;
  ReceivedRequest req;
  std::size_t line_end = head->find("\r\n");
  std::string request_line = head->substr(0, line_end);
  std::size_t sp1 = request_line.find(' '), sp2 = request_line.rfind(' ');
  req.method = request_line.substr(0, sp1);
  req.target = request_line.substr(sp1 + 1, sp2 - sp1 - 1);
  std::size_t pos = line_end == std::string::npos ? head->size() : line_end + 2;
  while (pos < head->size()) {
    std::size_t end = head->find("\r\n", pos);
    if (end == std::string::npos) end = head->size();
    std::string line = head->substr(pos, end - pos);
    std::size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::size_t v = line.find_first_not_of(' ', colon + 1);
      req.headers[name] = v == std::string::npos ? "" : line.substr(v);
    }
    pos = end + 2;
  }
  std::size_t length = req.headers.count("content-length") ? std::stoul(req.headers["content-length"]) : 0;
  auto body = reader.bytes(length);
  if (!body) return std::nullopt;
  req.body = *body;
  return req;
}

inline std::string http_response(int status, const std::string& reason, const std::string& body) {
  return "HTTP/1.1 " + std::to_string(status) + " " + reason +
         "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\nConnection: close\r\n\r\n" + body;
}

}  // namespace daifa::testing
