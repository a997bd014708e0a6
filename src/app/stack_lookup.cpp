#include "app/stack_lookup.hpp"

#include <fmt/format.h>

namespace hoplite::app {

core::Result<std::vector<aws::cloudformation::StackResource>> stack_resources(aws::cloudformation::Client& cfn,
                                                                              const std::string& stack) {
  auto all = cfn.list_stack_resources_all({.stack_name = stack});
  if (!all) {
    if (aws::cloudformation::is_stack_not_found(all.error()))
      return core::fail("app.stack.not_found", fmt::format("stack {} does not exist (run provision first)", stack));
    return all.failure("listing the resources of " + stack);
  }
  return all;
}

core::Result<std::string> stack_resource_id(aws::cloudformation::Client& cfn, const std::string& stack,
                                            const std::string& type, const std::string& logical_id) {
  auto all = stack_resources(cfn, stack);
  if (!all) return all.failure();
  std::vector<const aws::cloudformation::StackResource*> matches;
  for (const auto& r : *all) {
    if (r.resource_type != type) continue;
    if (!logical_id.empty() && r.logical_resource_id != logical_id) continue;
    if (r.physical_resource_id.empty()) continue;  // not created (yet)
    matches.push_back(&r);
  }
  if (matches.size() == 1) return matches.front()->physical_resource_id;
  if (matches.empty()) {
    return core::fail("app.stack.resource", logical_id.empty()
                                                ? fmt::format("stack {} has no {}", stack, type)
                                                : fmt::format("stack {} has no {} named {}", stack, type, logical_id));
  }
  std::string names;
  for (const auto* m : matches) names += (names.empty() ? "" : ", ") + m->logical_resource_id;
  return core::fail("app.usage", fmt::format("stack {} has several {}: {}; choose one", stack, type, names));
}

}  // namespace hoplite::app
