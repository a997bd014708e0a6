#include "hoplite/cfn/render.hpp"

#include "cfn/intrinsic_refs.hpp"
#include "hoplite/cfn/validation_error.hpp"

namespace hoplite::cfn {

nlohmann::ordered_json to_nlohmann(const Json& json) {
  switch (json.kind()) {
    case Json::Kind::null:
      return nullptr;
    case Json::Kind::boolean:
      return json.as_bool();
    case Json::Kind::integer:
      return json.as_int();
    case Json::Kind::number:
      return json.as_double();
    case Json::Kind::string:
      return json.as_string();
    case Json::Kind::array: {
      auto out = nlohmann::ordered_json::array();
      for (const Json& item : json.as_array()) out.push_back(to_nlohmann(item));
      return out;
    }
    case Json::Kind::object: {
      auto out = nlohmann::ordered_json::object();
      for (const auto& [key, value] : json.as_object()) out[key] = to_nlohmann(value);
      return out;
    }
    case Json::Kind::intrinsic: {
      const auto& node = json.as_intrinsic();
      auto out = nlohmann::ordered_json::object();
      out[node.function] = to_nlohmann(node.args);
      return out;
    }
  }
  return nullptr;
}

Json from_nlohmann(const nlohmann::ordered_json& json) {
  switch (json.type()) {
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded:
      return Json();
    case nlohmann::json::value_t::boolean:
      return Json(json.get<bool>());
    case nlohmann::json::value_t::number_integer:
      return Json(json.get<std::int64_t>());
    case nlohmann::json::value_t::number_unsigned:
      return Json(static_cast<std::int64_t>(json.get<std::uint64_t>()));
    case nlohmann::json::value_t::number_float:
      return Json(json.get<double>());
    case nlohmann::json::value_t::string:
      return Json(json.get<std::string>());
    case nlohmann::json::value_t::array: {
      Json::Array items;
      for (const auto& item : json) items.push_back(from_nlohmann(item));
      return Json::array(std::move(items));
    }
    case nlohmann::json::value_t::object: {
      if (json.size() == 1) {
        auto it = json.begin();
        const std::string& key = it.key();
        Json args = from_nlohmann(it.value());
        if (detail::is_intrinsic_key(key, args)) {
          auto refs = detail::references_of(key, args);
          return Json::make_intrinsic(key, std::move(args), std::move(refs));
        }
      }
      Json::Object members;
      for (const auto& [key, value] : json.items()) members.emplace_back(key, from_nlohmann(value));
      return Json::object(std::move(members));
    }
    case nlohmann::json::value_t::binary:
      break;
  }
  return Json();
}

std::string dump_template(const nlohmann::ordered_json& json) {
  try {
    return json.dump(2) + "\n";
  } catch (const nlohmann::json::type_error& e) {
    // nlohmann refuses invalid UTF-8 (error 316); CloudFormation would too, later and less clearly.
    throw ValidationError(
        "013", "", "",
        std::string("the template holds a string that is not valid UTF-8 (") + e.what() + "); pass UTF-8 text only");
  }
}

}  // namespace hoplite::cfn
