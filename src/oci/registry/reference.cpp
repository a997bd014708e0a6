#include "hoplite/oci/reference.hpp"

#include "hoplite/core/terminal_text.hpp"
#include "hoplite/http/url.hpp"

namespace hoplite::oci {
namespace {

constexpr std::string_view kDockerHub = "docker.io";
// The distribution spec caps a repository name; checked before anything else looks at the text.
constexpr std::size_t kMaxReferenceLength = 512;
constexpr std::size_t kMaxNameLength = 255;

core::Failure invalid(std::string_view text, std::string_view why) {
  // The text is the user's, but it may carry a password (user:pw@host/...) or be huge: show
  // neither.
  std::string shown(text.substr(0, 128));
  if (auto at = shown.find('@'); at != std::string::npos && shown.substr(0, at).find('/') == std::string::npos &&
                                 shown.substr(0, at).find(':') != std::string::npos)
    shown = "…@" + shown.substr(at + 1);
  if (text.size() > 128) shown += "…";
  return core::fail("oci.reference",
                    "invalid image reference '" + core::terminal_safe(shown) + "': " + std::string(why));
}

bool lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

/// One path component of a repository: `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`.
bool valid_component(std::string_view c) {
  if (c.empty() || !lower_alnum(c.front()) || !lower_alnum(c.back())) return false;
  for (std::size_t i = 0; i < c.size();) {
    if (lower_alnum(c[i])) {
      ++i;
      continue;
    }
    // A separator: ".", "_", "__" or a run of "-", always between alphanumerics.
    std::size_t j = i;
    if (c[i] == '-') {
      while (j < c.size() && c[j] == '-') ++j;
    } else if (c[i] == '.') {
      j = i + 1;
    } else if (c[i] == '_') {
      j = i + 1 < c.size() && c[i + 1] == '_' ? i + 2 : i + 1;
    } else {
      return false;
    }
    if (j >= c.size() || !lower_alnum(c[j])) return false;
    i = j;
  }
  return true;
}

bool valid_host(std::string_view host) {
  if (host.empty()) return false;
  for (char c : host) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
              c == ':' || c == '[' || c == ']';
    if (!ok) return false;
  }
  // Scheme and port are checked by the URL parser the registry client builds from it.
  return http::parse_url("https://" + std::string(host) + "/").ok();
}

}  // namespace

bool is_valid_repository(std::string_view repo) {
  if (repo.empty() || repo.size() > kMaxNameLength) return false;
  while (true) {
    std::size_t slash = repo.find('/');
    if (!valid_component(repo.substr(0, slash))) return false;
    if (slash == std::string_view::npos) return true;
    repo = repo.substr(slash + 1);
  }
}

bool is_valid_tag(std::string_view tag) {
  // [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}
  if (tag.empty() || tag.size() > 128) return false;
  for (std::size_t i = 0; i < tag.size(); ++i) {
    char c = tag[i];
    bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!word && (i == 0 || (c != '.' && c != '-'))) return false;
  }
  return true;
}

bool is_sha256_digest(std::string_view digest) {
  constexpr std::string_view kPrefix = "sha256:";
  if (digest.size() != kPrefix.size() + 64 || digest.substr(0, kPrefix.size()) != kPrefix) return false;
  for (char c : digest.substr(kPrefix.size()))
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

core::Result<Reference> Reference::parse(std::string_view text) {
  if (text.empty()) return invalid(text, "it is empty");
  if (text.size() > kMaxReferenceLength)
    return invalid(text, "it is longer than " + std::to_string(kMaxReferenceLength) + " characters");
  if (auto at = text.find('@'); at != std::string_view::npos &&
                                text.substr(0, at).find('/') == std::string_view::npos &&
                                !text.substr(at + 1).starts_with("sha256:"))
    return invalid(text,
                   "a reference cannot carry credentials (user:password@host); put them in "
                   "~/.docker/config.json (docker login) instead");
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
    if (!is_valid_tag(ref.tag)) return invalid(text, "the tag must match [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");
  }
  ref.repository = std::string(rest);
  if (ref.repository.empty()) return invalid(text, "the repository name is missing");
  if (!is_valid_repository(ref.repository))
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
  auto url = http::parse_url("http://" + registry + "/");
  return url && http::is_loopback_host(url->host);
}

std::optional<EcrRegistry> Reference::ecr() const {
  // <account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn], optionally with a port in tests.
  std::string_view h = registry;
  if (auto colon = h.rfind(':'); colon != std::string_view::npos) {
    std::string_view port = h.substr(colon + 1);
    if (port.empty() || port.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
    h = h.substr(0, colon);
  }
  if (h.size() < 13 || h.substr(0, 12).find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
  std::string account(h.substr(0, 12));
  h = h.substr(12);
  if (h.starts_with(".dkr.ecr-fips.")) {
    h.remove_prefix(std::string_view(".dkr.ecr-fips.").size());
  } else if (h.starts_with(".dkr.ecr.")) {
    h.remove_prefix(std::string_view(".dkr.ecr.").size());
  } else {
    return std::nullopt;
  }
  for (std::string_view suffix : {".amazonaws.com", ".amazonaws.com.cn"}) {
    if (!h.ends_with(suffix)) continue;
    std::string_view region = h.substr(0, h.size() - suffix.size());
    if (region.empty() || region.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string_view::npos)
      return std::nullopt;
    return EcrRegistry{account, std::string(region)};
  }
  return std::nullopt;
}

std::string Reference::api_host() const { return registry == kDockerHub ? "registry-1.docker.io" : registry; }

}  // namespace hoplite::oci
