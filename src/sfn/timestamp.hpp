#pragma once
/// \file RFC 3339 timestamps as the ASL accepts them (Wait Timestamp, Timestamp… comparisons).

#include <string_view>

namespace hoplite::sfn::detail {

/// `2016-03-14T01:59:00Z`, optional fraction, `Z` or `±hh:mm`; uppercase `T` required.
[[nodiscard]] bool is_rfc3339_timestamp(std::string_view s);

}  // namespace hoplite::sfn::detail
