#pragma once
/// \file What every Describe call does with the resources of one kind: keep the ids asked for
/// (an unknown one is the kind's NotFound error), apply the filters, then page (MaxResults 5–1000,
/// an opaque NextToken), in id order.

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hoplite/aws/ec2.hpp"
#include "local/ec2/ec2_errors.hpp"
#include "local/ec2/ec2_filters.hpp"
#include "local/paging.hpp"

namespace hoplite::local::ec2 {

template <typename T>
struct Page {
  std::vector<T> items;
  std::optional<std::string> next_token;
};

/// `id_of(const T&) -> const std::string&`, `fields(const T&) -> FieldValues`,
/// `not_found(std::string_view id) -> core::Failure`.
template <typename T, typename IdOf, typename Fields, typename NotFound>
core::Result<Page<T>> select(std::vector<T> all, const aws::ec2::DescribeRequest& r, std::string_view listing,
                             IdOf id_of, Fields fields, NotFound not_found) {
  if (r.max_results && !r.ids.empty())
    return aws_error("InvalidParameterCombination", "The parameter ids cannot be used with the parameter maxResults");
  if (r.max_results && (*r.max_results < 5 || *r.max_results > 1000))
    return invalid_value("Value ( " + std::to_string(*r.max_results) +
                         " ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.");
  for (const auto& id : r.ids) {
    bool known = false;
    for (const auto& x : all) known = known || id_of(x) == id;
    if (!known) return not_found(id);
  }
  std::string after;
  if (r.next_token) {
    auto position = read_page_token(listing, *r.next_token);
    if (!position) return aws_error("InvalidPaginationToken", "Invalid pagination token");
    after = *position;
  }
  Page<T> out;
  for (auto& x : all) {
    const std::string& id = id_of(x);
    if (!r.ids.empty() && std::find(r.ids.begin(), r.ids.end(), id) == r.ids.end()) continue;
    if (!after.empty() && id <= after) continue;
    auto match = matches(r.filters, x.tags, fields(x));
    if (!match) return match.failure();
    if (!*match) continue;
    if (r.max_results && out.items.size() == static_cast<std::size_t>(*r.max_results)) {
      out.next_token = page_token(listing, id_of(out.items.back()));
      break;
    }
    out.items.push_back(std::move(x));
  }
  return out;
}

/// A FieldValues answer with one value.
inline std::optional<std::vector<std::string>> one(std::string v) { return std::vector<std::string>{std::move(v)}; }
inline std::optional<std::vector<std::string>> one(bool v) { return std::vector<std::string>{v ? "true" : "false"}; }

}  // namespace hoplite::local::ec2
