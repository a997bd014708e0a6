#pragma once
/// \file Tests that read AWS_* variables and ~/.aws change the process environment; EnvGuard puts
/// every variable back as it was, and starts from a clean slate: no AWS_* variables and HOME set to
/// an empty temporary directory, so a developer's own ~/.aws never leaks into a test.

#include <cstdlib>
#include <map>
#include <string>

#include "support/golden.hpp"

extern char** environ;

namespace hoplite::testing {

class EnvGuard {
 public:
  EnvGuard() {
    for (char** e = environ; *e != nullptr; ++e) {
      std::string kv = *e;
      std::size_t eq = kv.find('=');
      saved_[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    for (const auto& [k, v] : saved_)
      if (k.rfind("AWS_", 0) == 0) ::unsetenv(k.c_str());
    set("HOME", home_.path().string());
  }
  ~EnvGuard() {
    std::map<std::string, std::string> now;
    for (char** e = environ; *e != nullptr; ++e) {
      std::string kv = *e;
      now[kv.substr(0, kv.find('='))] = "";
    }
    for (const auto& [k, v] : now)
      if (!saved_.contains(k)) ::unsetenv(k.c_str());
    for (const auto& [k, v] : saved_) ::setenv(k.c_str(), v.c_str(), 1);
  }
  EnvGuard(const EnvGuard&) = delete;
  EnvGuard& operator=(const EnvGuard&) = delete;

  void set(const std::string& name, const std::string& value) { ::setenv(name.c_str(), value.c_str(), 1); }
  void unset(const std::string& name) { ::unsetenv(name.c_str()); }
  /// The temporary HOME; write `.aws/config` and `.aws/credentials` under it.
  [[nodiscard]] const std::filesystem::path& home() const { return home_.path(); }

 private:
  std::map<std::string, std::string> saved_;
  TempDir home_;
};

}  // namespace hoplite::testing
