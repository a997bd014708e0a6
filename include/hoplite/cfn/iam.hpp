#pragma once
/// \file
/// cfn::iam::PolicyStatement and cfn::iam::policy_document() — IAM permissions in the typed
/// model, next to the generated IAM resources (cfn::iam::Role, cfn::iam::Policy). The state
/// machine derives its role's statements from its states; fargate::Task takes statements for its
/// task role.
///
/// **Example**:
/// \code
///   task.add_to_task_role({.actions = {"sns:Publish"}, .resources = {cfn::ref(topic)}});
///   role.props.Policies.push_back({.PolicyDocument = cfn::iam::policy_document(statements),
///                                  .PolicyName = "Publish"});
/// \endcode
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html

#include <span>
#include <string>
#include <vector>

#include "hoplite/cfn/json.hpp"

namespace hoplite::cfn::iam {

/// One `Effect: Allow` statement. Resources may be intrinsics (`cfn::ref(topic)`).
struct PolicyStatement {
  std::vector<std::string> actions;  ///< e.g. {"sns:Publish"}
  std::vector<Json> resources;       ///< ARNs; "*" only where the API cannot be scoped
  Json condition;                    ///< IAM Condition block; null = none
};

/// `{"Version": "2012-10-17", "Statement": [...]}` with one `Effect: Allow` entry per statement,
/// in order: Action, Resource, then Condition when it is not null.
[[nodiscard]] Json policy_document(std::span<const PolicyStatement> statements);

}  // namespace hoplite::cfn::iam
