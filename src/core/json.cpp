#include "hoplite/core/json.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace hoplite::core {
namespace {

template <typename Json>
Result<Json> parse(std::string_view text, std::string_view what, const DocumentLimits& limits) {
  if (auto checked = check_json_limits(text, what, limits); !checked) return checked.failure();
  Json doc = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    // Parse again for the position: only for malformed input, so the cost does not matter. The
    // parser's own message quotes the input, which may hold a secret (credential helper output),
    // so only the byte offset is reported.
    try {
      [[maybe_unused]] Json again = Json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error& e) {
      return fail("json.parse", fmt::format("{} is not valid JSON (error at byte {})", what, e.byte));
    } catch (const nlohmann::json::exception&) {
    }
    return fail("json.parse", fmt::format("{} is not valid JSON", what));
  }
  return doc;
}

}  // namespace

Result<nlohmann::json> parse_json(std::string_view text, std::string_view what, const DocumentLimits& limits) {
  return parse<nlohmann::json>(text, what, limits);
}

Result<nlohmann::ordered_json> parse_ordered_json(std::string_view text, std::string_view what,
                                                  const DocumentLimits& limits) {
  return parse<nlohmann::ordered_json>(text, what, limits);
}

}  // namespace hoplite::core
