#pragma once
/// \file The intrinsic functions themselves, by family; arguments are resolved and counted.

#include <cstdint>
#include <string_view>
#include <vector>

#include "hoplite/core/result.hpp"
#include "sfn/json/value.hpp"

namespace hoplite::sfn::asl {

struct IntrinsicCall;
struct Scope;

/// `States.IntrinsicFailure` naming the call and what is wrong with its arguments.
[[nodiscard]] core::Failure intrinsic_failure(const IntrinsicCall& call, std::string_view what);

// Strings (intrinsic_strings.cpp)
[[nodiscard]] core::Result<Json> intrinsic_format(const IntrinsicCall& call, const std::vector<Json>& args);
[[nodiscard]] core::Result<Json> intrinsic_string_to_json(const IntrinsicCall& call, const std::vector<Json>& args);
[[nodiscard]] core::Result<Json> intrinsic_string_split(const IntrinsicCall& call, const std::vector<Json>& args);

// Arrays (intrinsic_arrays.cpp)
[[nodiscard]] core::Result<Json> intrinsic_array_partition(const IntrinsicCall& call, const std::vector<Json>& args);
[[nodiscard]] core::Result<Json> intrinsic_array_contains(const IntrinsicCall& call, const std::vector<Json>& args);
[[nodiscard]] core::Result<Json> intrinsic_array_range(const IntrinsicCall& call, const std::vector<Json>& args);
[[nodiscard]] core::Result<Json> intrinsic_array_get_item(const IntrinsicCall& call, const std::vector<Json>& args);
[[nodiscard]] core::Result<Json> intrinsic_array_unique(const IntrinsicCall& call, const std::vector<Json>& args);
[[nodiscard]] core::Result<Json> intrinsic_json_merge(const IntrinsicCall& call, const std::vector<Json>& args);

// Encoding, hashing, identifiers (intrinsic_encoding.cpp)
[[nodiscard]] core::Result<Json> intrinsic_base64_encode(const IntrinsicCall& call, const std::vector<Json>& args);
[[nodiscard]] core::Result<Json> intrinsic_base64_decode(const IntrinsicCall& call, const std::vector<Json>& args);
[[nodiscard]] core::Result<Json> intrinsic_hash(const IntrinsicCall& call, const std::vector<Json>& args);
[[nodiscard]] core::Result<Json> intrinsic_uuid(const Scope& scope);

// Numbers (intrinsic_math.cpp)
[[nodiscard]] core::Result<Json> intrinsic_math_random(const IntrinsicCall& call, const std::vector<Json>& args,
                                                       const Scope& scope);
[[nodiscard]] core::Result<Json> intrinsic_math_add(const IntrinsicCall& call, const std::vector<Json>& args);

/// Java's Math.round (half up: -1.5 → -1), which States.MathAdd applies to its arguments.
[[nodiscard]] std::int64_t java_round(double v);

}  // namespace hoplite::sfn::asl
