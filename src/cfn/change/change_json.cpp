// DescribeChangeSet's Changes in AWS's member names and shapes.

#include "hoplite/cfn/change_set.hpp"

namespace hoplite::cfn {

namespace {

TemplateValue target_json(const ChangeTarget& t, bool values) {
  TemplateValue out = TemplateValue::object();
  if (values && t.after_value) out["AfterValue"] = *t.after_value;
  out["Attribute"] = t.attribute;
  if (values && !t.attribute_change_type.empty()) out["AttributeChangeType"] = t.attribute_change_type;
  if (values && t.before_value) out["BeforeValue"] = *t.before_value;
  if (!t.name.empty()) out["Name"] = t.name;
  if (values && !t.path.empty()) out["Path"] = t.path;
  out["RequiresRecreation"] = t.requires_recreation;
  return out;
}

}  // namespace

TemplateValue changes_to_json(const std::vector<ResourceChange>& changes, bool include_property_values) {
  TemplateValue out = TemplateValue::array();
  for (const ResourceChange& c : changes) {
    TemplateValue rc = TemplateValue::object();
    rc["Action"] = c.action;
    if (include_property_values && c.after_context) rc["AfterContext"] = *c.after_context;
    if (include_property_values && c.before_context) rc["BeforeContext"] = *c.before_context;
    TemplateValue details = TemplateValue::array();
    for (const ChangeDetail& d : c.details) {
      TemplateValue detail = TemplateValue::object();
      if (!d.causing_entity.empty()) detail["CausingEntity"] = d.causing_entity;
      detail["ChangeSource"] = d.change_source;
      detail["Evaluation"] = d.evaluation;
      detail["Target"] = target_json(d.target, include_property_values);
      details.push_back(std::move(detail));
    }
    rc["Details"] = std::move(details);
    rc["LogicalResourceId"] = c.logical_id;
    if (!c.physical_id.empty()) rc["PhysicalResourceId"] = c.physical_id;
    if (!c.policy_action.empty()) rc["PolicyAction"] = c.policy_action;
    if (!c.replacement.empty()) rc["Replacement"] = c.replacement;
    rc["ResourceType"] = c.resource_type;
    rc["Scope"] = c.scope;
    out.push_back(TemplateValue::object({{"ResourceChange", std::move(rc)}, {"Type", "Resource"}}));
  }
  return out;
}

}  // namespace hoplite::cfn
