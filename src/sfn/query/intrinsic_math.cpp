// States.MathRandom, States.MathAdd.
#include <fmt/format.h>

#include <cmath>
#include <optional>
#include <random>

#include "sfn/query/intrinsic.hpp"
#include "sfn/query/intrinsic_functions.hpp"
#include "sfn/query/scope.hpp"

namespace hoplite::sfn::asl {
namespace {

constexpr double kInt32Max = 2147483647.0;
constexpr double kInt32Min = -2147483648.0;

std::optional<std::int64_t> int32_arg(const Json& v) {
  if (!v.is_number()) return std::nullopt;
  double d = v.get<double>();
  if (!std::isfinite(d) || d > kInt32Max || d < kInt32Min) return std::nullopt;
  return java_round(d);
}

}  // namespace

std::int64_t java_round(double v) { return static_cast<std::int64_t>(std::floor(v + 0.5)); }

core::Result<Json> intrinsic_math_random(const IntrinsicCall& call, const std::vector<Json>& args, const Scope& scope) {
  auto start = int32_arg(args[0]);
  auto end = int32_arg(args[1]);
  if (!start || !end) return intrinsic_failure(call, "start and end must be 32-bit integers");
  if (*end <= *start) return intrinsic_failure(call, "end must be greater than start");
  std::uint64_t bits = 0;
  if (args.size() == 3) {
    auto seed = int32_arg(args[2]);
    if (!seed) return intrinsic_failure(call, "the seed must be a 32-bit integer");
    std::mt19937_64 seeded(static_cast<std::uint64_t>(*seed));  // same seed, same number
    bits = seeded();
  } else {
    bits = (*scope.random)();
  }
  auto span = static_cast<std::uint64_t>(*end - *start);
  return Json(*start + static_cast<std::int64_t>(bits % span));  // start inclusive, end exclusive
}

core::Result<Json> intrinsic_math_add(const IntrinsicCall& call, const std::vector<Json>& args) {
  auto a = int32_arg(args[0]);
  auto b = int32_arg(args[1]);
  if (!a || !b) return intrinsic_failure(call, "both values must be numbers between -2147483648 and 2147483647");
  return Json(*a + *b);
}

}  // namespace hoplite::sfn::asl
