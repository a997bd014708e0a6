#pragma once
/// \file ECR's tables in state.db. Blobs are digests (`sha256:…`) linked per repository; their
/// bytes are the house's content-addressed files. Rows of a repository go with it (ON DELETE
/// CASCADE), so DeleteRepository with `force` is one statement.

#include <vector>

#include "local/store/database.hpp"

namespace hoplite::local::ecr {

[[nodiscard]] std::vector<store::Migration> migrations();

}  // namespace hoplite::local::ecr
