#include "local/regions.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace hoplite::local {
namespace {

/// Zone letters per region as AWS accounts see them (several regions skip letters).
constexpr std::array<std::pair<std::string_view, std::string_view>, 26> kZones{{
    {"af-south-1", "abc"},     {"ap-east-1", "abc"},     {"ap-northeast-1", "acd"}, {"ap-northeast-2", "abcd"},
    {"ap-northeast-3", "abc"}, {"ap-south-1", "abc"},    {"ap-southeast-1", "abc"}, {"ap-southeast-2", "abc"},
    {"ca-central-1", "abd"},   {"cn-north-1", "abd"},    {"cn-northwest-1", "abc"}, {"eu-central-1", "abc"},
    {"eu-north-1", "abc"},     {"eu-south-1", "abc"},    {"eu-west-1", "abc"},      {"eu-west-2", "abc"},
    {"eu-west-3", "abc"},      {"me-south-1", "abc"},    {"sa-east-1", "abc"},      {"us-east-1", "abcdef"},
    {"us-east-2", "abc"},      {"us-gov-east-1", "abc"}, {"us-gov-west-1", "abc"},  {"us-west-1", "ab"},
    {"us-west-2", "abcd"},     {"il-central-1", "abc"},
}};

std::string_view short_word(std::string_view w) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 11> kShort{{
      {"gov", "g"},
      {"northeast", "ne"},
      {"northwest", "nw"},
      {"southeast", "se"},
      {"southwest", "sw"},
      {"central", "c"},
      {"north", "n"},
      {"south", "s"},
      {"east", "e"},
      {"west", "w"},
      {"iso", "i"},
  }};
  for (const auto& [word, code] : kShort)
    if (w == word) return code;
  return w.substr(0, 1);
}

}  // namespace

bool is_region_name(std::string_view region) {
  if (region.empty() || region.size() > 32) return false;
  std::size_t words = 0;
  std::string_view rest = region;
  std::string_view last;
  while (true) {
    auto dash = rest.find('-');
    std::string_view word = rest.substr(0, dash);
    if (word.empty()) return false;
    last = word;
    ++words;
    if (dash == std::string_view::npos) break;
    if (!std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; })) return false;
    rest.remove_prefix(dash + 1);
  }
  return words >= 3 && std::all_of(last.begin(), last.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<std::string> availability_zones(std::string_view region) {
  std::string_view letters = "abc";
  for (const auto& [name, zones] : kZones)
    if (name == region) letters = zones;
  std::vector<std::string> out;
  for (char c : letters) out.push_back(std::string(region) + c);
  return out;
}

std::string zone_id(std::string_view region, std::size_t index) {
  std::string code;
  std::string_view rest = region;
  bool first = true;
  while (true) {
    auto dash = rest.find('-');
    std::string_view word = rest.substr(0, dash);
    if (dash == std::string_view::npos) {
      code += word;  // the number
      break;
    }
    code += first ? word : short_word(word);
    first = false;
    rest.remove_prefix(dash + 1);
  }
  return code + "-az" + std::to_string(index + 1);
}

std::string partition_of(std::string_view region) {
  if (region.starts_with("cn-")) return "aws-cn";
  if (region.starts_with("us-gov-")) return "aws-us-gov";
  return "aws";
}

}  // namespace hoplite::local
