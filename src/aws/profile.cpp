#include "hoplite/aws/profile.hpp"

#include <cstdlib>
#include <filesystem>

#include "hoplite/core/ascii.hpp"
#include "hoplite/core/file.hpp"
#include "hoplite/core/limits.hpp"

namespace hoplite::aws {
namespace {

// Spaces and tabs around a line or value, and the CR of a file with CRLF line ends.
std::string_view trim_config_space(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::string expand_home(std::string path) {
  if (path.rfind("~/", 0) == 0) {
    const char* home = std::getenv("HOME");
    path = std::string(home ? home : "") + path.substr(1);
  }
  return path;
}

std::string default_path(const char* env_name, const char* file) {
  if (const char* v = std::getenv(env_name); v != nullptr && *v != '\0') return expand_home(v);
  const char* home = std::getenv("HOME");
  return std::string(home ? home : "") + "/.aws/" + file;
}

core::Result<std::map<std::string, Profile>> load(const std::string& path, bool config_style) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::map<std::string, Profile>{};
  auto text = core::read_file(path, core::kSmallDocumentLimits.max_bytes);
  if (!text) return text.failure();
  return parse_profiles(*text, config_style, path);
}

}  // namespace

std::optional<std::string> Profile::get(std::string_view key) const {
  auto it = values.find(std::string(key));
  if (it == values.end()) return std::nullopt;
  return it->second;
}

core::Result<std::map<std::string, Profile>> parse_profiles(std::string_view text, bool config_style,
                                                            std::string_view file_name) {
  std::map<std::string, Profile> out;
  Profile* current = nullptr;  // nullptr: outside any profile (or in a non-profile section)
  bool in_known_section = false;
  std::string nested;  // key of an open nested section ("s3 =")
  int line_no = 0;
  auto error = [&](std::string what) {
    return core::fail("aws.profile.parse", std::string(file_name) + ":" + std::to_string(line_no) + ": " + what);
  };
  while (!text.empty()) {
    ++line_no;
    std::size_t eol = text.find('\n');
    std::string_view raw = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view{} : text.substr(eol + 1);
    bool indented = !raw.empty() && (raw.front() == ' ' || raw.front() == '\t');
    std::string_view line = trim_config_space(raw);
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    if (line.front() == '[') {
      if (line.back() != ']') return error("section header without ']'");
      std::string name(trim_config_space(line.substr(1, line.size() - 2)));
      nested.clear();
      current = nullptr;
      in_known_section = true;
      if (config_style) {
        if (name.rfind("profile ", 0) == 0) {
          name = std::string(trim_config_space(std::string_view(name).substr(8)));
        } else if (name != "default") {
          continue;  // [sso-session x], [services x], ...: not profiles
        }
      }
      Profile& p = out[name];
      p.name = name;
      current = &p;
      continue;
    }
    if (!in_known_section) return error("setting outside of any [section]");
    std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) return error("expected 'key = value'");
    std::string key = core::ascii_lower(trim_config_space(line.substr(0, eq)));
    std::string value(trim_config_space(line.substr(eq + 1)));
    if (current == nullptr) continue;
    if (indented && !nested.empty()) {
      current->values[nested + "." + key] = value;
      continue;
    }
    nested = value.empty() ? key : std::string{};
    if (!value.empty()) current->values[key] = value;
  }
  return out;
}

std::optional<Profile> SharedConfig::profile(std::string_view name) const {
  std::optional<Profile> out;
  if (auto it = config.find(std::string(name)); it != config.end()) out = it->second;
  if (auto it = credentials.find(std::string(name)); it != credentials.end()) {
    if (!out) out = Profile{std::string(name), {}};
    for (const auto& [k, v] : it->second.values) out->values[k] = v;  // the credentials file wins
  }
  return out;
}

core::Result<SharedConfig> load_shared_config() {
  SharedConfig c;
  c.config_path = default_path("AWS_CONFIG_FILE", "config");
  c.credentials_path = default_path("AWS_SHARED_CREDENTIALS_FILE", "credentials");
  auto cfg = load(c.config_path, true);
  if (!cfg) return cfg.failure("reading the AWS config file");
  auto creds = load(c.credentials_path, false);
  if (!creds) return creds.failure("reading the AWS credentials file");
  c.config = std::move(*cfg);
  c.credentials = std::move(*creds);
  return c;
}

std::string selected_profile(const std::optional<std::string>& flag) {
  if (flag && !flag->empty()) return *flag;
  for (const char* name : {"AWS_PROFILE", "AWS_DEFAULT_PROFILE"})
    if (const char* v = std::getenv(name); v != nullptr && *v != '\0') return v;
  return "default";
}

}  // namespace hoplite::aws
