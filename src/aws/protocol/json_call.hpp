#pragma once
/// \file One JSON-protocol call: serialize the input, send it through the pipeline, parse the output.

#include <string_view>

#include <nlohmann/json.hpp>

#include "aws/protocol/response.hpp"
#include "hoplite/aws/caller.hpp"

namespace hoplite::aws::detail {

inline core::Result<nlohmann::json> json_call(Caller& caller, std::string_view operation, const nlohmann::json& input) {
  auto r = caller.json(operation, input.dump());
  if (!r) return r.failure();
  return json_body(*r, operation);
}

}  // namespace hoplite::aws::detail
