#pragma once
/// \file The engine's answers to the template evaluator: Ref and Fn::GetAtt of the stack's
/// resources (from the resource rows), exports of the account's other stacks, availability
/// zones, SSM parameters. Not thread-safe: the engine uses it under its stack's lock.

#include <map>
#include <string>

#include "hoplite/cfn/evaluator.hpp"
#include "local/cloudformation/cfn_state.hpp"
#include "local/cloudformation/provider.hpp"
#include "local/service.hpp"

namespace hoplite::local::cloudformation {

class StackResolver final : public cfn::Resolver {
 public:
  /// `rows` (may be nullptr: every resource is not created yet) must outlive the resolver.
  StackResolver(ServiceContext& house, CallContext call, const std::map<std::string, ResourceRow>* rows, SsmLookup ssm)
      : house_(house), call_(std::move(call)), rows_(rows), ssm_(std::move(ssm)) {}

  core::Result<cfn::TemplateValue> resource_ref(const cfn::TemplateResource& resource) override;
  core::Result<cfn::TemplateValue> resource_attribute(const cfn::TemplateResource& resource,
                                                      const std::string& attribute) override;
  core::Result<std::string> import_value(const std::string& name) override;
  std::vector<std::string> availability_zones(const std::string& region) override;
  core::Result<std::string> ssm_parameter(const std::string& name) override;

 private:
  const ResourceRow* live(const std::string& logical_id) const;

  ServiceContext& house_;
  CallContext call_;
  const std::map<std::string, ResourceRow>* rows_;
  SsmLookup ssm_;
};

/// Stack statuses whose outputs are exported (the stack exists and is not being created).
[[nodiscard]] bool exports_visible(const std::string& status);

}  // namespace hoplite::local::cloudformation
