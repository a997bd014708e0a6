#pragma once
/// \file
/// The AWS CLI's shared files: ~/.aws/config and ~/.aws/credentials.

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "hoplite/core/result.hpp"

namespace hoplite::aws {

/// One profile's settings, keys lower-cased as written (`region`, `role_arn`, ...). Nested
/// sections (`s3 =` followed by indented `key = value` lines) are stored as `s3.key`.
struct Profile {
  std::string name;                           ///< the profile's name (`default`, `x` for `[profile x]`)
  std::map<std::string, std::string> values;  ///< the settings, keys lower-cased
  /// The value of `key`, or nullopt.
  [[nodiscard]] std::optional<std::string> get(std::string_view key) const;
};

/// Both files, parsed. In ~/.aws/config a profile is `[profile x]` (or `[default]`); in
/// ~/.aws/credentials it is `[x]`. For the same key the credentials file wins, as in the AWS CLI.
struct SharedConfig {
  std::map<std::string, Profile> config;       ///< from AWS_CONFIG_FILE / ~/.aws/config
  std::map<std::string, Profile> credentials;  ///< from AWS_SHARED_CREDENTIALS_FILE / ~/.aws/credentials
  std::string config_path;                     ///< the paths read (for messages)
  std::string credentials_path;                ///< the credentials file's path (for messages)

  /// The merged profile, or nullopt when neither file has it.
  [[nodiscard]] std::optional<Profile> profile(std::string_view name) const;
};

/// Reads the two files (missing files are empty, not errors). Paths: AWS_CONFIG_FILE,
/// AWS_SHARED_CREDENTIALS_FILE, else $HOME/.aws/{config,credentials}. A `~/` prefix is expanded.
core::Result<SharedConfig> load_shared_config();

/// Parses INI text in the AWS dialect; `config_style` = section names are `profile x` / `default`.
/// Errors (`aws.profile.parse`) name the file and line.
core::Result<std::map<std::string, Profile>> parse_profiles(std::string_view text, bool config_style,
                                                            std::string_view file_name);

/// `flag`, else AWS_PROFILE, else AWS_DEFAULT_PROFILE, else "default".
[[nodiscard]] std::string selected_profile(const std::optional<std::string>& flag);

}  // namespace hoplite::aws
