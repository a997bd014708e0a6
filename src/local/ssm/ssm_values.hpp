#pragma once
/// \file How stored parameter versions are shown: values (SecureString without decryption is an
/// opaque blob), the API's Parameter shape, and the AllowedPattern check.

#include <string>

#include "hoplite/aws/ssm.hpp"
#include "local/service.hpp"
#include "local/ssm/ssm_state.hpp"

namespace hoplite::local::ssm {

/// The value a read returns: the stored value, or — a SecureString read without decryption — an
/// opaque base64 blob standing where AWS returns the KMS ciphertext. It is derived from a digest of
/// the value, so it never reveals it.
[[nodiscard]] std::string visible_value(const StoredVersion& v, bool decrypt);

/// The API's Parameter for a stored version (no selector).
[[nodiscard]] aws::ssm::Parameter to_parameter(const CallContext& ctx, const StoredVersion& v, bool decrypt);

/// `ParameterPatternMismatchException` unless `v.value` matches `v.allowed_pattern` (when set).
core::Result<void> check_allowed_pattern(const StoredVersion& v);

}  // namespace hoplite::local::ssm
