#include "local/inspect_names.hpp"

#include <string>

namespace hoplite::local {

nlohmann::json inspect_names(store::Database& db, std::string_view select, std::string_view key,
                             std::size_t limit_per_region) {
  auto out = db.transaction<nlohmann::json>([&](store::Tx& tx) -> core::Result<nlohmann::json> {
    auto rows = tx.query(select);
    if (!rows) return rows.failure();
    nlohmann::json names = nlohmann::json::object();
    for (const auto& row : *rows) {
      auto& region = names[row.text(0)][std::string(key)][row.text(1)];
      if (region.is_null()) region = nlohmann::json::array();
      if (region.size() < limit_per_region) region.push_back(row.text(2));
    }
    return names;
  });
  return out ? *out : nlohmann::json::object();
}

}  // namespace hoplite::local
