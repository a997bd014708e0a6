#pragma once
/// \file The server side of the AWS query protocol (and EC2's variant): decode `Action=…&Version=…`
/// from a form body or a query string, dispatch by Action, wrap the operation's XML in the
/// `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>` envelope, render errors.
///
/// **Example** (a service's constructor):
/// \code
///   api_.add("GetCallerIdentity", [this](const QueryRequest& in, CallContext& ctx, aws::XmlWriter& out) {
///     auto r = get_caller_identity(ctx);
///     if (!r) return r.failure();
///     aws::sts::write_xml(*r, out);
///     return core::ok();
///   });
/// \endcode

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hoplite/aws/protocol_query.hpp"
#include "hoplite/aws/xml_writer.hpp"
#include "local/service.hpp"

namespace hoplite::local {

/// A decoded query-protocol request.
struct QueryRequest {
  std::string action;
  std::string version;
  /// The other parameters in the order sent (SigV4 presign parameters removed).
  aws::QueryParams params;
};

/// At most this many parameters per request (the body cap bounds them too; this bounds the work).
inline constexpr std::size_t kMaxQueryParams = 10000;

/// Decodes the form-encoded body of a POST, or the query string of any other method. Errors
/// (AWS-shaped, 400): `MalformedQueryString` for too many parameters, `MissingAction`.
core::Result<QueryRequest> decode_query_request(const Call& call);

/// Dispatches query-protocol calls of one service to its operations.
class QueryApi {
 public:
  /// Writes the operation's result members into `result` (inside `<ActionResult>`; for EC2,
  /// directly inside `<ActionResponse>`), or fails with an AWS error (see `aws_error`).
  using Operation = std::function<core::Result<void>(const QueryRequest&, CallContext&, aws::XmlWriter& result)>;

  explicit QueryApi(const ServiceSpec& spec) : spec_(spec) {}
  QueryApi& add(std::string action, Operation op);

  /// Decodes, checks Version, runs the operation and renders the response or the error. An unknown
  /// action is `InvalidAction` (400), as the real services answer.
  http::Response handle(Call& call) const;

 private:
  const ServiceSpec& spec_;
  std::map<std::string, Operation, std::less<>> operations_;
};

}  // namespace hoplite::local
