// Choice rules as readable text, for edge labels and the state detail view.
#include <array>
#include <string_view>

#include <fmt/format.h>

#include "describe/asl_model.hpp"

#include "hoplite/core/ascii.hpp"

namespace hoplite::describe {
namespace {

struct Comparison {
  std::string_view suffix;  ///< the operator name after String/Numeric/Boolean/Timestamp
  std::string_view symbol;
};

constexpr std::array kComparisons{
    Comparison{"Equals", "=="},  Comparison{"LessThanEquals", "<="}, Comparison{"GreaterThanEquals", ">="},
    Comparison{"LessThan", "<"}, Comparison{"GreaterThan", ">"},     Comparison{"Matches", "matches"},
};

constexpr std::array<std::string_view, 4> kKinds{"String", "Numeric", "Boolean", "Timestamp"};

std::string operand(const Json& v) {
  if (v.is_string()) return fmt::format("\"{}\"", v.get<std::string>());
  return v.dump(-1, ' ', false, Json::error_handler_t::replace);
}

/// One comparison leaf (Variable + operator), or "" when `rule` has none this function knows.
std::string leaf_text(const Json& rule) {
  const std::string variable = str_or(rule, "Variable", "?");
  for (const auto& [key, value] : rule.items()) {
    if (key == "Variable" || key == "Next" || key == "Comment") continue;
    // IsPresent / IsNull / IsString / IsNumeric / IsBoolean / IsTimestamp take a boolean.
    if (key.starts_with("Is") && value.is_boolean()) {
      const std::string what = key.substr(2);
      if (what == "Present") return fmt::format("{} is {}", variable, value.get<bool>() ? "present" : "absent");
      return fmt::format("{} is {}{}", variable, value.get<bool>() ? "" : "not ", core::ascii_lower(what));
    }
    for (std::string_view kind : kKinds) {
      if (!key.starts_with(kind)) continue;
      std::string_view op = std::string_view(key).substr(kind.size());
      const bool path = op.ends_with("Path");
      if (path) op.remove_suffix(4);
      for (const auto& c : kComparisons) {
        if (op != c.suffix) continue;
        const std::string right = path && value.is_string() ? value.get<std::string>() : operand(value);
        return fmt::format("{} {} {}", variable, c.symbol, right);
      }
    }
  }
  return {};
}

}  // namespace

std::string choice_rule_text(const Json& rule, int max_depth) {
  if (!rule.is_object()) return "?";
  if (max_depth <= 0) return "…";
  if (auto n = rule.find("Not"); n != rule.end()) return "not (" + choice_rule_text(*n, max_depth - 1) + ")";
  for (const char* op : {"And", "Or"}) {
    auto list = rule.find(op);
    if (list == rule.end() || !list->is_array()) continue;
    std::string out;
    for (const auto& sub : *list) {
      if (!out.empty()) out += op[0] == 'A' ? " and " : " or ";
      const bool compound = sub.is_object() && (sub.contains("And") || sub.contains("Or"));
      const std::string text = choice_rule_text(sub, max_depth - 1);
      out += compound ? "(" + text + ")" : text;
    }
    return out.empty() ? "?" : out;
  }
  if (auto c = rule.find("Condition"); c != rule.end() && c->is_string()) return c->get<std::string>();  // JSONata
  std::string leaf = leaf_text(rule);
  return leaf.empty() ? "?" : leaf;
}

}  // namespace hoplite::describe
