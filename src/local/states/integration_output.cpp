#include "local/states/integration_output.hpp"

#include <fmt/format.h>

#include <chrono>

#include "hoplite/core/hex.hpp"
#include "hoplite/core/sha256.hpp"
#include "local/ids.hpp"

namespace hoplite::local::states {
namespace {

using nlohmann::json;

// `Sun, 06 Nov 1994 08:49:37 GMT` (the HTTP Date header), from the civil date of `t` in UTC.
std::string http_date(core::TimePoint t) {
  static constexpr const char* kDays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};  // 1970-01-01: Thu
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto days = std::chrono::floor<std::chrono::days>(t);
  std::chrono::year_month_day ymd{days};
  std::chrono::hh_mm_ss hms{std::chrono::floor<std::chrono::seconds>(t - days)};
  std::int64_t n = days.time_since_epoch().count();
  return fmt::format("{}, {:02d} {} {:04d} {:02d}:{:02d}:{:02d} GMT", kDays[((n % 7) + 7) % 7],
                     static_cast<unsigned>(ymd.day()), kMonths[static_cast<unsigned>(ymd.month()) - 1],
                     static_cast<int>(ymd.year()), hms.hours().count(), hms.minutes().count(), hms.seconds().count());
}

}  // namespace

void fail_with(const sfn::TaskHandle& handle, const ServiceNames& service, const core::Error& e,
               const std::string& request_id) {
  std::string code = e.code.empty() ? "InternalFailure" : e.code;
  std::string error = fmt::format("{}.{}", service.error_prefix, code);
  if (!code.ends_with("Exception")) error += "Exception";
  handle.failed(error, fmt::format("{} (Service: {}; Status Code: {}; Error Code: {}; Request ID: {}; Proxy: null)",
                                   e.message, service.sdk_name, e.http_status.value_or(400), code, request_id));
}

void add_sdk_metadata(json& output, const ServiceNames& service, const std::string& request_id, std::size_t body_length,
                      core::TimePoint now) {
  std::string date = http_date(now);
  std::string length = std::to_string(body_length);
  std::string type(service.content_type);
  output["SdkHttpMetadata"] = json{{"AllHttpHeaders",
                                    {{"x-amzn-RequestId", json::array({request_id})},
                                     {"connection", json::array({"keep-alive"})},
                                     {"Content-Length", json::array({length})},
                                     {"Date", json::array({date})},
                                     {"Content-Type", json::array({type})}}},
                                   {"HttpHeaders",
                                    {{"connection", "keep-alive"},
                                     {"Content-Length", length},
                                     {"Content-Type", type},
                                     {"Date", date},
                                     {"x-amzn-RequestId", request_id}}},
                                   {"HttpStatusCode", 200}};
  output["SdkResponseMetadata"] = {{"RequestId", request_id}};
}

CallContext call_context(const sfn::TaskRequest& r, core::TimePoint now) {
  // `arn:aws:iam::<account>:role/<path/>Name` acts as `arn:aws:sts::<account>:assumed-role/Name/<session>`.
  std::string role_name = r.role_arn.substr(r.role_arn.rfind('/') + 1);
  std::string session = core::to_hex(core::sha256(r.execution_arn)).substr(0, 32);
  return CallContext{.request_id = request_id(),
                     .region = r.region,
                     .principal = auth::Principal{.account_id = r.account,
                                                  .arn = fmt::format("arn:aws:sts::{}:assumed-role/{}/{}", r.account,
                                                                     role_name, session),
                                                  .user_id = {},
                                                  .access_key_id = {},
                                                  .temporary = true},
                     .now = now,
                     .host = {}};
}

}  // namespace hoplite::local::states
