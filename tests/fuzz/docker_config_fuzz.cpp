// docker's `config.json`: auths keys, base64 `auth`, username/password. Errors never carry a secret.
#include "fuzz_input.hpp"
#include "hoplite/oci/auth.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hoplite;
  auto parts = fuzz::fields(fuzz::text(data, size), 2);
  auto creds = oci::credentials_from_docker_config_text(parts[1], parts[0], "config.json");
  if (!creds)
    fuzz::check(creds.error().code == "oci.auth.config" || creds.error().code.starts_with("limits.") ||
                creds.error().code == "json.parse");
  return 0;
}
