#include "sfn/checks.hpp"

#include <fmt/format.h>

#include "hoplite/sfn/error.hpp"
#include "sfn/query/json_path.hpp"

namespace hoplite::sfn::detail {

using asl::is_dynamic_value;
using asl::is_json_path;
using asl::is_reference_path;

void check_path(std::string_view state, std::string_view field, const std::optional<Path>& path, bool reference) {
  if (!path || path->is_null()) return;
  bool ok = reference ? is_reference_path(path->text()) : is_json_path(path->text());
  if (!ok) {
    throw DefinitionError(DefinitionRule::kInvalidField,
                          fmt::format("{} of state '{}' is '{}', which is not a {} (e.g. \"$.result\")", field, state,
                                      path->text(), reference ? "reference path" : "JSONPath"));
  }
}

void check_reference_path(std::string_view state, std::string_view field, std::string_view path) {
  if (!is_reference_path(path)) {
    throw DefinitionError(DefinitionRule::kInvalidField,
                          fmt::format("{} of state '{}' is '{}', which is not a reference path (e.g. \"$.seconds\")",
                                      field, state, path));
  }
}

void check_payload(std::string_view state, std::string_view field, const cfn::Json& payload) {
  if (payload.is_object()) {
    for (const auto& [key, value] : payload.as_object()) {
      if (key.ends_with(".$")) {
        if (!value.is_string() || !is_dynamic_value(value.as_string())) {
          throw DefinitionError(DefinitionRule::kInvalidField,
                                fmt::format("{} of state '{}': '{}' ends in \".$\", so its value must be a path or an "
                                            "intrinsic function such as States.Format(...), not {}",
                                            field, state, key, value.dump()));
        }
      } else {
        check_payload(state, field, value);
      }
    }
  } else if (payload.is_array()) {
    for (const auto& item : payload.as_array()) check_payload(state, field, item);
  }
}

void check_positive(std::string_view state, std::string_view field, const std::optional<int>& value) {
  if (value && *value < 1) {
    throw DefinitionError(DefinitionRule::kInvalidField,
                          fmt::format("{} of state '{}' must be at least 1, not {}", field, state, *value));
  }
}

}  // namespace hoplite::sfn::detail
