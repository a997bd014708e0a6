// The evaluator: conditions in dependency order, then intrinsic functions by recursive descent
// over the value (depth bounded by the template's nesting limit). AWS::NoValue travels as a
// discarded nlohmann value and is dropped by the object or list that holds it.

#include "hoplite/cfn/evaluator.hpp"

#include <algorithm>
#include <map>

#include "cfn/eval/functions.hpp"
#include "cfn/eval/references.hpp"
#include "cfn/read/sections.hpp"

namespace hoplite::cfn {

bool is_known_after_apply(const TemplateValue& v) { return detail::is_unknown(v); }

namespace {

using detail::Outcome;

std::string unresolved(const std::string& name) {
  return "Template format error: Unresolved resource dependencies [" + name +
         "] in the Resources block of the template";
}

TemplateValue no_value() { return TemplateValue(TemplateValue::value_t::discarded); }

}  // namespace

struct Evaluator::Impl {
  const TemplateDocument& doc;
  const StackContext& context;
  Resolver& resolver;
  std::map<std::string, const ParameterValue*, std::less<>> parameters;
  std::map<std::string, bool, std::less<>> conditions;

  Impl(const TemplateDocument& d, const StackContext& c, const std::vector<ParameterValue>& p, Resolver& r)
      : doc(d), context(c), resolver(r) {
    for (const ParameterValue& v : p) parameters.emplace(v.key, &v);
  }

  [[nodiscard]] bool active(const TemplateResource& r) const {
    if (r.condition.empty()) return true;
    auto it = conditions.find(r.condition);
    return it != conditions.end() && it->second;
  }

  core::Result<TemplateValue> pseudo(std::string_view name, EvaluationTrace* trace) {
    if (trace != nullptr) trace->pseudo_parameters = true;
    if (name == "AWS::AccountId") return TemplateValue(context.account_id);
    if (name == "AWS::Region") return TemplateValue(context.region);
    if (name == "AWS::Partition") return TemplateValue(context.partition);
    if (name == "AWS::URLSuffix") return TemplateValue(context.url_suffix);
    if (name == "AWS::StackName") return TemplateValue(context.stack_name);
    if (name == "AWS::StackId") return TemplateValue(context.stack_id);
    if (name == "AWS::NotificationARNs") return TemplateValue(context.notification_arns);
    return no_value();  // AWS::NoValue
  }

  core::Result<TemplateValue> ref(const std::string& name, EvaluationTrace* trace) {
    if (auto p = parameters.find(name); p != parameters.end()) {
      if (trace != nullptr) trace->parameters.insert(name);
      return p->second->resolved;
    }
    if (detail::is_pseudo_parameter(name)) return pseudo(name, trace);
    const TemplateResource* r = doc.find_resource(name);
    if (r == nullptr || !active(*r)) return validation_failure(unresolved(name));
    if (trace != nullptr) trace->resources.insert(name);
    return resolver.resource_ref(*r);
  }

  core::Result<TemplateValue> get_att(const std::string& id, const std::string& attribute, EvaluationTrace* trace) {
    const TemplateResource* r = doc.find_resource(id);
    if (r == nullptr)
      return validation_failure("Template error: instance of Fn::GetAtt references undefined resource " + id);
    if (!active(*r)) return validation_failure(unresolved(id));
    if (trace != nullptr) trace->attributes.emplace(id, attribute);
    return resolver.resource_attribute(*r, attribute);
  }

  core::Result<TemplateValue> fn_get_att(const TemplateValue& args, EvaluationTrace* trace) {
    const char* kError =
        "Template error: every Fn::GetAtt object requires two non-empty parameters, the resource name and the "
        "resource attribute";
    if (!args.is_array() || args.size() != 2 || !args[0].is_string() || args[0].get_ref<const std::string&>().empty()) {
      return validation_failure(kError);
    }
    TemplateValue attribute = args[1];
    if (attribute.is_object()) {  // the attribute name may come from Ref (a parameter)
      auto evaluated = evaluate(attribute, trace);
      if (!evaluated) return evaluated;
      attribute = std::move(*evaluated);
    }
    if (!attribute.is_string() || attribute.get_ref<const std::string&>().empty()) return validation_failure(kError);
    if (detail::is_unknown(attribute)) return detail::unknown_value();
    return get_att(args[0].get<std::string>(), attribute.get<std::string>(), trace);
  }

  core::Result<TemplateValue> fn_sub(const TemplateValue& args, EvaluationTrace* trace) {
    const char* kError =
        "Template error: One or more Fn::Sub intrinsic functions don't specify expected arguments. Specify a string "
        "as first argument, and an optional second argument to specify a mapping of values to replace in the string";
    const TemplateValue* text = &args;
    TemplateValue vars = TemplateValue::object();
    if (args.is_array()) {
      if (args.size() != 2 || !args[0].is_string() || !args[1].is_object()) return validation_failure(kError);
      text = &args[0];
      auto evaluated = evaluate(args[1], trace);
      if (!evaluated) return evaluated;
      vars = std::move(*evaluated);
    }
    if (!text->is_string()) return validation_failure(kError);
    std::string error;
    auto parts = detail::parse_sub(text->get_ref<const std::string&>(), &error);
    if (!parts) return validation_failure(error);
    std::string out;
    bool unknown = false;
    for (const detail::SubPart& part : *parts) {
      if (!part.variable) {
        out += part.text;
        continue;
      }
      core::Result<TemplateValue> value = TemplateValue();
      if (auto v = vars.find(part.text); v != vars.end()) {
        value = *v;
      } else if (auto dot = part.text.find('.'); dot != std::string::npos && !detail::is_pseudo_parameter(part.text)) {
        value = get_att(part.text.substr(0, dot), part.text.substr(dot + 1), trace);
      } else {
        value = ref(part.text, trace);
      }
      if (!value) return value;
      if (value->is_discarded()) continue;
      if (detail::is_unknown(*value)) {
        unknown = true;
        continue;
      }
      if (!detail::is_text_like(*value)) {
        return validation_failure("Template error: variable " + part.text +
                                  " in Fn::Sub expression does not resolve to a string");
      }
      out += detail::scalar_text(*value);
    }
    if (unknown) return detail::unknown_value();
    return TemplateValue(std::move(out));
  }

  core::Result<TemplateValue> fn_if(const TemplateValue& args, EvaluationTrace* trace) {
    if (!args.is_array() || args.size() != 3 || !args[0].is_string()) {
      return validation_failure(
          "Template error: every Fn::If object requires three parameters, the condition, the value if true and the "
          "value if false");
    }
    const std::string& name = args[0].get_ref<const std::string&>();
    auto c = conditions.find(name);
    if (c == conditions.end())
      return validation_failure("Template error: unresolved condition dependency " + name + " in Fn::If");
    return evaluate(c->second ? args[1] : args[2], trace);
  }

  core::Result<TemplateValue> fn_get_azs(const TemplateValue& args, EvaluationTrace* trace) {
    auto evaluated = evaluate(args, trace);
    if (!evaluated) return evaluated;
    if (!evaluated->is_string())
      return validation_failure("Template error: every Fn::GetAZs object requires a string parameter");
    std::string region = evaluated->get<std::string>();
    if (region.empty()) region = context.region;
    TemplateValue out = TemplateValue::array();
    for (auto& az : resolver.availability_zones(region)) out.push_back(std::move(az));
    return out;
  }

  core::Result<TemplateValue> fn_import_value(const TemplateValue& args, EvaluationTrace* trace) {
    auto evaluated = evaluate(args, trace);
    if (!evaluated) return evaluated;
    if (detail::is_unknown(*evaluated)) return *evaluated;
    if (!evaluated->is_string())
      return validation_failure("Template error: every Fn::ImportValue object must have a String value");
    std::string name = evaluated->get<std::string>();
    if (trace != nullptr) trace->imports.insert(name);
    auto value = resolver.import_value(name);
    if (!value) return value.failure();
    return TemplateValue(std::move(*value));
  }

  // Pure functions of their evaluated arguments.
  core::Result<TemplateValue> pure(Outcome (*f)(const TemplateValue&), const TemplateValue& args,
                                   EvaluationTrace* trace) {
    auto evaluated = evaluate(args, trace);
    if (!evaluated) return evaluated;
    Outcome o = f(*evaluated);
    if (auto* message = std::get_if<std::string>(&o)) return validation_failure(std::move(*message));
    return std::move(std::get<TemplateValue>(o));
  }

  core::Result<TemplateValue> call(std::string_view function, const TemplateValue& args, EvaluationTrace* trace) {
    if (function == "Ref") {
      if (!args.is_string())
        return validation_failure("Template error: every Ref object must have a single String value.");
      return ref(args.get<std::string>(), trace);
    }
    if (function == "Fn::GetAtt") return fn_get_att(args, trace);
    if (function == "Fn::Sub") return fn_sub(args, trace);
    if (function == "Fn::If") return fn_if(args, trace);
    if (function == "Fn::Join") return pure(detail::fn_join, args, trace);
    if (function == "Fn::Select") return pure(detail::fn_select, args, trace);
    if (function == "Fn::Split") return pure(detail::fn_split, args, trace);
    if (function == "Fn::Base64") return pure(detail::fn_base64, args, trace);
    if (function == "Fn::Cidr") return pure(detail::fn_cidr, args, trace);
    if (function == "Fn::GetAZs") return fn_get_azs(args, trace);
    if (function == "Fn::ImportValue") return fn_import_value(args, trace);
    if (function == "Fn::FindInMap") {
      auto evaluated = evaluate(args, trace);
      if (!evaluated) return evaluated;
      Outcome o = detail::fn_find_in_map(doc.mappings, *evaluated, doc.language_extensions());
      if (auto* message = std::get_if<std::string>(&o)) return validation_failure(std::move(*message));
      return std::move(std::get<TemplateValue>(o));
    }
    if (doc.language_extensions()) {
      if (function == "Fn::Length") return pure(detail::fn_length, args, trace);
      if (function == "Fn::ToJsonString") return pure(detail::fn_to_json_string, args, trace);
    }
    return validation_failure(unsupported(function));
  }

  static std::string unsupported(std::string_view function) {
    return "Template format error: Encountered unsupported function: " + std::string(function) +
           " Supported functions are: [Fn::Base64, Fn::GetAtt, Fn::GetAZs, Fn::ImportValue, Fn::Join, Fn::Split, "
           "Fn::FindInMap, Fn::Select, Ref, Fn::Equals, Fn::If, Fn::Not, Condition, Fn::And, Fn::Or, Fn::Contains, "
           "Fn::EachMemberEquals, Fn::EachMemberIn, Fn::ValueOf, Fn::ValueOfAll, Fn::RefAll, Fn::Sub, Fn::Cidr]";
  }

  core::Result<TemplateValue> evaluate(const TemplateValue& v, EvaluationTrace* trace) {
    if (auto function = detail::intrinsic_name(v, false)) return call(*function, v.begin().value(), trace);
    if (v.is_object()) {
      TemplateValue out = TemplateValue::object();
      for (const auto& [key, member] : v.items()) {
        auto e = evaluate(member, trace);
        if (!e) return e;
        if (!e->is_discarded()) out[key] = std::move(*e);
      }
      return out;
    }
    if (v.is_array()) {
      TemplateValue out = TemplateValue::array();
      for (const TemplateValue& item : v) {
        auto e = evaluate(item, trace);
        if (!e) return e;
        if (!e->is_discarded()) out.push_back(std::move(*e));
      }
      return out;
    }
    return v;
  }

  // A condition expression: Fn::Equals / And / Or / Not / Condition.
  core::Result<bool> condition_value(const TemplateValue& v, EvaluationTrace* trace) {
    auto function = detail::intrinsic_name(v, true);
    const char* kOnlyBoolean =
        "Template format error: Conditions can only be boolean operations on parameters and other conditions";
    if (!function) return validation_failure(kOnlyBoolean);
    const TemplateValue& args = v.begin().value();
    if (*function == "Condition") {
      if (!args.is_string()) return validation_failure(kOnlyBoolean);
      auto c = conditions.find(args.get<std::string>());
      if (c == conditions.end()) {
        return validation_failure("Template error: unresolved condition dependency " + args.get<std::string>() +
                                  " in Fn::Condition");
      }
      return c->second;
    }
    if (*function == "Fn::Equals") {
      if (!args.is_array() || args.size() != 2) {
        return validation_failure("Template error: every Fn::Equals object requires a list of 2 string parameters.");
      }
      auto a = evaluate(args[0], trace);
      if (!a) return a.failure();
      auto b = evaluate(args[1], trace);
      if (!b) return b.failure();
      auto text = [](const TemplateValue& x) { return detail::is_text_like(x) ? detail::scalar_text(x) : x.dump(); };
      return text(*a) == text(*b);
    }
    bool is_not = *function == "Fn::Not";
    if (is_not || *function == "Fn::And" || *function == "Fn::Or") {
      std::size_t min = is_not ? 1 : 2, max = is_not ? 1 : 10;
      if (!args.is_array() || args.size() < min || args.size() > max) {
        if (is_not) return validation_failure("Template error: every Fn::Not object requires one boolean parameter");
        return validation_failure("Template error: every " + std::string(*function) +
                                  " object requires a list of at least 2 and at most 10 boolean parameters.");
      }
      bool all = true, any = false;
      for (const TemplateValue& item : args) {
        auto b = condition_value(item, trace);
        if (!b) return b;
        all = all && *b;
        any = any || *b;
      }
      if (is_not) return !all;
      return *function == "Fn::And" ? all : any;
    }
    return validation_failure(kOnlyBoolean);
  }
};

Evaluator::Evaluator(const TemplateDocument& doc, const StackContext& context,
                     const std::vector<ParameterValue>& parameters, Resolver& resolver)
    : impl_(std::make_unique<Impl>(doc, context, parameters, resolver)) {}

Evaluator::~Evaluator() = default;

core::Result<void> Evaluator::evaluate_conditions() {
  // Kahn's algorithm over {"Condition": X} references, so each condition is evaluated after the
  // ones it names and no evaluation recurses through other conditions.
  const auto& declared = impl_->doc.conditions;
  std::map<std::string, std::size_t, std::less<>> index;
  for (std::size_t i = 0; i < declared.size(); ++i) index.emplace(declared[i].first, i);
  std::vector<std::vector<std::size_t>> dependents(declared.size());
  std::vector<std::size_t> waiting(declared.size(), 0);
  for (std::size_t i = 0; i < declared.size(); ++i) {
    detail::References refs;
    detail::collect_references(declared[i].second, refs, true);
    for (const auto& name : refs.conditions) {
      auto it = index.find(name);
      if (it == index.end()) {
        return validation_failure("Template error: unresolved condition dependency " + name + " in Fn::Condition");
      }
      dependents[it->second].push_back(i);
      ++waiting[i];
    }
  }
  std::vector<std::size_t> ready;
  for (std::size_t i = declared.size(); i-- > 0;) {
    if (waiting[i] == 0) ready.push_back(i);
  }
  std::size_t done = 0;
  while (!ready.empty()) {
    std::size_t i = ready.back();
    ready.pop_back();
    auto value = impl_->condition_value(declared[i].second, nullptr);
    if (!value) return value.failure();
    impl_->conditions[declared[i].first] = *value;
    ++done;
    for (std::size_t d : dependents[i]) {
      if (--waiting[d] == 0) ready.push_back(d);
    }
  }
  if (done != declared.size()) {
    std::string names;
    for (std::size_t i = 0; i < declared.size(); ++i) {
      if (waiting[i] != 0) names += (names.empty() ? "" : ", ") + declared[i].first;
    }
    return validation_failure("Template format error: Circular dependency between conditions: [" + names + "]");
  }
  return core::ok();
}

bool Evaluator::condition(std::string_view name) const {
  if (name.empty()) return true;
  auto it = impl_->conditions.find(name);
  return it != impl_->conditions.end() && it->second;
}

bool Evaluator::active(const TemplateResource& resource) const { return impl_->active(resource); }

core::Result<TemplateValue> Evaluator::evaluate(const TemplateValue& value, EvaluationTrace* trace) {
  return impl_->evaluate(value, trace);
}

core::Result<TemplateValue> Evaluator::properties(const TemplateResource& resource, EvaluationTrace* trace) {
  auto v = impl_->evaluate(resource.properties, trace);
  if (v && v->is_discarded()) return TemplateValue::object();
  return v;
}

core::Result<TemplateValue> Evaluator::resolve_dynamic_references(const TemplateValue& value) {
  return detail::resolve_dynamic_references(value, impl_->resolver);
}

core::Result<std::vector<EvaluatedOutput>> Evaluator::outputs() {
  std::vector<EvaluatedOutput> out;
  for (const TemplateOutput& o : impl_->doc.outputs) {
    if (!condition(o.condition)) continue;
    auto value = impl_->evaluate(o.value, nullptr);
    if (!value) return value.failure();
    if (value->is_discarded()) value = TemplateValue("");
    if (!detail::is_text_like(*value)) {
      return validation_failure("Template format error: Output " + o.name +
                                " is malformed. The Value field of every Outputs member must evaluate to a String.");
    }
    EvaluatedOutput e{o.name, detail::scalar_text(*value), {}, std::nullopt};
    if (!o.description.is_null()) {
      auto d = impl_->evaluate(o.description, nullptr);
      if (!d) return d.failure();
      if (detail::is_text_like(*d)) e.description = detail::scalar_text(*d);
    }
    if (!o.export_name.is_null()) {
      auto n = impl_->evaluate(o.export_name, nullptr);
      if (!n) return n.failure();
      if (!detail::is_text_like(*n)) {
        return validation_failure("Template format error: Output " + o.name +
                                  " is malformed. The Export Name must be a String.");
      }
      e.export_name = detail::scalar_text(*n);
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace hoplite::cfn
