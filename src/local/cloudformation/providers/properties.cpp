#include "local/cloudformation/providers/properties.hpp"

namespace hoplite::local::cloudformation {

std::string as_text(const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

std::optional<std::string> text(const nlohmann::json& props, const char* key) {
  auto it = props.find(key);
  if (it == props.end() || it->is_null()) return std::nullopt;
  return as_text(*it);
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
