#pragma once
/// \file The server side of AWS's REST-JSON protocol (Lambda): an operation is a method and a path
/// template (`GET /2015-03-31/functions/{FunctionName}`), its input the percent-decoded path
/// parameters, the query string and a JSON body; its output a status and a JSON body; its errors
/// the `x-amzn-ErrorType` dialect (aws/error_response.hpp).
///
/// **Example**:
/// \code
///   api_.add("GET", "/2015-03-31/functions/{FunctionName}", "GetFunction",
///            [this](const RestJsonRequest& in, CallContext& ctx) -> core::Result<RestJsonResponse> { … });
/// \endcode

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "hoplite/core/percent.hpp"
#include "local/service.hpp"

namespace hoplite::local {

/// One decoded REST-JSON request.
struct RestJsonRequest {
  std::map<std::string, std::string, std::less<>> path;  ///< `{Name}` segments, percent-decoded
  std::vector<core::FormField> query;                    ///< decoded query parameters, in order
  nlohmann::json body = nlohmann::json::object();        ///< `{}` for an empty body

  /// The first query parameter `name`, or nullopt.
  [[nodiscard]] std::optional<std::string> query_value(std::string_view name) const;
  /// Every value of a repeated query parameter (`tagKeys=a&tagKeys=b`).
  [[nodiscard]] std::vector<std::string> query_values(std::string_view name) const;
  /// The path parameter `name` ("" when the template has none).
  [[nodiscard]] const std::string& path_value(std::string_view name) const;
};

/// What an operation answers: its status and, unless null, a JSON body.
struct RestJsonResponse {
  int status = 200;
  nlohmann::json body;
};

/// Dispatches the REST-JSON calls of one service by method and path.
class RestJsonApi {
 public:
  using Operation = std::function<core::Result<RestJsonResponse>(const RestJsonRequest&, CallContext&)>;

  /// `bad_body_code`: the service's error for a body that is not a JSON object (Lambda:
  /// InvalidRequestContentException).
  RestJsonApi(const ServiceSpec& spec, std::string bad_body_code)
      : spec_(spec), bad_body_code_(std::move(bad_body_code)) {}

  /// `path` is literal segments and `{Name}` parameters; a trailing `/` is part of the template.
  RestJsonApi& add(std::string method, std::string_view path, std::string operation, Operation op);

  /// A path no template matches is UnknownOperationException (404); a parameter that does not
  /// percent-decode is a 400.
  http::Response handle(Call& call) const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;  ///< literal, or `{Name}`
    std::string operation;
    Operation op;
  };

  const ServiceSpec& spec_;
  std::string bad_body_code_;
  std::vector<Route> routes_;
};

}  // namespace hoplite::local
