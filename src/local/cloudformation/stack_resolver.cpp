#include "local/cloudformation/stack_resolver.hpp"

#include "local/regions.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::cloudformation {

bool exports_visible(const std::string& status) {
  return status != "DELETE_COMPLETE" && status != "REVIEW_IN_PROGRESS" && status != "CREATE_IN_PROGRESS" &&
         status != "ROLLBACK_COMPLETE" && status != "ROLLBACK_IN_PROGRESS" && status != "CREATE_FAILED";
}

const ResourceRow* StackResolver::live(const std::string& logical_id) const {
  if (rows_ == nullptr) return nullptr;
  auto it = rows_->find(logical_id);
  if (it == rows_->end() || it->second.physical_id.empty()) return nullptr;
  const std::string& s = it->second.status;
  if (s.empty() || s == "DELETE_COMPLETE" || s == "CREATE_FAILED" || s == "CREATE_IN_PROGRESS") return nullptr;
  return &it->second;
}

core::Result<cfn::TemplateValue> StackResolver::resource_ref(const cfn::TemplateResource& resource) {
  const ResourceRow* row = live(resource.logical_id);
  if (row == nullptr) return cfn::TemplateValue(std::string(cfn::kKnownAfterApply));
  return cfn::TemplateValue(row->physical_id);
}

core::Result<cfn::TemplateValue> StackResolver::resource_attribute(const cfn::TemplateResource& resource,
                                                                   const std::string& attribute) {
  const ResourceRow* row = live(resource.logical_id);
  if (row == nullptr) return cfn::TemplateValue(std::string(cfn::kKnownAfterApply));
  if (auto it = row->attributes.find(attribute); it != row->attributes.end())
    return cfn::TemplateValue::parse(it->dump());
  // AWS resolves a GetAtt of a top-level property to the property's value.
  if (auto it = row->properties.find(attribute); it != row->properties.end())
    return cfn::TemplateValue::parse(it->dump());
  return core::fail(cfn::validation_error("Template error: resource " + resource.logical_id +
                                          " does not support attribute type " + attribute + " in Fn::GetAtt"));
}

core::Result<std::string> StackResolver::import_value(const std::string& name) {
  auto found =
      house_.db.transaction<std::optional<std::string>>([&](store::Tx& tx) -> core::Result<std::optional<std::string>> {
        StackTable table(tx);
        auto stacks = table.stacks(call_.principal.account_id, call_.region, false);
        if (!stacks) return stacks.failure();
        for (const auto& s : *stacks) {
          if (!exports_visible(s.status)) continue;
          for (const auto& o : s.outputs)
            if (o.value("export", "") == name) return std::optional<std::string>(o.value("value", ""));
        }
        return std::optional<std::string>{};
      });
  if (!found) return found.failure();
  if (!*found) return core::fail(cfn::validation_error("No export named " + name + " found."));
  return **found;
}

std::vector<std::string> StackResolver::availability_zones(const std::string& region) {
  return local::availability_zones(region.empty() ? call_.region : region);
}

core::Result<std::string> StackResolver::ssm_parameter(const std::string& name) {
  if (!ssm_)
    return core::fail(cfn::validation_error("Parameters [" + name +
                                            "] referenced by template have types not supported by CloudFormation."));
  return ssm_(call_, name);
}

}  // namespace hoplite::local::cloudformation
