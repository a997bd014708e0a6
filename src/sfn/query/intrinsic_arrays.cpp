// States.ArrayPartition, ArrayContains, ArrayRange, ArrayGetItem, ArrayUnique, JsonMerge.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "sfn/query/intrinsic.hpp"
#include "sfn/query/intrinsic_functions.hpp"

namespace hoplite::sfn::asl {
namespace {

// AWS: "The array returned by States.ArrayRange can contain up to 1000 items".
constexpr std::int64_t kMaxRangeItems = 1000;

// An integer argument: a JSON integer, or a float with no fractional part.
std::optional<std::int64_t> integer(const Json& v) {
  if (v.is_number_integer()) return v.get<std::int64_t>();
  if (v.is_number_float()) {
    double d = v.get<double>();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.0e15) return static_cast<std::int64_t>(d);
  }
  return std::nullopt;
}

// Text that two values share exactly when json_equal holds: object keys sorted, numbers printed
// as doubles when they have no exact integer form. Iterative.
std::string canonical(const Json& value) {
  std::string out;
  std::vector<std::pair<const Json*, std::string>> todo{{&value, ""}};
  while (!todo.empty()) {
    auto [v, literal] = std::move(todo.back());
    todo.pop_back();
    if (v == nullptr) {
      out += literal;
      continue;
    }
    if (v->is_number()) {
      double d = v->get<double>();
      out += d == std::floor(d) && std::fabs(d) < 9.0e15 ? std::to_string(static_cast<std::int64_t>(d)) : to_text(*v);
    } else if (v->is_array()) {
      todo.push_back({nullptr, "]"});
      for (std::size_t i = v->size(); i-- > 0;) {
        todo.push_back({&(*v)[i], ""});
        if (i) todo.push_back({nullptr, ","});
      }
      todo.push_back({nullptr, "["});
    } else if (v->is_object()) {
      std::vector<std::pair<std::string, const Json*>> members;
      for (auto it = v->begin(); it != v->end(); ++it) members.emplace_back(it.key(), &*it);
      std::sort(members.begin(), members.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      todo.push_back({nullptr, "}"});
      for (std::size_t i = members.size(); i-- > 0;) {
        todo.push_back({members[i].second, ""});
        todo.push_back({nullptr, (i ? "," : "") + to_text(Json(members[i].first)) + ":"});
      }
      todo.push_back({nullptr, "{"});
    } else {
      out += to_text(*v);
    }
  }
  return out;
}

}  // namespace

core::Result<Json> intrinsic_array_partition(const IntrinsicCall& call, const std::vector<Json>& args) {
  auto size = integer(args[1]);
  if (!args[0].is_array() || !size || *size <= 0)
    return intrinsic_failure(call, "expected an array and a chunk size that is a positive integer");
  Json out = Json::array();
  Json chunk = Json::array();
  for (const auto& item : args[0]) {
    chunk.push_back(item);
    if (static_cast<std::int64_t>(chunk.size()) == *size) {
      out.push_back(std::move(chunk));
      chunk = Json::array();
    }
  }
  if (!chunk.empty()) out.push_back(std::move(chunk));
  return out;
}

core::Result<Json> intrinsic_array_contains(const IntrinsicCall& call, const std::vector<Json>& args) {
  if (!args[0].is_array()) return intrinsic_failure(call, "the first argument must be an array");
  for (const auto& item : args[0])
    if (json_equal(item, args[1])) return Json(true);
  return Json(false);
}

core::Result<Json> intrinsic_array_range(const IntrinsicCall& call, const std::vector<Json>& args) {
  auto start = integer(args[0]);
  auto end = integer(args[1]);
  auto step = integer(args[2]);
  if (!start || !end || !step) return intrinsic_failure(call, "start, end and step must be integers");
  constexpr std::int64_t kInt32 = 2147483647;
  for (auto v : {*start, *end, *step})
    if (v > kInt32 || v < -kInt32 - 1) return intrinsic_failure(call, "start, end and step must be 32-bit integers");
  if (*step == 0) return intrinsic_failure(call, "the step must not be 0");
  // Count first, so a hostile range is refused before anything is built.
  std::int64_t span = *end - *start;
  std::int64_t count = (span == 0 || (span > 0) == (*step > 0)) ? span / *step + 1 : 0;
  if (count > kMaxRangeItems)
    return intrinsic_failure(call,
                             fmt::format("the range has {} items; at most {} are allowed", count, kMaxRangeItems));
  Json out = Json::array();
  for (std::int64_t i = 0; i < count; ++i) out.push_back(*start + i * *step);
  return out;
}

core::Result<Json> intrinsic_array_get_item(const IntrinsicCall& call, const std::vector<Json>& args) {
  auto index = integer(args[1]);
  if (!args[0].is_array() || !index || *index < 0)
    return intrinsic_failure(call, "expected an array and an index that is a non-negative integer");
  if (*index >= static_cast<std::int64_t>(args[0].size()))
    return intrinsic_failure(call,
                             fmt::format("index {} is out of range for an array of {} items", *index, args[0].size()));
  return args[0][static_cast<std::size_t>(*index)];
}

core::Result<Json> intrinsic_array_unique(const IntrinsicCall& call, const std::vector<Json>& args) {
  if (!args[0].is_array()) return intrinsic_failure(call, "the argument must be an array");
  std::unordered_set<std::string> seen;
  Json out = Json::array();
  for (const auto& item : args[0])
    if (seen.insert(canonical(item)).second) out.push_back(item);
  return out;
}

core::Result<Json> intrinsic_json_merge(const IntrinsicCall& call, const std::vector<Json>& args) {
  if (!args[0].is_object() || !args[1].is_object() || !args[2].is_boolean())
    return intrinsic_failure(call, "expected two objects and a boolean");
  if (args[2].get<bool>()) return intrinsic_failure(call, "deep merge (true) is not supported; pass false");
  // Shallow merge: the second object's members replace the first's, new ones are appended.
  Json out = args[0];
  auto& members = out.get_ref<Json::object_t&>();
  std::unordered_map<std::string, std::size_t> index;
  std::size_t position = 0;
  for (const auto& m : members) index.emplace(m.first, position++);
  for (auto it = args[1].begin(); it != args[1].end(); ++it) {
    auto found = index.find(it.key());
    if (found != index.end()) {
      (members.begin() + static_cast<std::ptrdiff_t>(found->second))->second = *it;
    } else {
      index.emplace(it.key(), members.size());
      append_member(out, it.key(), *it);
    }
  }
  return out;
}

}  // namespace hoplite::sfn::asl
