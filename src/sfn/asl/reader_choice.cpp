// Choice states and their rules (JSONPath query language).
#include <fmt/format.h>

#include "sfn/asl/reader.hpp"

namespace hoplite::sfn::asl {

void Reader::choice(StateNode& node, const Json& s, const std::string& at) {
  const Json* list = find_member(s, "Choices");
  if (list == nullptr || !list->is_array() || list->empty()) {
    schema(DefinitionRule::kMissingTarget, "The field 'Choices' must be a non-empty ARRAY of rules",
           at + (list ? "/Choices" : ""));
  } else {
    for (std::size_t i = 0; i < list->size(); ++i) {
      std::string rat = fmt::format("{}/Choices/{}", at, i);
      ChoiceRule r;
      r.pointer = rat;
      r.condition = rule((*list)[i], rat, 0, true);
      if ((*list)[i].is_object()) {
        if (!find_member((*list)[i], "Next"))
          schema(DefinitionRule::kMissingTarget, "These fields are required: [Next]", rat);
        else if (auto n = string_field((*list)[i], "Next", rat, true))
          r.next_name = *n;
      }
      node.choices.push_back(std::move(r));
    }
  }
  if (auto d = string_field(s, "Default", at, false)) node.default_name = *d;
}

// Recursion follows And/Or/Not nesting and stops at kMaxRuleNesting.
std::unique_ptr<JsonPathRule> Reader::rule(const Json& r, const std::string& at, std::size_t depth, bool top) {
  if (depth > kMaxRuleNesting) {
    problem(DefinitionRule::kTooLarge, "SCHEMA_VALIDATION_FAILED",
            fmt::format("Choice rules are nested more than {} levels deep", kMaxRuleNesting), at);
    return nullptr;
  }
  if (!r.is_object()) {
    schema(DefinitionRule::kMissingField, "A Choice rule must be an OBJECT", at);
    return nullptr;
  }
  if (!top && find_member(r, "Next"))
    schema(DefinitionRule::kInvalidField, "A rule inside And, Or or Not must not have the field 'Next'", at + "/Next");
  auto out = std::make_unique<JsonPathRule>();
  std::vector<std::string> operators;
  for (auto it = r.begin(); it != r.end(); ++it) {
    const std::string& k = it.key();
    if (k == "And" || k == "Or" || k == "Not" || find_choice_operator(k, nullptr)) operators.push_back(k);
  }
  std::vector<const char*> allowed{"Variable", "Next", "Comment", "And", "Or", "Not"};
  for (const auto& o : operators) allowed.push_back(o.c_str());
  check_fields(r, allowed, at);
  if (operators.size() != 1) {
    schema(DefinitionRule::kMissingField,
           operators.empty() ? "A Choice rule needs a comparison operator or And, Or, Not"
                             : fmt::format("A Choice rule must have exactly one comparison operator or And, Or, Not; "
                                           "this one has {}",
                                           operators.size()),
           at);
    return nullptr;
  }
  const std::string& op = operators[0];
  const Json& value = r[op];
  std::string vat = at + "/" + op;
  if (op == "And" || op == "Or") {
    out->kind = op == "And" ? JsonPathRule::Kind::kAnd : JsonPathRule::Kind::kOr;
    if (!value.is_array() || value.empty()) {
      schema(DefinitionRule::kMissingField, fmt::format("The value for the field '{}' must be a non-empty ARRAY", op),
             vat);
      return nullptr;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
      auto child = rule(value[i], fmt::format("{}/{}", vat, i), depth + 1, false);
      if (child) out->children.push_back(std::move(child));
    }
    if (find_member(r, "Variable"))
      schema(DefinitionRule::kInvalidField, fmt::format("A rule with '{}' must not have the field 'Variable'", op), at);
    return out->children.size() == value.size() ? std::move(out) : nullptr;
  }
  if (op == "Not") {
    out->kind = JsonPathRule::Kind::kNot;
    auto child = rule(value, vat, depth + 1, false);
    if (!child) return nullptr;
    out->children.push_back(std::move(child));
    return out;
  }
  bool is_path = false;
  auto info = find_choice_operator(op, &is_path);
  out->kind = JsonPathRule::Kind::kCompare;
  out->op = info->op;
  auto variable = path_expression(r, "Variable", at, true);
  if (!find_member(r, "Variable")) schema(DefinitionRule::kInvalidField, "These fields are required: [Variable]", at);
  if (variable) out->variable = std::make_shared<JsonPath>(static_cast<PathExpression&>(*variable).path());
  bool ok = false;
  const char* expected = "";
  if (is_path) {
    expected = "a reference path STRING";
    if (value.is_string()) {
      auto p = JsonPath::compile(value.get_ref<const std::string&>());
      ok = p && p->is_reference();
      if (ok) out->value_path = std::make_shared<JsonPath>(std::move(*p));
    }
  } else {
    switch (info->operand) {
      case OperandType::kString:
        expected = "a STRING";
        ok = value.is_string();
        break;
      case OperandType::kNumber:
        expected = "a NUMBER";
        ok = value.is_number();
        break;
      case OperandType::kBoolean:
        expected = "a BOOLEAN";
        ok = value.is_boolean();
        break;
      case OperandType::kTimestamp:
        expected = "an RFC 3339 timestamp STRING";
        ok = value.is_string() && parse_asl_timestamp(value.get_ref<const std::string&>()).has_value();
        break;
    }
    out->value = value;
  }
  if (!ok) {
    schema(DefinitionRule::kInvalidField, fmt::format("The value for the field '{}' must be {}", op, expected), vat);
    return nullptr;
  }
  return out->variable ? std::move(out) : nullptr;
}

}  // namespace hoplite::sfn::asl
