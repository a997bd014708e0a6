#pragma once
/// \file
/// `Retry-After` (RFC 9110 section 10.2.3): how long a peer that answered 429 or 503 asks us
/// to wait. The retry engine honours it, capped (core/retry.hpp).

#include <optional>

#include "hoplite/core/time_format.hpp"
#include "hoplite/http/message.hpp"

namespace hoplite::http {

/// The wait `response` asks for, in milliseconds: `Retry-After: 120` (delay-seconds) or an HTTP
/// date (then relative to `now`; a date in the past is 0). nullopt when the header is absent or
/// unreadable. Values are capped at one day so that arithmetic on them cannot overflow.
[[nodiscard]] std::optional<long long> retry_after_ms(const Response& response, core::TimePoint now);

}  // namespace hoplite::http
