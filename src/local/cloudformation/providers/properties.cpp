#include "local/cloudformation/providers/properties.hpp"

namespace hoplite::local::cloudformation {

std::optional<std::string> text(const nlohmann::json& props, const char* key) {
  auto it = props.find(key);
  if (it == props.end() || it->is_null()) return std::nullopt;
  return it->is_string() ? it->get<std::string>() : it->dump();
}

}  // namespace hoplite::local::cloudformation
