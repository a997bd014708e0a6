#include "local/ssm/ssm_values.hpp"

#include "hoplite/core/base64.hpp"
#include "hoplite/core/sha256.hpp"
#include "local/ssm/ssm_names.hpp"

namespace hoplite::local::ssm {

std::string visible_value(const StoredVersion& v, bool decrypt) {
  if (v.type != "SecureString" || decrypt) return v.value;
  return core::base64_encode("hoplite-local-kms:" + v.key_id.value_or("") + ":" +
                             core::sha256(v.name + '\n' + v.value));
}

aws::ssm::Parameter to_parameter(const CallContext& ctx, const StoredVersion& v, bool decrypt) {
  return aws::ssm::Parameter{.name = v.name,
                             .type = v.type,
                             .value = visible_value(v, decrypt),
                             .version = v.version,
                             .selector = std::nullopt,
                             .last_modified_date = v.modified,
                             .arn = parameter_arn(ctx, v.name),
                             .data_type = v.data_type};
}

core::Result<void> check_allowed_pattern(const StoredVersion&) {
  // AllowedPattern is a Java regular expression over the value; it needs a matcher that is safe on
  // untrusted patterns (no std::regex). Until the CloudFormation module's bounded matcher is shared,
  // the pattern is stored and returned but not enforced (docs/local.md says so).
  return core::ok();
}

}  // namespace hoplite::local::ssm
