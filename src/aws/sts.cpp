#include "hoplite/aws/sts.hpp"

#include <string>

#include "aws/protocol/response.hpp"
#include "hoplite/aws/sts_wire.hpp"

namespace hoplite::aws::sts {

ServiceInfo service_info() {
  return {.name = "sts",
          .endpoint_id = "sts",
          .signing_name = "sts",
          .protocol = Protocol::query,
          .api_version = "2011-06-15"};
}

Client::Client(const ClientConfig& config) : caller_(service_info(), config) {}

core::Result<CallerIdentity> Client::get_caller_identity() {
  auto r = caller_.query("GetCallerIdentity", {});
  if (!r) return r.failure();
  auto x = detail::query_result(*r, "GetCallerIdentity");
  if (!x) return x.failure();
  return wire::decode_caller_identity(*x);
}

core::Result<AssumeRoleResponse> Client::assume_role(const AssumeRoleRequest& request) {
  auto r = caller_.query("AssumeRole", wire::encode_request(request));
  if (!r) return r.failure();
  auto x = detail::query_result(*r, "AssumeRole");
  if (!x) return x.failure();
  auto out = wire::decode_assume_role_response(*x);
  if (!out) return out.failure("AssumeRole");
  out->credentials.source = "assume-role " + request.role_arn;
  return out;
}

}  // namespace hoplite::aws::sts
