#pragma once
// A resolver with fixed answers and a helper that takes a template through read -> check ->
// parameters -> conditions, for the evaluator's tests.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "hoplite/cfn/evaluator.hpp"
#include "hoplite/cfn/parameters.hpp"
#include "hoplite/cfn/template_reader.hpp"

namespace hoplite::cfn::testing {

/// Ref of a resource is "<id>-physical" unless set in `refs`; attributes come from `attributes`
/// ("Id.Attr"), else "<id>.<attr>-value". Records what was asked.
class FakeResolver final : public Resolver {
 public:
  std::map<std::string, TemplateValue> refs;
  std::map<std::string, TemplateValue> attributes;
  std::map<std::string, std::string> exports;
  std::map<std::string, std::string> ssm;
  std::vector<std::string> asked;

  core::Result<TemplateValue> resource_ref(const TemplateResource& r) override {
    asked.push_back("Ref " + r.logical_id);
    if (auto it = refs.find(r.logical_id); it != refs.end()) return it->second;
    return TemplateValue(r.logical_id + "-physical");
  }
  core::Result<TemplateValue> resource_attribute(const TemplateResource& r, const std::string& attribute) override {
    asked.push_back("GetAtt " + r.logical_id + "." + attribute);
    if (auto it = attributes.find(r.logical_id + "." + attribute); it != attributes.end()) return it->second;
    return TemplateValue(r.logical_id + "." + attribute + "-value");
  }
  core::Result<std::string> import_value(const std::string& name) override {
    if (auto it = exports.find(name); it != exports.end()) return it->second;
    return core::fail(validation_error("No export named " + name + " found."));
  }
  std::vector<std::string> availability_zones(const std::string& region) override {
    return {region + "a", region + "b", region + "c"};
  }
  core::Result<std::string> ssm_parameter(const std::string& name) override {
    if (auto it = ssm.find(name); it != ssm.end()) return it->second;
    return core::fail(validation_error("ParameterNotFound: " + name));
  }
};

/// A template ready to evaluate.
struct Evaluated {
  TemplateDocument doc;
  StackContext context;
  std::vector<ParameterValue> parameters;
  FakeResolver resolver;
  std::unique_ptr<Evaluator> evaluator;

  /// Reads `text` and runs every step up to conditions; `error` gets the first failure.
  Evaluated(std::string_view text, std::vector<GivenParameter> given = {}) {
    context.stack_name = "stack";
    context.stack_id = "arn:aws:cloudformation:us-east-1:000000000000:stack/stack/uuid";
    auto d = read_template(text);
    if (!d) {
      error = d.error().message;
      return;
    }
    doc = std::move(*d);
    if (auto c = check_template(doc); !c) {
      error = c.error().message;
      return;
    }
    auto p = bind_parameters(doc, given, {}, &resolver);
    if (!p) {
      error = p.error().message;
      return;
    }
    parameters = std::move(*p);
    evaluator = std::make_unique<Evaluator>(doc, context, parameters, resolver);
    if (auto c = evaluator->evaluate_conditions(); !c) {
      error = c.error().message;
      return;
    }
    if (auto c = check_active_references(doc, *evaluator); !c) error = c.error().message;
  }

  /// The evaluated Properties of `id` as compact JSON, or "error: <message>".
  std::string properties(const std::string& id) {
    if (!error.empty()) return "error: " + error;
    const TemplateResource* r = doc.find_resource(id);
    if (r == nullptr) return "no such resource";
    auto v = evaluator->properties(*r);
    return v ? v->dump() : "error: " + v.error().message;
  }

  std::string error;
};

}  // namespace hoplite::cfn::testing
