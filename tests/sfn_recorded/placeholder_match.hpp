#pragma once
/// \file
/// Compares a recorded value (with the snapshot tool's placeholders) to what hoplite produced, as
/// the data's README asks: `<uuid:1>`, `<region>`, `<ArnPart_0idx>`, ... are wildcards that must
/// bind to the same text everywhere in one case; `timestamp`, `date`, ... stand for any time; the
/// words a test substituted (`normalised_by_test`) match anything at their keys.

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace hoplite::sfn::recorded {

using Json = nlohmann::ordered_json;

class PlaceholderMatcher {
 public:
  /// A whole string that matches any string (`timestamp`, `snf_role_arn`, `RandomNumberGenerated`).
  void add_wildcard_word(std::string word) { words_.insert(std::move(word)); }
  /// A member name whose value matches anything (`FunctionResult` after `$..FunctionResult`).
  void add_wildcard_key(std::string key) { keys_.insert(std::move(key)); }

  /// Structural match; on a mismatch `why` says where (a JSON-pointer-like path and both values).
  bool match(const Json& expected, const Json& actual, std::string* why = nullptr, const std::string& at = "");
  /// One string with placeholders against a text.
  bool match_string(std::string_view expected, std::string_view actual);

 private:
  struct Piece {
    bool placeholder;
    std::string text;  // literal text, or the placeholder's name with its brackets
  };
  std::map<std::string, std::string> bound_;
  std::set<std::string> words_;
  std::set<std::string> keys_;

  static std::vector<Piece> pieces(std::string_view s);
  bool match_pieces(const std::vector<Piece>& p, std::size_t k, std::string_view a, std::size_t at);
};

}  // namespace hoplite::sfn::recorded
