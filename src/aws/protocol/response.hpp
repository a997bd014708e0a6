#pragma once
/// \file Helpers the service clients share to read successful responses: the `<OpResult>` element of
/// a query response, a JSON body, and AWS timestamps (ISO 8601 in XML, epoch seconds in JSON,
/// both read by core/time_format.hpp).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "aws/protocol/xml.hpp"
#include "hoplite/core/clock.hpp"
#include "hoplite/core/result.hpp"
#include "hoplite/http/message.hpp"

namespace hoplite::aws::detail {

/// The `<operation>Result` element of a query response (an empty element when the operation
/// returns nothing). Errors: `aws.xml` for a body that is not XML.
core::Result<XmlElement> query_result(const http::Response& response, std::string_view operation);

/// The JSON document of a JSON-protocol response (`{}` for an empty body). Errors: `aws.json`.
core::Result<nlohmann::json> json_body(const http::Response& response, std::string_view operation);

/// Optional timestamp element of a query response (core::parse_iso8601; nullopt when unreadable).
std::optional<core::TimePoint> time_at(const XmlElement& e, std::string_view path);

/// Field accessors that tolerate absent or null members (AWS omits empty fields).
std::string str(const nlohmann::json& j, std::string_view key);
std::optional<std::string> opt_str(const nlohmann::json& j, std::string_view key);
std::optional<std::int64_t> opt_int(const nlohmann::json& j, std::string_view key);
std::optional<core::TimePoint> opt_epoch(const nlohmann::json& j, std::string_view key);
bool flag(const nlohmann::json& j, std::string_view key);
/// The array at `key`, or an empty array.
const nlohmann::json& array_at(const nlohmann::json& j, std::string_view key);

/// "true"/"false" as query responses spell booleans.
bool xml_bool(const XmlElement& e, std::string_view path);

}  // namespace hoplite::aws::detail
