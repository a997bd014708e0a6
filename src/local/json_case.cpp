#include "local/json_case.hpp"

#include <cctype>
#include <string>
#include <utility>
#include <vector>

namespace hoplite::local {
namespace {

using nlohmann::json;

// Copies `value` renaming every object member with `rename`, with an explicit stack. Children are
// created before their pointers are taken (objects are maps, arrays are sized first), so the
// pointers stay valid while the work list holds them.
template <typename Rename>
json renamed(const json& value, Rename rename) {
  json out;
  std::vector<std::pair<const json*, json*>> work{{&value, &out}};
  while (!work.empty()) {
    auto [from, to] = work.back();
    work.pop_back();
    if (from->is_object()) {
      *to = json::object();
      for (const auto& [key, member] : from->items()) work.emplace_back(&member, &(*to)[rename(key)]);
    } else if (from->is_array()) {
      *to = json::array();
      for (std::size_t i = 0; i < from->size(); ++i) to->push_back(nullptr);
      for (std::size_t i = 0; i < from->size(); ++i) work.emplace_back(&(*from)[i], &(*to)[i]);
    } else {
      *to = *from;
    }
  }
  return out;
}

}  // namespace

json pascal_case(const json& value) {
  return renamed(value, [](std::string key) {
    if (!key.empty()) key[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(key[0])));
    return key;
  });
}

json camel_case(const json& value) {
  return renamed(value, [](std::string key) {
    if (!key.empty()) key[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(key[0])));
    return key;
  });
}

}  // namespace hoplite::local
