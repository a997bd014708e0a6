#pragma once
// cfn_gen: turns the CloudFormation resource specification subset (spec/cfn-spec-subset.json plus
// spec/patches/*.json) into one header + one source per resource type and the validation tables.
// Pure: the same spec gives the same bytes (no clock, no paths of the machine in the output).

#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace hoplite::cfn_gen {

/// Relative path (from the repository root) -> file contents.
using Files = std::map<std::string, std::string>;

/// Applies RFC 6902 patches (each file an array of operations) to the spec, in file-name order.
void apply_patches(nlohmann::json& spec, const std::map<std::string, nlohmann::json>& patches);

/// Every generated file for `spec`. `spec_path` is how the banner names the input.
/// Throws std::runtime_error on a spec it cannot represent (e.g. a cycle between property types).
[[nodiscard]] Files generate(const nlohmann::json& spec, const std::string& spec_path);

/// "VPCGatewayAttachment" -> "vpc_gateway_attachment".
[[nodiscard]] std::string snake_case(const std::string& name);

}  // namespace hoplite::cfn_gen
