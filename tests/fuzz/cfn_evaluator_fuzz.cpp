// Fuzz target: a template (JSON or YAML) through everything the cfn module does with it before an
// engine runs it: reference checks, parameter binding, conditions, every intrinsic, outputs, spec
// validation, the dependency graph, and the change computation (the template against itself, with
// and without property values).
// Seeds: tests/fuzz/corpus/cfn_evaluator/ (templates from AWS's recorded cases).

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "hoplite/cfn/change_set.hpp"
#include "hoplite/cfn/dependency_graph.hpp"
#include "hoplite/cfn/evaluator.hpp"
#include "hoplite/cfn/spec_validation.hpp"

namespace {

using hoplite::cfn::TemplateValue;

// Answers every question; resources alternate between known values and kKnownAfterApply.
class Resolver final : public hoplite::cfn::Resolver {
 public:
  hoplite::core::Result<TemplateValue> resource_ref(const hoplite::cfn::TemplateResource& r) override {
    if (r.logical_id.size() % 2 == 0) return TemplateValue(std::string(hoplite::cfn::kKnownAfterApply));
    return TemplateValue(r.logical_id + "-id");
  }
  hoplite::core::Result<TemplateValue> resource_attribute(const hoplite::cfn::TemplateResource& r,
                                                          const std::string& attribute) override {
    if (attribute.size() % 3 == 0) return TemplateValue::array({"a", "b"});
    return TemplateValue(r.logical_id + "." + attribute);
  }
  hoplite::core::Result<std::string> import_value(const std::string& name) override {
    if (name.size() % 2 == 0) return hoplite::core::fail("ValidationError", "No export named " + name + " found.");
    return "exported-" + name;
  }
  std::vector<std::string> availability_zones(const std::string& region) override {
    return {region + "a", region + "b"};
  }
  hoplite::core::Result<std::string> ssm_parameter(const std::string& name) override { return "ssm," + name; }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace cfn = hoplite::cfn;
  auto doc = cfn::read_template(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!doc || !cfn::check_template(*doc)) return 0;
  Resolver resolver;
  std::vector<cfn::GivenParameter> given;
  for (const auto& p : doc->parameters) {
    if (!p.default_value) given.push_back({p.name, "1", false});
  }
  auto params = cfn::bind_parameters(*doc, given, {}, &resolver);
  if (!params) return 0;
  cfn::StackContext context;
  context.stack_name = "fuzz";
  cfn::Evaluator eval(*doc, context, *params, resolver);
  if (!eval.evaluate_conditions()) return 0;
  (void)cfn::check_active_references(*doc, eval);
  for (const auto& r : doc->resources) {
    if (!eval.active(r)) continue;
    auto props = eval.properties(r);
    if (!props) continue;
    (void)cfn::validate_properties(r.type, *props);
    (void)eval.resolve_dynamic_references(*props);
  }
  (void)eval.outputs();
  (void)cfn::check_attributes(*doc);
  (void)cfn::check_resource_types(*doc);
  if (auto graph = cfn::build_dependency_graph(*doc, &eval)) {
    (void)graph->creation_waves();
    cfn::Schedule schedule(*graph, cfn::Schedule::Direction::remove);
    for (const auto& id : schedule.ready()) (void)schedule.complete(id);
  }
  for (bool values : {false, true}) {
    cfn::ChangeSetInput in{&*doc, *params, &*doc, *params, context, &resolver};
    if (auto changes = cfn::compute_changes(in, {values})) (void)cfn::changes_to_json(changes->changes, values);
  }
  return 0;
}
