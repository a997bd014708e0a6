// Dynamic references ({{resolve:ssm:name[:version]}}) in final property values. Only the `ssm`
// kind is resolved (through the Resolver); ssm-secure and secretsmanager stay as written.

#include "cfn/eval/functions.hpp"
#include "hoplite/cfn/evaluator.hpp"

namespace hoplite::cfn {

namespace {

constexpr std::string_view kOpen = "{{resolve:ssm:";

core::Result<std::string> resolve_text(const std::string& text, Resolver& resolver) {
  std::string out;
  std::size_t pos = 0;
  while (true) {
    std::size_t open = text.find(kOpen, pos);
    if (open == std::string::npos) break;
    std::size_t close = text.find("}}", open + kOpen.size());
    if (close == std::string::npos) break;
    std::string reference = text.substr(open + kOpen.size(), close - open - kOpen.size());
    // name[:version]: SSM names contain no ':' except in an ARN-style name, so a trailing
    // all-digit part after the last ':' is the version.
    std::string name = reference;
    if (auto colon = reference.rfind(':'); colon != std::string::npos && colon + 1 < reference.size() &&
                                           reference.find_first_not_of("0123456789", colon + 1) == std::string::npos) {
      name = reference.substr(0, colon);
    }
    auto value = resolver.ssm_parameter(name);
    if (!value) return value.failure();
    out += text.substr(pos, open - pos);
    out += *value;
    pos = close + 2;
  }
  out += text.substr(pos);
  return out;
}

core::Result<TemplateValue> resolve(const TemplateValue& v, Resolver& resolver) {
  if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    if (s.find(kOpen) == std::string::npos) return v;
    auto r = resolve_text(s, resolver);
    if (!r) return r.failure();
    return TemplateValue(std::move(*r));
  }
  if (v.is_object()) {
    TemplateValue out = TemplateValue::object();
    for (const auto& [key, member] : v.items()) {
      auto r = resolve(member, resolver);
      if (!r) return r;
      out[key] = std::move(*r);
    }
    return out;
  }
  if (v.is_array()) {
    TemplateValue out = TemplateValue::array();
    for (const TemplateValue& item : v) {
      auto r = resolve(item, resolver);
      if (!r) return r;
      out.push_back(std::move(*r));
    }
    return out;
  }
  return v;
}

}  // namespace

namespace detail {
core::Result<TemplateValue> resolve_dynamic_references(const TemplateValue& value, Resolver& resolver) {
  return resolve(value, resolver);
}
}  // namespace detail

}  // namespace hoplite::cfn
