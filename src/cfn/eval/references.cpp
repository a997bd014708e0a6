#include "cfn/eval/references.hpp"

#include <algorithm>
#include <array>
#include <set>

namespace hoplite::cfn::detail {

namespace {

bool is_sub_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == ':';
}

// Walks `v` (recursion depth = the value's nesting depth, bounded by TemplateLimits::max_depth).
void walk(const TemplateValue& v, References& out, bool condition_context, const BranchChooser* choose) {
  if (v.is_array()) {
    for (const TemplateValue& item : v) walk(item, out, condition_context, choose);
    return;
  }
  if (!v.is_object()) return;
  auto name = intrinsic_name(v, condition_context);
  if (!name) {
    for (const auto& [key, member] : v.items()) walk(member, out, condition_context, choose);
    return;
  }
  const TemplateValue& args = v.begin().value();
  out.functions.add(std::string(*name));
  if (*name == "Ref") {
    if (args.is_string()) out.refs.add(args.get<std::string>());
    return;
  }
  if (*name == "Condition") {
    if (args.is_string()) out.conditions.add(args.get<std::string>());
    return;
  }
  if (*name == "Fn::GetAtt") {
    if (args.is_array() && !args.empty() && args[0].is_string()) {
      std::string attribute = args.size() > 1 && args[1].is_string() ? args[1].get<std::string>() : "";
      out.attributes.add({args[0].get<std::string>(), attribute});
      if (args.size() > 1 && !args[1].is_string()) walk(args[1], out, condition_context, choose);
    } else if (args.is_string()) {
      const std::string& s = args.get_ref<const std::string&>();
      auto dot = s.find('.');
      out.attributes.add({s.substr(0, dot), dot == std::string::npos ? "" : s.substr(dot + 1)});
    }
    return;
  }
  if (*name == "Fn::Sub") {
    const TemplateValue* text = args.is_string() ? &args : nullptr;
    const TemplateValue* vars = nullptr;
    if (args.is_array() && !args.empty() && args[0].is_string()) {
      text = &args[0];
      if (args.size() > 1) vars = &args[1];
    }
    if (vars != nullptr) walk(*vars, out, condition_context, choose);
    if (text == nullptr) {
      walk(args, out, condition_context, choose);
      return;
    }
    std::string error;
    auto parts = parse_sub(text->get_ref<const std::string&>(), &error);
    if (!parts) return;
    for (const SubPart& part : *parts) {
      if (!part.variable) continue;
      if (vars != nullptr && vars->is_object() && vars->contains(part.text)) continue;
      auto dot = part.text.find('.');
      if (dot == std::string::npos) {
        out.refs.add(part.text);
      } else {
        out.attributes.add({part.text.substr(0, dot), part.text.substr(dot + 1)});
      }
    }
    return;
  }
  if (*name == "Fn::If" && args.is_array() && args.size() == 3 && args[0].is_string()) {
    const std::string& condition = args[0].get_ref<const std::string&>();
    out.conditions.add(condition);
    std::optional<bool> taken = choose != nullptr ? (*choose)(condition) : std::nullopt;
    if (!taken || *taken) walk(args[1], out, condition_context, choose);
    if (!taken || !*taken) walk(args[2], out, condition_context, choose);
    return;
  }
  // Inside Fn::And/Or/Not, {"Condition": X} names a condition.
  bool conditions_inside = *name == "Fn::And" || *name == "Fn::Or" || *name == "Fn::Not";
  walk(args, out, condition_context || conditions_inside, choose);
}

}  // namespace

std::optional<std::string_view> intrinsic_name(const TemplateValue& v, bool condition_context) {
  if (!v.is_object() || v.size() != 1) return std::nullopt;
  const std::string& key = v.begin().key();
  if (key == "Ref" || key.starts_with("Fn::") || (condition_context && key == "Condition")) return key;
  return std::nullopt;
}

std::optional<std::vector<SubPart>> parse_sub(std::string_view text, std::string* error) {
  std::vector<SubPart> parts;
  auto literal = [&](std::string_view s) {
    if (s.empty()) return;
    if (!parts.empty() && !parts.back().variable) {
      parts.back().text += s;
    } else {
      parts.push_back(SubPart{false, std::string(s)});
    }
  };
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t open = text.find("${", pos);
    if (open == std::string_view::npos) {
      literal(text.substr(pos));
      break;
    }
    literal(text.substr(pos, open - pos));
    std::size_t close = text.find('}', open + 2);
    if (close == std::string_view::npos) {  // no closing brace: the rest is text
      literal(text.substr(open));
      break;
    }
    std::string_view name = text.substr(open + 2, close - open - 2);
    if (name.starts_with('!')) {  // ${!Literal} -> ${Literal}
      literal("${");
      literal(name.substr(1));
      literal("}");
    } else {
      if (name.empty() || !std::all_of(name.begin(), name.end(), is_sub_name_char)) {
        if (error != nullptr) {
          *error =
              "Template error: variable names in Fn::Sub syntax must contain only alphanumeric characters, "
              "underscores, periods, and colons";
        }
        return std::nullopt;
      }
      parts.push_back(SubPart{true, std::string(name)});
    }
    pos = close + 1;
  }
  return parts;
}

void collect_references(const TemplateValue& v, References& out, bool condition_context, const BranchChooser* choose) {
  walk(v, out, condition_context, choose);
}

std::vector<std::string> resource_dependencies(const TemplateDocument& doc, const TemplateResource& resource,
                                               const BranchChooser* choose) {
  OrderedSet<std::string> deps;
  for (const auto& d : resource.depends_on) deps.add(d);
  References refs;
  walk(resource.properties, refs, false, choose);
  // Intrinsics are allowed in these too (with AWS::LanguageExtensions) and order the resource.
  for (const TemplateValue* extra : {&resource.deletion_policy, &resource.update_replace_policy, &resource.metadata}) {
    walk(*extra, refs, false, choose);
  }
  for (const auto& r : refs.refs) {
    if (doc.find_resource(r) != nullptr) deps.add(r);
  }
  for (const auto& [id, attribute] : refs.attributes) {
    if (doc.find_resource(id) != nullptr) deps.add(id);
  }
  return deps.items();
}

bool is_pseudo_parameter(std::string_view name) {
  static constexpr std::array<std::string_view, 8> kPseudo = {"AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",
                                                              "AWS::Partition", "AWS::Region",           "AWS::StackId",
                                                              "AWS::StackName", "AWS::URLSuffix"};
  return std::find(kPseudo.begin(), kPseudo.end(), name) != kPseudo.end();
}

}  // namespace hoplite::cfn::detail
