#include "hoplite/cfn/parameters.hpp"

#include <charconv>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "cfn/parameter_type.hpp"
#include "cfn/safe_regex.hpp"
#include "hoplite/cfn/evaluator.hpp"

namespace hoplite::cfn {

namespace {

std::string number_text(double d) {
  if (d == std::floor(d) && std::fabs(d) < 1e15) return std::to_string(static_cast<long long>(d));
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  return ec == std::errc() ? std::string(buf, end) : std::to_string(d);
}

std::optional<double> parse_number(std::string_view s) {
  // Java's Double.parseDouble accepts surrounding blanks; CloudFormation trims too.
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.empty() || s.size() > 64) return std::nullopt;
  if (s.front() == '+') s.remove_prefix(1);
  double d = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(d)) return std::nullopt;
  return d;
}

std::vector<std::string> split_list(const std::string& value) {
  std::vector<std::string> items;
  std::size_t start = 0;
  for (;;) {
    std::size_t comma = value.find(',', start);
    // CloudFormation trims the blanks around each member ("a, b" -> ["a", "b"]).
    std::string_view item =
        std::string_view(value).substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    items.emplace_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return items;
}

}  // namespace

std::string check_parameter_value(const TemplateParameter& p, const std::string& value) {
  auto type = detail::parse_parameter_type(p.type);
  if (!type) return "Template format error: Unrecognized parameter type: " + p.type;
  const std::string quoted = "Parameter '" + p.name + "'";
  auto constraint = [&](std::string rule) {
    if (p.constraint_description) return quoted + " failed to satisfy constraint: " + *p.constraint_description;
    return rule;
  };
  std::vector<std::string> items = type->list && !type->ssm_value ? split_list(value) : std::vector<std::string>{value};
  if (type->base == detail::ParameterType::Base::number && !type->ssm_value) {
    for (const auto& item : items) {
      auto n = parse_number(item);
      if (!n) return quoted + " must be a number.";
      if (p.min_value && *n < *p.min_value) {
        return constraint(quoted + " must be a number not less than " + number_text(*p.min_value));
      }
      if (p.max_value && *n > *p.max_value) {
        return constraint(quoted + " must be a number not greater than " + number_text(*p.max_value));
      }
    }
  }
  if (!p.allowed_values.empty()) {
    for (const auto& item : items) {
      bool allowed = false;
      for (const auto& a : p.allowed_values) allowed = allowed || a == item;
      if (!allowed) return constraint(quoted + " must be one of AllowedValues");
    }
  }
  if (type->base == detail::ParameterType::Base::string) {
    if (p.min_length && value.size() < *p.min_length) {
      return constraint(quoted + " must contain at least " + std::to_string(*p.min_length) + " characters");
    }
    if (p.max_length && value.size() > *p.max_length) {
      return constraint(quoted + " must contain at most " + std::to_string(*p.max_length) + " characters");
    }
  }
  if (p.allowed_pattern && !type->ssm_value) {
    std::string why;
    auto regex = detail::SafeRegex::compile(*p.allowed_pattern, &why);
    if (!regex) {
      return "Template format error: AllowedPattern " + *p.allowed_pattern + " of parameter " + p.name +
             " is not supported: " + why;
    }
    for (const auto& item : items) {
      if (!regex->full_match(item)) return constraint(quoted + " must match pattern " + *p.allowed_pattern);
    }
  }
  return {};
}

core::Result<std::vector<ParameterValue>> bind_parameters(const TemplateDocument& doc,
                                                          const std::vector<GivenParameter>& given,
                                                          const std::vector<ParameterValue>& previous,
                                                          Resolver* resolver) {
  auto fail = [](std::string m) { return core::fail(validation_error(std::move(m))); };
  std::map<std::string, const GivenParameter*, std::less<>> by_key;
  std::vector<std::string> unknown;
  for (const auto& g : given) {
    if (doc.find_parameter(g.key) == nullptr) {
      unknown.push_back(g.key);
      continue;
    }
    by_key[g.key] = &g;
  }
  if (!unknown.empty())
    return fail("Parameters: [" + fmt::to_string(fmt::join(unknown, ", ")) + "] do not exist in the template");

  std::vector<ParameterValue> out;
  std::vector<std::string> missing;
  for (const TemplateParameter& p : doc.parameters) {
    auto type = detail::parse_parameter_type(p.type);
    ParameterValue v{p.name, p.type, {}, {}, std::nullopt, p.no_echo};
    auto g = by_key.find(p.name);
    if (g != by_key.end() && g->second->use_previous_value) {
      const ParameterValue* before = nullptr;
      for (const auto& prev : previous) before = prev.key == p.name ? &prev : before;
      if (before == nullptr) {
        return fail("Invalid input for parameter key " + p.name +
                    ". Cannot specify usePreviousValue as true for a parameter key not in the previous template");
      }
      v.value = before->value;
    } else if (g != by_key.end()) {
      v.value = g->second->value;
    } else if (p.default_value) {
      v.value = *p.default_value;
    } else {
      if (type && type->ssm_value) {
        return fail("Parameter " + p.name + " should either have input value or default value");
      }
      missing.push_back(p.name);
      continue;
    }
    out.push_back(std::move(v));
  }
  if (!missing.empty()) return fail("Parameters: [" + fmt::to_string(fmt::join(missing, ", ")) + "] must have values");

  for (ParameterValue& v : out) {
    const TemplateParameter& p = *doc.find_parameter(v.key);
    if (auto e = check_parameter_value(p, v.value); !e.empty()) return fail(std::move(e));
    auto type = detail::parse_parameter_type(p.type);
    std::string text = v.value;
    if (type->ssm_value) {
      // AWS answers a name that is not in Parameter Store as if no value had been given
      // (recorded: cfn-template_engine-resolve_ssm_missing_parameter).
      auto fetched =
          resolver != nullptr ? resolver->ssm_parameter(v.value) : core::Result<std::string>(core::fail("", ""));
      if (!fetched) return fail("Parameter " + v.key + " should either have input value or default value");
      text = *fetched;
      v.resolved_value = text;
    }
    if (type->list) {
      v.resolved = TemplateValue::array();
      for (auto& item : split_list(text)) v.resolved.push_back(std::move(item));
    } else {
      v.resolved = text;
    }
  }
  return out;
}

}  // namespace hoplite::cfn
