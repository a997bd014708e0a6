#include "local/cloudformation/providers/properties.hpp"

namespace hoplite::local::cloudformation {

std::optional<std::string> text(const nlohmann::json& props, const char* key) {
  auto it = props.find(key);
  if (it == props.end() || it->is_null()) return std::nullopt;
  return it->is_string() ? it->get<std::string>() : it->dump();
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
