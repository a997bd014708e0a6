#include "hoplite/cfn/intrinsics.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "cfn/intrinsic_refs.hpp"
#include "hoplite/cfn/resource.hpp"
#include "hoplite/cfn/template.hpp"
#include "hoplite/cfn/validation_error.hpp"

namespace hoplite::cfn {

namespace {
constexpr std::array<std::string_view, 8> kPseudoParameters = {
    "AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",   "AWS::Partition",
    "AWS::Region",    "AWS::StackId",          "AWS::StackName", "AWS::URLSuffix"};

Json call(std::string function, Json args) {
  auto refs = detail::references_of(function, args);
  return Json::make_intrinsic(std::move(function), std::move(args), std::move(refs));
}

Json pseudo_ref(std::string_view name) { return Json::make_intrinsic("Ref", Json(name)); }

Json::Array condition_list(std::vector<Condition> conditions, std::string_view function) {
  if (conditions.size() < 2 || conditions.size() > 10) {
    throw ValidationError("013", "", "",
                          fmt::format("{} takes 2 to 10 conditions, got {}; combine them with nested {}", function,
                                      conditions.size(), function));
  }
  Json::Array items;
  for (auto& c : conditions) items.push_back(c.json());
  return items;
}
}  // namespace

namespace detail {

bool is_intrinsic_key(std::string_view key, const Json& value) {
  if (key == "Ref" || key == "Condition") return value.is_string();
  return key.starts_with("Fn::");
}

std::vector<Reference> sub_references(std::string_view text, const std::vector<std::string>& bound) {
  std::vector<Reference> out;
  std::size_t pos = 0;
  while ((pos = text.find("${", pos)) != std::string_view::npos) {
    std::size_t end = text.find('}', pos + 2);
    if (end == std::string_view::npos) break;
    std::string_view name = text.substr(pos + 2, end - pos - 2);
    pos = end + 1;
    if (name.empty() || name.front() == '!') continue;  // ${!Literal} renders as ${Literal}
    if (std::find(bound.begin(), bound.end(), name) != bound.end()) continue;
    if (name.starts_with("AWS::")) continue;  // pseudo parameter
    std::size_t dot = name.find('.');
    if (dot == std::string_view::npos) {
      out.push_back({Reference::Kind::ref, std::string(name), ""});
    } else {
      std::string id(name.substr(0, dot));
      if (std::find(bound.begin(), bound.end(), id) != bound.end()) continue;
      out.push_back({Reference::Kind::attribute, id, std::string(name.substr(dot + 1))});
    }
  }
  return out;
}

std::vector<Reference> references_of(std::string_view function, const Json& args) {
  std::vector<Reference> out;
  if (function == "Ref") {
    if (args.is_string() && !pseudo::is_pseudo_parameter(args.as_string())) {
      out.push_back({Reference::Kind::ref, args.as_string(), ""});
    }
  } else if (function == "Fn::GetAtt") {
    if (args.is_array() && args.size() == 2 && args.as_array()[0].is_string() && args.as_array()[1].is_string()) {
      out.push_back({Reference::Kind::attribute, args.as_array()[0].as_string(), args.as_array()[1].as_string()});
    } else if (args.is_string()) {  // the short form "Id.Attribute"
      const std::string& s = args.as_string();
      std::size_t dot = s.find('.');
      if (dot != std::string::npos) out.push_back({Reference::Kind::attribute, s.substr(0, dot), s.substr(dot + 1)});
    }
  } else if (function == "Fn::Sub") {
    if (args.is_string()) return sub_references(args.as_string(), {});
    if (args.is_array() && args.size() >= 1 && args.as_array()[0].is_string()) {
      std::vector<std::string> bound;
      if (args.size() >= 2 && args.as_array()[1].is_object()) {
        for (const auto& [name, value] : args.as_array()[1].as_object()) bound.push_back(name);
      }
      return sub_references(args.as_array()[0].as_string(), bound);
    }
  } else if (function == "Fn::If") {
    if (args.is_array() && args.size() >= 1 && args.as_array()[0].is_string()) {
      out.push_back({Reference::Kind::condition, args.as_array()[0].as_string(), ""});
    }
  } else if (function == "Condition") {
    if (args.is_string()) out.push_back({Reference::Kind::condition, args.as_string(), ""});
  } else if (function == "Fn::FindInMap") {
    if (args.is_array() && args.size() >= 1 && args.as_array()[0].is_string()) {
      out.push_back({Reference::Kind::mapping, args.as_array()[0].as_string(), ""});
    }
  }
  return out;
}

}  // namespace detail

ConditionName::operator Condition() const { return Condition(call("Condition", Json(name))); }

Value<std::string> ref(const Resource& resource) {
  return Value<std::string>(Intrinsic(call("Ref", Json(resource.logical_id()))));
}

Intrinsic ref(const Parameter& parameter) { return Intrinsic(call("Ref", Json(parameter.name()))); }

Intrinsic get_att(const Resource& resource, std::string_view attribute) {
  if (!resource.has_attribute(attribute)) {
    std::string known;
    for (std::string_view a : resource.attribute_names()) known += (known.empty() ? "" : ", ") + std::string(a);
    throw ValidationError("005", resource.logical_id(), std::string(attribute),
                          fmt::format("resource '{}' ({}) has no attribute '{}' for Fn::GetAtt; use one of: {}",
                                      resource.logical_id(), resource.type(), attribute,
                                      known.empty() ? std::string("(none: this type has no attributes)") : known));
  }
  return Intrinsic(call("Fn::GetAtt", Json::array({resource.logical_id(), attribute})));
}

Value<std::string> join(std::string_view delimiter, List<std::string> values) {
  return Intrinsic(call("Fn::Join", Json::array({delimiter, values.to_json()})));
}

Value<std::string> sub(std::string_view text) { return Intrinsic(call("Fn::Sub", Json(text))); }

Value<std::string> sub(std::string_view text, std::vector<std::pair<std::string, Json>> variables) {
  Json vars = Json::object(std::move(variables));
  return Intrinsic(call("Fn::Sub", Json::array({text, std::move(vars)})));
}

Intrinsic select(Json index, List<std::string> list) {
  return Intrinsic(call("Fn::Select", Json::array({std::move(index), list.to_json()})));
}

List<std::string> split(std::string_view delimiter, Value<std::string> source) {
  return Intrinsic(call("Fn::Split", Json::array({delimiter, source.to_json()})));
}

List<std::string> get_azs(Value<std::string> region) {
  Json arg = region.is_set() ? region.to_json() : Json("");
  return Intrinsic(call("Fn::GetAZs", std::move(arg)));
}

Intrinsic if_(const ConditionName& condition, Json when_true, Json when_false) {
  return Intrinsic(call("Fn::If", Json::array({condition.name, std::move(when_true), std::move(when_false)})));
}

Condition equals(Json a, Json b) { return Condition(call("Fn::Equals", Json::array({std::move(a), std::move(b)}))); }

Condition not_(Condition condition) { return Condition(call("Fn::Not", Json::array({condition.json()}))); }

Condition and_(std::vector<Condition> conditions) {
  return Condition(call("Fn::And", Json::array(condition_list(std::move(conditions), "Fn::And"))));
}

Condition or_(std::vector<Condition> conditions) {
  return Condition(call("Fn::Or", Json::array(condition_list(std::move(conditions), "Fn::Or"))));
}

Value<std::string> base64(Value<std::string> value) { return Intrinsic(call("Fn::Base64", value.to_json())); }

Intrinsic find_in_map(std::string_view map_name, Json top_level_key, Json second_level_key) {
  return Intrinsic(
      call("Fn::FindInMap", Json::array({map_name, std::move(top_level_key), std::move(second_level_key)})));
}

Intrinsic import_value(Value<std::string> exported_name) {
  return Intrinsic(call("Fn::ImportValue", exported_name.to_json()));
}

namespace pseudo {
Value<std::string> region() { return Intrinsic(pseudo_ref("AWS::Region")); }
Value<std::string> account_id() { return Intrinsic(pseudo_ref("AWS::AccountId")); }
Value<std::string> partition() { return Intrinsic(pseudo_ref("AWS::Partition")); }
Value<std::string> stack_name() { return Intrinsic(pseudo_ref("AWS::StackName")); }
Value<std::string> stack_id() { return Intrinsic(pseudo_ref("AWS::StackId")); }
Value<std::string> url_suffix() { return Intrinsic(pseudo_ref("AWS::URLSuffix")); }
Intrinsic no_value() { return Intrinsic(pseudo_ref("AWS::NoValue")); }
List<std::string> notification_arns() { return Intrinsic(pseudo_ref("AWS::NotificationARNs")); }
bool is_pseudo_parameter(std::string_view name) {
  return std::find(kPseudoParameters.begin(), kPseudoParameters.end(), name) != kPseudoParameters.end();
}
}  // namespace pseudo

}  // namespace hoplite::cfn
