#include "local/service.hpp"

#include "hoplite/core/log.hpp"

namespace hoplite::local {

aws::ErrorDialect dialect_of(Protocol p) {
  switch (p) {
    case Protocol::query:
      return aws::ErrorDialect::query;
    case Protocol::ec2:
      return aws::ErrorDialect::ec2;
    case Protocol::json_1_0:
    case Protocol::json_1_1:
      return aws::ErrorDialect::json;
    case Protocol::rest_xml:
      return aws::ErrorDialect::rest_xml;
    case Protocol::rest_json:
      return aws::ErrorDialect::rest_json;
  }
  return aws::ErrorDialect::query;
}

core::Failure aws_error(std::string code, std::string message, int status) {
  return core::fail(core::Error{std::move(code), std::move(message), status, false, {}});
}

http::Response render_error(const ServiceSpec& spec, const core::Error& error, const std::string& request_id,
                            std::vector<std::pair<std::string, std::string>> extra) {
  aws::ServiceError e{error.code, error.message, request_id, error.http_status.value_or(400)};
  // The house's own codes are lower-case namespaces (`local.store`, `aws.json`); AWS's own may
  // have dots too (SQS: `AWS.SimpleQueueService.NonExistentQueue`) but start upper-case.
  const bool internal = error.code.find('.') != std::string::npos &&
                        (error.code.empty() || !(error.code[0] >= 'A' && error.code[0] <= 'Z'));
  if (internal) {
    core::log::error("local {}: request {} failed inside the local cloud: {}", spec.signing_name, request_id,
                     error.to_string());
    bool json = spec.protocol == Protocol::json_1_0 || spec.protocol == Protocol::json_1_1;
    // REST-JSON (Lambda) calls its internal error ServiceException.
    const char* code = spec.protocol == Protocol::rest_xml    ? "InternalError"
                       : spec.protocol == Protocol::rest_json ? "ServiceException"
                                                              : "InternalFailure";
    e = {json ? "InternalFailure" : code, "We encountered an internal error. Please try again.", request_id, 500};
    extra.clear();
  }
  aws::ErrorResponseOptions o;
  o.extra = std::move(extra);
  o.xml_namespace = spec.xml_namespace;
  o.json_version = spec.protocol == Protocol::json_1_0 ? aws::JsonVersion::v1_0 : aws::JsonVersion::v1_1;
  return aws::error_response(dialect_of(spec.protocol), e, o);
}

}  // namespace hoplite::local
