#include "local/ec2/ec2_filters.hpp"

#include <algorithm>

#include "local/service.hpp"
#include "local/wildcard.hpp"

namespace hoplite::local::ec2 {

core::Result<bool> matches(const std::vector<aws::ec2::Filter>& filters, const std::vector<aws::ec2::Tag>& tags,
                           const FieldValues& fields) {
  bool all = true;
  for (const auto& f : filters) {
    std::vector<std::string> have;
    if (f.name.starts_with("tag:")) {
      std::string key = f.name.substr(4);
      for (const auto& t : tags)
        if (t.key == key) have.push_back(t.value);
    } else if (f.name == "tag-key") {
      for (const auto& t : tags) have.push_back(t.key);
    } else if (f.name == "tag-value") {
      for (const auto& t : tags) have.push_back(t.value);
    } else {
      auto values = fields(f.name);
      if (!values) return aws_error("InvalidParameterValue", "The filter '" + f.name.substr(0, 128) + "' is invalid");
      have = std::move(*values);
    }
    bool any = std::any_of(f.values.begin(), f.values.end(), [&](const std::string& pattern) {
      return std::any_of(have.begin(), have.end(), [&](const std::string& v) { return wildcard_match(pattern, v); });
    });
    if (!any) all = false;
  }
  return all;
}

}  // namespace hoplite::local::ec2
