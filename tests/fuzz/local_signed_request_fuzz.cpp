// libFuzzer target: a request to one of the local cloud's services, signed with the default key
// so that it gets past the signature check to the service's own decoders and operations (the
// local_request target explores the house in front of them). Input: the first line is
// `<signing name> <X-Amz-Target>` (no target: a query-protocol form body), the rest is the body.
// Whatever it is, the answer must be a response below 500.
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "hoplite/aws/sigv4.hpp"
#include "hoplite/core/clock.hpp"
#include "hoplite/http/in_process_client.hpp"
#include "hoplite/local/cloud.hpp"

namespace {

hoplite::core::FixedClock& fixed_clock() {
  static hoplite::core::FixedClock clock{hoplite::core::TimePoint{} + std::chrono::seconds(1795669700)};
  return clock;
}

hoplite::local::LocalCloud& cloud() {
  static std::unique_ptr<hoplite::local::LocalCloud> instance = [] {
    auto dir = std::filesystem::temp_directory_path() / ("hoplite-fuzz-signed-" + std::to_string(::getpid()));
    auto c = hoplite::local::LocalCloud::open({.data_dir = dir, .clock = &fixed_clock(), .request_log = false});
    if (!c) std::abort();
    return std::move(*c);
  }();
  return *instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  auto nl = rest.find('\n');
  std::string_view first = rest.substr(0, nl);
  std::string body(nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1));
  auto space = first.find(' ');
  std::string service(first.substr(0, space));
  std::string target(space == std::string_view::npos ? std::string_view{} : first.substr(space + 1));
  if (service.empty() || service.size() > 32) return 0;

  hoplite::http::Request out{"POST", "http://127.0.0.1:4566/", {}, body, {}};
  if (target.empty()) {
    out.headers.set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
  } else {
    out.headers.set("Content-Type", "application/x-amz-json-1.1");
    out.headers.set("X-Amz-Target", target);
  }
  hoplite::aws::Credentials creds{.access_key_id = "test", .secret_access_key = "test"};
  if (!hoplite::aws::sign_request(out, creds, {.service = service, .region = "us-east-1", .time = fixed_clock().now()}))
    return 0;

  hoplite::http::InProcessClient client(cloud());
  auto r = client.send(out);
  if (!r) std::abort();
  if (r->status < 200 || r->status >= 500) std::abort();
  return 0;
}
