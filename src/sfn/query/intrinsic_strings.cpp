// States.Format, States.StringToJson, States.StringSplit.
#include <fmt/format.h>

#include <string>

#include "sfn/query/intrinsic.hpp"
#include "sfn/query/intrinsic_functions.hpp"

namespace hoplite::sfn::asl {
namespace {

// How Step Functions (Java) prints a value into a Format template: strings as they are, numbers
// and literals as JSON, objects and arrays the way Java's Map/List print (`{a=1, b=[x, y]}`).
// Iterative, so a deep argument costs no stack.
std::string java_text(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (!value.is_structured()) return to_text(value);
  struct Item {
    const Json* value = nullptr;
    std::string literal;  // text to emit instead of a value
  };
  std::string out;
  std::vector<Item> todo{{&value, ""}};
  while (!todo.empty()) {
    Item item = std::move(todo.back());
    todo.pop_back();
    if (item.value == nullptr) {
      out += item.literal;
      continue;
    }
    const Json& v = *item.value;
    if (v.is_string()) {
      out += v.get_ref<const std::string&>();
    } else if (!v.is_structured()) {
      out += to_text(v);
    } else {
      // Push in reverse: closing bracket, then members last to first with separators.
      const bool object = v.is_object();
      todo.push_back({nullptr, object ? "}" : "]"});
      std::vector<Item> parts;
      bool first = true;
      for (auto it = v.begin(); it != v.end(); ++it) {
        std::string prefix = first ? "" : ", ";
        if (object) prefix += it.key() + "=";
        parts.push_back({nullptr, prefix});
        parts.push_back({&*it, ""});
        first = false;
      }
      for (auto p = parts.rbegin(); p != parts.rend(); ++p) todo.push_back(std::move(*p));
      todo.push_back({nullptr, object ? "{" : "["});
    }
  }
  return out;
}

}  // namespace

core::Result<Json> intrinsic_format(const IntrinsicCall& call, const std::vector<Json>& args) {
  if (!args[0].is_string()) return intrinsic_failure(call, "the first argument must be a string template");
  const std::string& tmpl = args[0].get_ref<const std::string&>();
  // A literal template knows which braces were escaped; one read from a path has no escapes.
  std::vector<std::size_t> holes;
  if (call.args[0].kind == IntrinsicArg::Kind::kLiteral) {
    holes = call.args[0].placeholders;
  } else {
    for (std::size_t i = 0; i + 1 < tmpl.size(); ++i)
      if (tmpl[i] == '{' && tmpl[i + 1] == '}') holes.push_back(i++);
  }
  if (holes.size() != args.size() - 1)
    return intrinsic_failure(
        call, fmt::format("the template has {} placeholders but {} values follow it", holes.size(), args.size() - 1));
  std::string out;
  std::size_t from = 0;
  for (std::size_t h = 0; h < holes.size(); ++h) {
    out.append(tmpl, from, holes[h] - from);  // text up to the '{'
    out += java_text(args[h + 1]);
    from = holes[h] + 2;
  }
  out.append(tmpl, from);
  return Json(std::move(out));
}

core::Result<Json> intrinsic_string_to_json(const IntrinsicCall& call, const std::vector<Json>& args) {
  if (!args[0].is_string()) return intrinsic_failure(call, "the argument must be a string");
  const std::string& text = args[0].get_ref<const std::string&>();
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) return Json(nullptr);
  auto parsed = parse_json(text, JsonLimits{.max_bytes = text.size(), .max_depth = kMaxJsonDepth});
  if (!parsed) return intrinsic_failure(call, fmt::format("the string is not JSON: {}", parsed.error().message));
  return std::move(*parsed);
}

core::Result<Json> intrinsic_string_split(const IntrinsicCall& call, const std::vector<Json>& args) {
  if (!args[0].is_string() || !args[1].is_string()) return intrinsic_failure(call, "both arguments must be strings");
  // Every character of the second argument separates; empty pieces are dropped (Java's
  // StringTokenizer, which AWS's results match).
  const std::string& text = args[0].get_ref<const std::string&>();
  const std::string& separators = args[1].get_ref<const std::string&>();
  Json out = Json::array();
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t start = text.find_first_not_of(separators, i);
    if (start == std::string::npos) break;
    std::size_t end = text.find_first_of(separators, start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    i = end;
  }
  return out;
}

}  // namespace hoplite::sfn::asl
