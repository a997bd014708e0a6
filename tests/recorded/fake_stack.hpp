#pragma once
// A deployed stack without an engine: the template's resources evaluated in dependency order, each
// given a physical ID and attributes by a small table of AWS's formats for the types the recorded
// cases use (test-only; the local cloud's providers are the real thing). It answers the change
// computation's questions about "what is deployed".

#include <map>
#include <string>

#include "hoplite/cfn/evaluator.hpp"

namespace hoplite::recorded {

/// The pseudo parameters the pure checks use (account 111111111111 as in the recordings).
[[nodiscard]] cfn::StackContext recorded_context();

class FakeStack final : public cfn::Resolver {
 public:
  explicit FakeStack(cfn::StackContext context) : context_(std::move(context)) {}

  /// Evaluates and "creates" every active resource of `doc` (which must outlive this object).
  core::Result<void> deploy(const cfn::TemplateDocument& doc, const std::vector<cfn::ParameterValue>& parameters);

  core::Result<cfn::TemplateValue> resource_ref(const cfn::TemplateResource& r) override;
  core::Result<cfn::TemplateValue> resource_attribute(const cfn::TemplateResource& r,
                                                      const std::string& attribute) override;
  core::Result<std::string> import_value(const std::string& name) override;
  std::vector<std::string> availability_zones(const std::string& region) override;
  core::Result<std::string> ssm_parameter(const std::string& name) override;

 private:
  struct Deployed {
    std::string type;
    std::string name;  // the physical name
    cfn::TemplateValue properties;
  };
  const cfn::StackContext context_;
  std::map<std::string, Deployed> resources_;
};

/// Resolves every resource as kKnownAfterApply (a CREATE change set's preview).
class PreviewResolver final : public cfn::Resolver {
 public:
  core::Result<cfn::TemplateValue> resource_ref(const cfn::TemplateResource&) override;
  core::Result<cfn::TemplateValue> resource_attribute(const cfn::TemplateResource&, const std::string&) override;
  core::Result<std::string> import_value(const std::string& name) override;
  std::vector<std::string> availability_zones(const std::string& region) override;
  core::Result<std::string> ssm_parameter(const std::string& name) override;
};

}  // namespace hoplite::recorded
