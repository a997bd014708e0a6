#pragma once
/// \file The server side of the AWS JSON 1.0/1.1 protocols: parse the body with a nesting cap,
/// dispatch by `X-Amz-Target: <TargetPrefix>.<Operation>`, answer JSON or a `__type` error.
///
/// **Example**:
/// \code
///   api_.add("DescribeRepositories", [this](const nlohmann::json& in, CallContext& ctx)
///              -> core::Result<nlohmann::json> { … });
/// \endcode

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "local/service.hpp"

namespace hoplite::local {

/// Deepest nesting of arrays and objects a request body may have. AWS inputs nest a few levels.
inline constexpr int kMaxJsonDepth = 64;

/// Parses a JSON request body: an object at the top (an empty body counts as `{}`), at most
/// `max_depth` levels, checked by a scan before the parser runs. Error: `SerializationException`
/// (400), what AWS JSON services answer for a body they cannot read.
core::Result<nlohmann::json> parse_json_body(std::string_view body, int max_depth = kMaxJsonDepth);

/// Dispatches JSON-protocol calls of one service to its operations.
class JsonApi {
 public:
  using Operation = std::function<core::Result<nlohmann::json>(const nlohmann::json& input, CallContext&)>;

  explicit JsonApi(const ServiceSpec& spec) : spec_(spec) {}
  JsonApi& add(std::string operation, Operation op);

  /// An unknown target is `UnknownOperationException` (400), as the real services answer.
  http::Response handle(Call& call) const;

 private:
  const ServiceSpec& spec_;
  std::map<std::string, Operation, std::less<>> operations_;
};

}  // namespace hoplite::local
