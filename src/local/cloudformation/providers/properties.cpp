#include "local/cloudformation/providers/properties.hpp"

#include <charconv>
#include <climits>

#include "local/service.hpp"

namespace hoplite::local::cloudformation {

std::string as_text(const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

std::optional<std::string> text(const nlohmann::json& props, const char* key) {
  auto it = props.find(key);
  if (it == props.end() || it->is_null()) return std::nullopt;
  return as_text(*it);
}

std::optional<bool> flag(const nlohmann::json& props, const char* key) {
  auto it = props.find(key);
  if (it == props.end() || it->is_null()) return std::nullopt;
  if (it->is_boolean()) return it->get<bool>();
  auto t = as_text(*it);
  return t == "true" || t == "True";
}

core::Result<std::optional<int>> integer_property(const nlohmann::json& props, const char* key) {
  auto it = props.find(key);
  if (it == props.end() || it->is_null()) return std::optional<int>();
  long long n = 0;
  bool fits = false;
  if (it->is_number_integer()) {
    n = it->get<long long>();
    fits = true;
  } else if (it->is_string()) {
    const auto& s = it->get_ref<const std::string&>();
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    fits = ec == std::errc{} && end == s.data() + s.size() && !s.empty();
  }
  if (!fits || n < INT_MIN || n > INT_MAX)
    return aws_error("ValidationError", "Value of property {/" + std::string(key) + "} does not match type {Integer}");
  return std::optional<int>(static_cast<int>(n));
}

std::map<std::string, std::string> tag_map(const nlohmann::json& props) {
  std::map<std::string, std::string> out;
  auto it = props.find("Tags");
  if (it == props.end() || !it->is_array()) return out;
  for (const auto& t : *it)
    if (t.is_object()) out[text(t, "Key").value_or("")] = text(t, "Value").value_or("");
  return out;
}

}  // namespace hoplite::local::cloudformation
