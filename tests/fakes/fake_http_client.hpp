#pragma once
/// \file A scripted `http::Client` for tests (STYLE.md G2): records every request, answers from a
/// queue of scripted results or from a handler function.

#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "hoplite/http/client.hpp"

namespace hoplite::testing {

/// Answers requests without a network. Order of precedence for each request: the next entry of
/// `responses` (popped), else `handler`, else an error `fake.unscripted` so a test
/// that sends more requests than it scripted fails loudly.
///
/// Streamed bodies are read (through `open()`) and stored in the recorded request's `body`, so tests
/// can assert on what would have been uploaded; `stream` is kept as well.
class FakeHttpClient : public http::Client {
 public:
  /// Every request sent, in order.
  std::vector<http::Request> requests;
  /// Scripted results, consumed front to back.
  std::deque<core::Result<http::Response>> responses;
  /// Used when `responses` is empty; default: none.
  std::function<core::Result<http::Response>(const http::Request&)> handler;

  core::Result<http::Response> send(const http::Request& request) override;

  /// Queues a response with `status`, `body` and headers.
  void respond(int status, std::string body = {}, http::Headers headers = {});
  /// Queues a transport failure (`http.transport`).
  void fail_transport(std::string message, bool retryable = true);

 private:
  std::mutex mutex_;
};

}  // namespace hoplite::testing
