#pragma once
// Comparing one resource's deployed and submitted properties: which properties changed, why
// (Details), and what that means for the resource (Replacement, and its state for the resources
// that reference it).

#include <map>
#include <set>
#include <string>
#include <vector>

#include "hoplite/cfn/change_set.hpp"

namespace hoplite::cfn::detail {

/// What a change set does to a resource, as seen by the resources that reference it.
enum class ResourceState { unchanged, modified, conditionally_replaced, replaced, added };

/// Which parameters' values differ between the deployed stack and the submission.
class ParameterChanges {
 public:
  ParameterChanges(const std::vector<ParameterValue>& before, const std::vector<ParameterValue>& after, bool update);
  [[nodiscard]] bool changed(const std::string& name) const { return changed_.contains(name); }

 private:
  std::set<std::string> changed_;
};

struct ResourceComparison {
  const TemplateResource& after;                       ///< the submitted declaration
  const TemplateResource& before;                      ///< the deployed declaration
  const TemplateValue& before_properties;              ///< evaluated against the deployed stack
  Evaluator& evaluator;                                ///< the submitted template's (with the change set's resolver)
  const std::map<std::string, ResourceState>& states;  ///< resources compared so far
  const ParameterChanges& parameters;
  bool classic;  ///< DescribeChangeSet without IncludePropertyValues
};

struct ComparedResource {
  ResourceState state = ResourceState::unchanged;
  std::vector<ChangeDetail> details;  ///< empty: no change
  std::vector<std::string> scope;
  std::string replacement;  ///< "True", "Conditional" or "False"
  TemplateValue after_properties;
};

[[nodiscard]] core::Result<ComparedResource> compare_resource(const ResourceComparison& c);

}  // namespace hoplite::cfn::detail
