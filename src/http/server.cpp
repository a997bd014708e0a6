// The one file that includes cpp-httplib (0.11.4 in Debian 12). Everything the library does that
// a hoplite handler must not depend on is undone or bounded here:
//  - it routes with std::regex, and libstdc++'s matcher recurses once per character of the path:
//    the pre-routing step refuses paths over `ServerLimits::max_path_bytes` before any regex runs,
//    and a single catch-all pattern per method hands everything to our Handler;
//  - it would answer `Range` requests itself by slicing our bodies: the parsed ranges are dropped
//    so handlers (S3 GetObject) own range semantics;
//  - it reads every header line before anyone can look (one line is capped at 8 KiB, the count is
//    not): header count and size are checked right after, before the handler runs;
//  - it sets SO_REUSEPORT by default, which would let two servers share a port: only SO_REUSEADDR;
//  - its thread pool has a fixed number of workers and an unbounded queue, and a worker stays with
//    its connection while the connection idles between keep-alive requests: a client pool of
//    idle connections (an SDK's, curl's) starves everyone else until the keep-alive timeout.
//    `ConnectionQueue` replaces it: it adds workers up to a maximum, bounds the queue (a full
//    queue blocks the accept loop, so connections wait in the kernel's backlog), and while a
//    connection waits every response says `Connection: close`;
//  - it listens with a backlog of 5 (compiled into the library): the socket is put back into
//    listen with SOMAXCONN, so a burst of connections waits instead of retrying SYNs.
#include "hoplite/http/server.hpp"

#include <httplib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace hoplite::http {
namespace {

constexpr std::uint64_t kDrainLimit = 1 << 20;  // unread body bytes we read to keep a connection

std::optional<std::uint64_t> content_length(const httplib::Request& req) {
  if (!req.has_header("Content-Length")) return std::nullopt;
  std::string v = req.get_header_value("Content-Length");
  std::uint64_t n = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc{} || end != v.data() + v.size()) return std::nullopt;
  return n;
}

ServerRequest convert(const httplib::Request& req) {
  ServerRequest s;
  s.method = req.method;
  s.target = req.target.empty() ? "/" : req.target;
  // httplib keeps headers in a case-insensitive multimap: repeated names stay in arrival order,
  // which is what SigV4 needs; the order across names is lost, and nothing depends on it.
  for (const auto& [name, value] : req.headers) {
    // httplib adds these itself; they are not the peer's.
    if (name == "REMOTE_ADDR" || name == "REMOTE_PORT" || name == "LOCAL_ADDR" || name == "LOCAL_PORT") continue;
    s.headers.add(name, value);
  }
  s.remote_address = req.remote_addr;
  s.remote_port = req.remote_port;
  return s;
}

void write_response(Response&& r, const std::string& method, httplib::Response& res) {
  const bool head = method == "HEAD";
  res.status = r.status;
  std::string content_type;
  bool has_length = false;
  for (auto& [name, value] : r.headers) {
    if (iequals(name, "Content-Type")) {
      content_type = value;
    } else if (iequals(name, "Content-Length")) {
      // httplib frames bodies itself; a HEAD answer keeps the length of what a GET would send.
      if (head) {
        res.headers.emplace(name, value);
        has_length = true;
      }
    } else if (!iequals(name, "Transfer-Encoding")) {
      res.headers.emplace(name, value);
    }
  }
  if (r.stream) {
    if (content_type.empty()) content_type = "application/octet-stream";
    if (head) {
      res.set_header("Content-Type", content_type);
      if (!has_length) res.set_header("Content-Length", std::to_string(r.stream->size));
      return;
    }
    struct State {
      BodyStream stream;
      BodyReader reader;
      std::string buffer = std::string(64 * 1024, '\0');
    };
    auto state = std::make_shared<State>();
    state->stream = std::move(*r.stream);
    res.set_content_provider(static_cast<std::size_t>(state->stream.size), content_type,
                             [state](std::size_t, std::size_t length, httplib::DataSink& sink) {
                               if (!state->reader) state->reader = state->stream.open();
                               std::size_t want = std::min(length, state->buffer.size());
                               std::int64_t n = state->reader(state->buffer.data(), want);
                               // A failed or short source cuts the connection: the peer sees a
                               // truncated body, never a wrong one.
                               if (n <= 0) return false;
                               return sink.write(state->buffer.data(), static_cast<std::size_t>(n));
                             });
    return;
  }
  if (!content_type.empty()) res.set_header("Content-Type", content_type);
  if (!head) res.body = std::move(r.body);
}

/// httplib's task queue: one task is one accepted connection, served to its end by one worker.
/// Workers: `core` at the start, one more each time a connection arrives while none is free, up to
/// `max_threads`. Queue: at most `max_queued` connections; `enqueue` (the accept loop) blocks
/// while it is full.
class ConnectionQueue final : public httplib::TaskQueue {
 public:
  ConnectionQueue(std::size_t core, std::size_t max_threads, std::size_t max_queued)
      : max_threads_(std::max(core, max_threads)), max_queued_(std::max<std::size_t>(1, max_queued)) {
    std::lock_guard lock(mutex_);
    for (std::size_t i = 0; i < core; ++i) add_worker_locked();
  }
  ~ConnectionQueue() override { shutdown(); }

  void enqueue(std::function<void()> fn) override {
    std::unique_lock lock(mutex_);
    space_.wait(lock, [this] { return jobs_.size() < max_queued_ || stopping_; });
    jobs_.push_back(std::move(fn));
    if (jobs_.size() > idle_ + starting_ && workers_.size() < max_threads_) add_worker_locked();
    update_waiting_locked();
    work_.notify_one();
  }

  void shutdown() override {
    {
      std::lock_guard lock(mutex_);
      if (stopping_ && workers_.empty()) return;
      stopping_ = true;
    }
    work_.notify_all();
    space_.notify_all();
    // Workers finish the connections already queued; the accept loop has ended when httplib
    // calls this, so no more arrive.
    for (auto& t : workers_) t.join();
    workers_.clear();
  }

  /// Accepted connections that no free worker is about to take (read without the lock: a hint).
  [[nodiscard]] std::size_t waiting() const { return waiting_.load(std::memory_order_relaxed); }

 private:
  void add_worker_locked() {
    ++starting_;
    workers_.emplace_back([this] { work(); });
  }

  void update_waiting_locked() {
    std::size_t free = idle_ + starting_;
    waiting_.store(jobs_.size() > free ? jobs_.size() - free : 0, std::memory_order_relaxed);
  }

  void work() {
    std::unique_lock lock(mutex_);
    --starting_;
    for (;;) {
      ++idle_;
      work_.wait(lock, [this] { return !jobs_.empty() || stopping_; });
      --idle_;
      if (jobs_.empty()) return;  // stopping, nothing left
      std::function<void()> fn = std::move(jobs_.front());
      jobs_.pop_front();
      update_waiting_locked();
      space_.notify_one();
      lock.unlock();
      fn();
      lock.lock();
    }
  }

  const std::size_t max_threads_;
  const std::size_t max_queued_;
  std::mutex mutex_;
  std::condition_variable work_;   // a job arrived, or stopping
  std::condition_variable space_;  // the queue has room, or stopping
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> workers_;
  std::size_t idle_ = 0;      // workers waiting for a job
  std::size_t starting_ = 0;  // workers created that have not yet looked for a job
  bool stopping_ = false;
  std::atomic<std::size_t> waiting_{0};
};

}  // namespace

struct Server::Impl {
  Impl(Handler& h, ServerOptions o) : handler(h), options(std::move(o)) {}

  Handler& handler;
  ServerOptions options;
  httplib::Server http;
  std::mutex mutex;  // guards bound, port, thread
  bool bound = false;
  int port = 0;
  std::thread thread;
  int listen_fd = -1;  // the listening socket, seen by the socket-options hook before bind
  // The running listen loop's queue (httplib owns and deletes it when the loop ends); read by
  // handlers, which run only while the loop's queue exists.
  std::atomic<ConnectionQueue*> queue{nullptr};

  void serve(const httplib::Request& req, httplib::Response& res, RequestBody body) {
    ServerRequest sreq = convert(req);
    sreq.body = std::move(body);
    Response r;
    try {
      r = handler.handle(sreq);
    } catch (const std::exception&) {
      r = make_response(500, "internal server error\n", "text/plain");
    }
    // A body the handler left unread would be parsed as the next request: read it away, or
    // close the connection when it is too large to be worth reading.
    if (!sreq.body.drain(kDrainLimit)) r.headers.set("Connection", "close");
    // Connections are waiting for a worker: this one goes back to the client's pool closed, and
    // the worker takes the next connection instead of idling on this one until it speaks again.
    if (ConnectionQueue* q = queue.load(std::memory_order_relaxed); q != nullptr && q->waiting() > 0)
      r.headers.set("Connection", "close");
    write_response(std::move(r), req.method, res);
  }

  void configure() {
    http.new_task_queue = [this] {
      auto* q = new ConnectionQueue(std::max<std::size_t>(1, options.threads), options.max_threads,
                                    options.max_queued_connections);
      queue.store(q);
      return q;
    };
    http.set_socket_options([this](socket_t sock) {
      int yes = 1;
      ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
      listen_fd = sock;
    });
    // Small request/response exchanges on loopback: Nagle plus delayed ACK would add 40 ms.
    http.set_tcp_nodelay(true);
    http.set_read_timeout(static_cast<time_t>(options.read_timeout.count()), 0);
    http.set_write_timeout(static_cast<time_t>(options.read_timeout.count()), 0);
    http.set_keep_alive_timeout(static_cast<time_t>(options.keep_alive_timeout.count()));
    http.set_keep_alive_max_count(options.keep_alive_max_requests);
    http.set_payload_max_length(static_cast<std::size_t>(options.limits.max_body_bytes));
    http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      // httplib parsed `Range` for its own use; the handler decides what a range means. The
      // request object is httplib's own non-const local, handed to us as const.
      const_cast<httplib::Request&>(req).ranges.clear();
      ServerRequest probe = convert(req);
      probe.body = RequestBody(nullptr, content_length(req));
      if (auto refused = refuse_over_limits(probe, options.limits)) {
        write_response(std::move(*refused), req.method, res);
        return httplib::Server::HandlerResponse::Handled;
      }
      return httplib::Server::HandlerResponse::Unhandled;
    });
    http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
      res.status = 500;
      res.set_content("internal server error\n", "text/plain");
    });
    auto no_body = [this](const httplib::Request& req, httplib::Response& res) { serve(req, res, RequestBody()); };
    auto with_body = [this](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
      // Neither a length nor chunked: the body is empty (RFC 9112 6.3), as in `curl -X PUT URL`
      // (an S3 CreateBucket); httplib would hand the handler a reader that fails at once.
      if (!req.has_header("Content-Length") && !req.has_header("Transfer-Encoding")) {
        serve(req, res, RequestBody(std::string()));
        return;
      }
      RequestBody body(
          [&reader](const RequestBody::Sink& sink) {
            return reader([&sink](const char* data, std::size_t n) { return sink(std::string_view(data, n)); });
          },
          content_length(req));
      serve(req, res, std::move(body));
    };
    // One catch-all route per method; our Handler does the routing. ".*" is matched against a
    // path the pre-routing step has already bounded.
    http.Get(".*", no_body);  // GET and HEAD
    http.Options(".*", no_body);
    http.Post(".*", with_body);
    http.Put(".*", with_body);
    http.Patch(".*", with_body);
    http.Delete(".*", with_body);
  }

  core::Result<void> bind_locked() {
    if (bound) return core::ok();
    if (options.port == 0) {
      port = http.bind_to_any_port("127.0.0.1");
      if (port < 0)
        return core::fail(
            core::Error{"http.bind", "cannot listen on 127.0.0.1 (no free port)", std::nullopt, false, {}});
    } else {
      if (!http.bind_to_port("127.0.0.1", options.port))
        return core::fail(core::Error{
            "http.bind",
            "cannot listen on 127.0.0.1:" + std::to_string(options.port) + " (is another server using the port?)",
            std::nullopt,
            false,
            {}});
      port = options.port;
    }
    // httplib listened with a backlog of 5; listen() again on the bound socket only raises it.
    if (listen_fd >= 0) ::listen(listen_fd, SOMAXCONN);
    bound = true;
    return core::ok();
  }
};

Server::Server(Handler& handler, ServerOptions options) : impl_(std::make_unique<Impl>(handler, std::move(options))) {
  impl_->configure();
}

Server::~Server() { stop(); }

core::Result<void> Server::bind() {
  std::lock_guard lock(impl_->mutex);
  return impl_->bind_locked();
}

core::Result<void> Server::run() {
  {
    std::lock_guard lock(impl_->mutex);
    if (auto b = impl_->bind_locked(); !b) return b;
  }
  const bool listened = impl_->http.listen_after_bind();
  impl_->queue.store(nullptr);
  if (!listened)
    return core::fail(core::Error{"http.listen", "the server stopped with an error", std::nullopt, false, {}});
  return core::ok();
}

core::Result<void> Server::start() {
  std::lock_guard lock(impl_->mutex);
  if (impl_->thread.joinable()) return core::ok();
  if (auto b = impl_->bind_locked(); !b) return b;
  impl_->thread = std::thread([this] {
    impl_->http.listen_after_bind();
    impl_->queue.store(nullptr);
  });
  // The socket already listens (connections queue); wait until the accept loop runs so that
  // stop() right after start() cannot race with the loop's start.
  while (!impl_->http.is_running()) std::this_thread::sleep_for(std::chrono::microseconds(200));
  return core::ok();
}

void Server::stop() {
  impl_->http.stop();
  std::thread t;
  {
    std::lock_guard lock(impl_->mutex);
    t = std::move(impl_->thread);
  }
  if (t.joinable() && t.get_id() != std::this_thread::get_id()) t.join();
}

int Server::port() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->port;
}

}  // namespace hoplite::http
