#include "fakes/fault_proxy.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <optional>
#include <stdexcept>

#include "hoplite/core/sha256.hpp"

namespace hoplite::testing {
namespace {

bool send_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

void set_timeouts(int fd) {
  timeval tv{30, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

/// The head (request or status line plus headers) split into lines.
std::vector<std::string> head_lines(const std::string& head) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < head.size()) {
    auto end = head.find("\r\n", start);
    if (end == std::string::npos) end = head.size();
    if (end > start) lines.push_back(head.substr(start, end - start));
    start = end + 2;
  }
  return lines;
}

std::optional<std::string> header_value(const std::vector<std::string>& lines, const std::string& name) {
  for (std::size_t i = 1; i < lines.size(); ++i) {
    auto colon = lines[i].find(':');
    if (colon != std::string::npos && lower(lines[i].substr(0, colon)) == name) {
      auto v = lines[i].substr(colon + 1);
      while (!v.empty() && v.front() == ' ') v.erase(0, 1);
      return v;
    }
  }
  return std::nullopt;
}

}  // namespace

FaultProxy::FaultProxy(int upstream_port) : upstream_port_(upstream_port) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listen_fd_, 64) != 0)
    throw std::runtime_error("fault proxy: cannot listen");
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

FaultProxy::~FaultProxy() {
  stopping_ = true;
  ::shutdown(listen_fd_, SHUT_RDWR);
  ::close(listen_fd_);
  acceptor_.join();
  std::vector<std::thread> workers;
  {
    std::lock_guard lock(mutex_);
    workers.swap(workers_);
  }
  for (auto& t : workers) t.join();
}

void FaultProxy::add_fault(Fault fault) {
  std::lock_guard lock(mutex_);
  faults_.push_back(std::move(fault));
}

std::vector<std::string> FaultProxy::log() const {
  std::lock_guard lock(mutex_);
  return log_;
}

void FaultProxy::clear_log() {
  std::lock_guard lock(mutex_);
  log_.clear();
}

int FaultProxy::count(const std::string& method, const std::string& path_contains) const {
  std::lock_guard lock(mutex_);
  int n = 0;
  for (const auto& line : log_)
    if (line.starts_with(method + " ") && line.find(path_contains) != std::string::npos) ++n;
  return n;
}

void FaultProxy::accept_loop() {
  while (!stopping_) {
    int client = ::accept(listen_fd_, nullptr, nullptr);
    if (client < 0) {
      if (stopping_) return;
      continue;
    }
    std::lock_guard lock(mutex_);
    workers_.emplace_back([this, client] {
      serve(client);
      ::close(client);
    });
  }
}

void FaultProxy::serve(int client) {
  set_timeouts(client);
  // Read the request head.
  std::string data;
  char buf[65536];
  std::size_t head_end;
  while ((head_end = data.find("\r\n\r\n")) == std::string::npos) {
    ssize_t n = ::recv(client, buf, sizeof buf, 0);
    if (n <= 0) return;
    data.append(buf, static_cast<std::size_t>(n));
  }
  std::string head = data.substr(0, head_end);
  std::string body = data.substr(head_end + 4);
  auto lines = head_lines(head);
  if (lines.empty()) return;
  auto sp1 = lines[0].find(' ');
  auto sp2 = lines[0].find(' ', sp1 + 1);
  std::string method = lines[0].substr(0, sp1);
  std::string target = lines[0].substr(sp1 + 1, sp2 - sp1 - 1);
  std::string path = target.substr(0, target.find('?'));
  std::size_t length = 0;
  if (auto cl = header_value(lines, "content-length")) length = std::stoull(*cl);
  if (header_value(lines, "transfer-encoding")) {
    send_all(client, "HTTP/1.1 501 Not Implemented\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    return;
  }

  std::optional<Fault> fault;
  {
    std::lock_guard lock(mutex_);
    for (auto it = faults_.begin(); it != faults_.end(); ++it) {
      if (it->method == method && path.find(it->path_contains) != std::string::npos) {
        if (it->skip-- > 0) continue;
        fault = *it;
        faults_.erase(it);
        break;
      }
    }
  }
  auto record = [&](const std::string& status) {
    std::lock_guard lock(mutex_);
    log_.push_back(method + " " + path + " " + status);
  };

  if (fault && fault->kind == Fault::Kind::kDrop) {
    while (body.size() < length / 2) {
      ssize_t n = ::recv(client, buf, std::min(sizeof buf, length / 2 - body.size() + 1), 0);
      if (n <= 0) break;
      body.append(buf, static_cast<std::size_t>(n));
    }
    record("dropped");
    ::shutdown(client, SHUT_RDWR);
    return;
  }
  while (body.size() < length) {
    ssize_t n = ::recv(client, buf, sizeof buf, 0);
    if (n <= 0) return;
    body.append(buf, static_cast<std::size_t>(n));
  }
  if (fault && fault->kind == Fault::Kind::kStatus) {
    std::string payload = R"({"errors":[{"code":"UNKNOWN","message":"injected by fault proxy"}]})";
    record(std::to_string(fault->status));
    send_all(client, "HTTP/1.1 " + std::to_string(fault->status) +
                         " Injected\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
                         std::to_string(payload.size()) + "\r\n\r\n" + payload);
    return;
  }

  // Forward on a fresh upstream connection that the upstream closes after answering.
  int up = ::socket(AF_INET, SOCK_STREAM, 0);
  set_timeouts(up);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(upstream_port_));
  if (::connect(up, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(up);
    record("502");
    send_all(client, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    return;
  }
  std::string out = lines[0] + "\r\n";
  for (std::size_t i = 1; i < lines.size(); ++i) {
    auto name = lower(lines[i].substr(0, lines[i].find(':')));
    if (name != "connection" && name != "keep-alive") out += lines[i] + "\r\n";
  }
  out += "Connection: close\r\n\r\n";
  bool sent = send_all(up, out) && send_all(up, body);
  std::string response;
  while (sent) {
    ssize_t n = ::recv(up, buf, sizeof buf, 0);
    if (n <= 0) break;
    response.append(buf, static_cast<std::size_t>(n));
  }
  ::close(up);
  auto resp_head_end = response.find("\r\n\r\n");
  if (resp_head_end == std::string::npos) {
    record("upstream-failed");
    return;
  }
  auto resp_lines = head_lines(response.substr(0, resp_head_end));
  std::string status = resp_lines[0].substr(resp_lines[0].find(' ') + 1, 3);
  // Rebuild the head: the client must not reuse this connection, and a fault may rewrite the digest.
  bool wrong_digest = fault && fault->kind == Fault::Kind::kWrongDigest;
  std::string rebuilt = resp_lines[0] + "\r\n";
  for (std::size_t i = 1; i < resp_lines.size(); ++i) {
    auto name = lower(resp_lines[i].substr(0, resp_lines[i].find(':')));
    if (name == "connection" || name == "keep-alive") continue;
    if (name == "docker-content-digest" && wrong_digest) {
      rebuilt += "Docker-Content-Digest: sha256:" + core::sha256_hex("not the content") + "\r\n";
    } else {
      rebuilt += resp_lines[i] + "\r\n";
    }
  }
  response = rebuilt + "Connection: close\r\n\r\n" + response.substr(resp_head_end + 4);
  // Logged before the client can see the answer: a test that checks the log right after its
  // request returns must find the line.
  record(status);
  send_all(client, response);
}

}  // namespace hoplite::testing
