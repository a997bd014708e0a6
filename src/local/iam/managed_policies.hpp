#pragma once
/// \file The AWS managed policies the local IAM knows (`arn:aws:iam::aws:policy/…`): the ones
/// hoplite's templates and common CloudFormation templates attach. Their documents follow AWS's
/// published versions (simplified where AWS's list is long; each says so).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hoplite::local::iam {

struct ManagedPolicy {
  std::string_view name;
  std::string_view path;  ///< "/" or "/service-role/"
  std::string_view document;
  std::string_view description;
};

[[nodiscard]] const std::vector<ManagedPolicy>& aws_managed_policies();
/// The AWS managed policy an ARN names, or nullopt.
[[nodiscard]] std::optional<ManagedPolicy> aws_managed_policy(std::string_view arn);
/// `arn:aws:iam::aws:policy<path><name>`.
[[nodiscard]] std::string aws_managed_arn(const ManagedPolicy& policy);

}  // namespace hoplite::local::iam
