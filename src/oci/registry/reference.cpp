#include "hoplite/oci/reference.hpp"

#include <regex>

namespace hoplite::oci {
namespace {

constexpr std::string_view kDockerHub = "docker.io";

core::Failure invalid(std::string_view text, std::string_view why) {
  return core::fail("oci.reference", "invalid image reference '" + std::string(text) + "': " + std::string(why));
}

bool valid_repository(const std::string& repo) {
  // distribution-spec "Pulling manifests": <name> grammar.
  static const std::regex kName("[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*");
  return std::regex_match(repo, kName);
}

bool valid_tag(const std::string& tag) {
  static const std::regex kTag("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");
  return std::regex_match(tag, kTag);
}

bool valid_host(std::string_view host) {
  if (host.empty()) return false;
  for (char c : host) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
              c == ':' || c == '[' || c == ']';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

bool is_sha256_digest(std::string_view digest) {
  constexpr std::string_view kPrefix = "sha256:";
  if (digest.size() != kPrefix.size() + 64 || digest.substr(0, kPrefix.size()) != kPrefix) return false;
  for (char c : digest.substr(kPrefix.size()))
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

core::Result<Reference> Reference::parse(std::string_view text) {
  if (text.empty()) return invalid(text, "it is empty");
  Reference ref;
  std::string_view rest = text;
  if (auto at = rest.find('@'); at != std::string_view::npos) {
    ref.digest = std::string(rest.substr(at + 1));
    rest = rest.substr(0, at);
    if (!is_sha256_digest(ref.digest)) return invalid(text, "the digest must be sha256: followed by 64 hex digits");
  }
  if (auto slash = rest.find('/'); slash != std::string_view::npos) {
    std::string_view first = rest.substr(0, slash);
    if (first.find('.') != std::string_view::npos || first.find(':') != std::string_view::npos ||
        first == "localhost") {
      if (!valid_host(first)) return invalid(text, "the registry host has invalid characters");
      ref.registry = std::string(first);
      rest = rest.substr(slash + 1);
    }
  }
  if (ref.registry.empty() || ref.registry == "index.docker.io" || ref.registry == "registry-1.docker.io")
    ref.registry = std::string(kDockerHub);
  auto last_slash = rest.rfind('/');
  auto colon = rest.rfind(':');
  if (colon != std::string_view::npos && (last_slash == std::string_view::npos || colon > last_slash)) {
    ref.tag = std::string(rest.substr(colon + 1));
    rest = rest.substr(0, colon);
    if (!valid_tag(ref.tag)) return invalid(text, "the tag must match [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");
  }
  ref.repository = std::string(rest);
  if (ref.repository.empty()) return invalid(text, "the repository name is missing");
  if (!valid_repository(ref.repository))
    return invalid(text, "the repository must be lower-case letters, digits and separators (. _ __ -) per component");
  if (ref.registry == kDockerHub && ref.repository.find('/') == std::string::npos)
    ref.repository = "library/" + ref.repository;
  if (ref.name().size() > 255) return invalid(text, "registry and repository are longer than 255 characters");
  return ref;
}

std::string Reference::name() const { return registry + "/" + repository; }

std::string Reference::to_string() const {
  std::string out = name();
  if (!tag.empty()) out += ":" + tag;
  if (!digest.empty()) out += "@" + digest;
  return out;
}

std::string Reference::manifest_reference() const {
  if (!digest.empty()) return digest;
  if (!tag.empty()) return tag;
  return "latest";
}

Reference Reference::with_digest(std::string digest_value) const {
  Reference r = *this;
  r.tag.clear();
  r.digest = std::move(digest_value);
  return r;
}

Reference Reference::with_tag(std::string tag_value) const {
  Reference r = *this;
  r.tag = std::move(tag_value);
  return r;
}

bool Reference::is_loopback() const {
  std::string host = registry;
  if (host.starts_with('[')) {
    host = host.substr(1, host.find(']') - 1);
  } else if (auto colon = host.rfind(':'); colon != std::string::npos) {
    host = host.substr(0, colon);
  }
  return host == "localhost" || host == "::1" || host.starts_with("127.");
}

std::optional<EcrRegistry> Reference::ecr() const {
  // <account>.dkr.ecr.<region>.amazonaws.com[.cn], optionally with a port in tests.
  static const std::regex kEcr("([0-9]{12})\\.dkr\\.ecr(-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?(:[0-9]+)?");
  std::smatch m;
  if (!std::regex_match(registry, m, kEcr)) return std::nullopt;
  return EcrRegistry{m[1].str(), m[3].str()};
}

std::string Reference::api_host() const { return registry == kDockerHub ? "registry-1.docker.io" : registry; }

}  // namespace hoplite::oci
