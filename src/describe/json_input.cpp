#include "describe/json_input.hpp"

#include <fmt/format.h>

namespace hoplite::describe {

std::size_t json_depth(std::string_view text, std::size_t cap) {
  std::size_t depth = 0;
  std::size_t deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > deepest) deepest = depth;
      if (deepest > cap) return deepest;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

std::string str_or(const Json& obj, std::string_view key, std::string_view fallback) {
  if (!obj.is_object()) return std::string(fallback);
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string(fallback);
}

bool bool_or(const Json& obj, std::string_view key, bool fallback) {
  if (!obj.is_object()) return fallback;
  auto it = obj.find(key);
  return it != obj.end() && it->is_boolean() ? it->get<bool>() : fallback;
}

double num_or(const Json& obj, std::string_view key, double fallback) {
  if (!obj.is_object()) return fallback;
  auto it = obj.find(key);
  return it != obj.end() && it->is_number() ? it->get<double>() : fallback;
}

core::Result<Json> parse_json(std::string_view text, std::string_view what, const JsonLimits& limits) {
  if (text.size() > limits.max_bytes) {
    return core::fail("describe.json", fmt::format("{} is {} bytes, more than the {} bytes describe reads", what,
                                                   text.size(), limits.max_bytes));
  }
  if (json_depth(text, limits.max_depth) > limits.max_depth) {
    return core::fail("describe.json",
                      fmt::format("{} nests arrays and objects deeper than {} levels", what, limits.max_depth));
  }
  try {
    return Json::parse(text);
  } catch (const Json::exception& e) {
    return core::fail("describe.json", fmt::format("{} is not JSON: {}", what, e.what()));
  }
}

}  // namespace hoplite::describe
