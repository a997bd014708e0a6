#pragma once
// One AWS-recorded CloudFormation case (tests/testdata/cfn/aws-recorded/cloudformation/<id>/, see
// the README there): its case.json, templates and recorded responses. Shared by the pure checks
// here and, later, by the engine's runner.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace hoplite::recorded {

using Json = nlohmann::ordered_json;

struct RecordedCase {
  std::string id;
  std::filesystem::path dir;
  Json meta;                                     ///< case.json
  Json responses;                                ///< responses.json
  std::map<std::string, std::string> templates;  ///< "templates/x.json" -> text (byte for byte)

  [[nodiscard]] const Json& steps() const { return meta.at("steps"); }
  [[nodiscard]] std::vector<std::string> resource_types() const;
  /// The text of a template named as the steps name it ("templates/inline-1.json").
  [[nodiscard]] std::optional<std::string> template_text(const std::string& name) const;
  /// Keys whose values the test replaced by a fixed word (normalised_by_test): anything matches.
  [[nodiscard]] std::vector<std::string> normalised_keys() const;
};

/// Loads every case directory under `root` (the directory that holds `cloudformation/`, or
/// `cloudformation/` itself), sorted by id. Throws std::runtime_error on unreadable files.
[[nodiscard]] std::vector<RecordedCase> load_cases(const std::filesystem::path& root);

}  // namespace hoplite::recorded
