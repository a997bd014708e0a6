#pragma once
/// \file What several services show on `/_hoplite/`: their resources' names per account and region.

#include <cstddef>
#include <string_view>

#include <nlohmann/json.hpp>

#include "local/store/database.hpp"

namespace hoplite::local {

/// `{account: {key: {region: [name, …]}}}` from `select`, a query of `account, region, name`
/// ordered by them (a constant of the service, never user input); at most `limit_per_region`
/// names per region. An empty object when the store cannot be read: the page shows what it can.
[[nodiscard]] nlohmann::json inspect_names(store::Database& db, std::string_view select, std::string_view key,
                                           std::size_t limit_per_region = 100);

}  // namespace hoplite::local
