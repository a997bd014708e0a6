// The core codecs and text helpers, with the properties they promise.
#include <nlohmann/json.hpp>

#include "fuzz_input.hpp"
#include "hoplite/core/base64.hpp"
#include "hoplite/core/json.hpp"
#include "hoplite/core/percent.hpp"
#include "hoplite/core/terminal_text.hpp"
#include "hoplite/core/time_format.hpp"
#include "hoplite/http/url.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hoplite;
  std::string_view in = fuzz::text(data, size);
  fuzz::check(core::percent_decode(core::percent_encode(in)) == in);
  fuzz::check(core::percent_decode_strict(core::percent_encode_path(in)) == std::string(in));
  (void)core::form_decode(in);
  fuzz::check(core::base64_decode(core::base64_encode(in)) == std::string(in));
  (void)core::base64_decode(in);
  std::string safe = core::terminal_safe(in, 256);
  for (char c : safe) fuzz::check(c != '\n' && c != '\r' && c != '\x1b' && c != '\0');
  if (auto t = core::parse_iso8601(in)) (void)core::format_iso8601_millis(*t);
  if (auto t = core::parse_iso8601(in, core::TimestampSyntax::rfc3339)) {
    auto again = core::parse_iso8601(core::format_iso8601(*t), core::TimestampSyntax::rfc3339);
    fuzz::check(again && core::to_epoch_seconds(*again) == core::to_epoch_seconds(*t));
  }
  (void)core::parse_http_date(in);
  (void)core::parse_duration(in);
  if (auto u = http::parse_url(in)) {
    auto again = http::parse_url(http::origin(*u) + u->path);
    fuzz::check(again && http::origin(*again) == http::origin(*u));
  }
  (void)http::is_loopback_host(in);
  (void)core::parse_json(in, "fuzz");
  return 0;
}
