#pragma once
/// \file
/// Image references: `registry/repository[:tag][@digest]`, as `docker push` and ECR write them.

#include <optional>
#include <string>
#include <string_view>

#include "hoplite/core/result.hpp"

namespace hoplite::oci {

/// The account and region an ECR registry host names. The host is
/// `<account>.dkr.ecr.<region>.amazonaws.com` (`.amazonaws.com.cn` in China).
struct EcrRegistry {
  std::string account;  ///< the 12-digit AWS account id
  std::string region;   ///< the AWS region, e.g. `us-east-1`
};

/// A parsed image reference. Immutable by convention: the `with_*` helpers return copies.
///
/// Parsing follows the docker rules users already know: the first path component is a registry
/// host only if it contains `.` or `:` or is `localhost`; otherwise the registry is `docker.io`,
/// and a single-component repository on docker.io gets the `library/` prefix.
///
/// **Example**:
/// \code
///   auto ref = oci::Reference::parse("127.0.0.1:5000/svc:v1").value();
///   ref.registry;             // "127.0.0.1:5000"
///   ref.repository;           // "svc"
///   ref.with_digest("sha256:ab…").to_string();  // "127.0.0.1:5000/svc@sha256:ab…"
/// \endcode
struct Reference {
  std::string registry;    ///< host[:port], e.g. "127.0.0.1:5000"; default registry is "docker.io"
  std::string repository;  ///< e.g. "library/alpine"; lower case, `/`-separated components
  std::string tag;         ///< empty when the reference has none
  std::string digest;      ///< `sha256:<64 hex>`, empty when the reference has none

  /// Parses `text`. Errors (`oci.reference`): empty text, text longer than 512 characters (checked
  /// first), credentials in the text (`user:pw@host/…`), an invalid registry host, repository name,
  /// tag or digest (the distribution-spec grammar), or a name longer than 255 characters. The
  /// message never repeats a password.
  static core::Result<Reference> parse(std::string_view text);

  /// `registry/repository[:tag][@digest]`.
  [[nodiscard]] std::string to_string() const;
  /// `registry/repository`.
  [[nodiscard]] std::string name() const;
  /// What goes after `/manifests/` in a URL: the digest if set, else the tag, else "latest".
  [[nodiscard]] std::string manifest_reference() const;
  /// A copy with the digest set and the tag dropped: `registry/repository@digest`, the form
  /// a task definition pins.
  [[nodiscard]] Reference with_digest(std::string digest_value) const;
  /// A copy with the tag set to `tag_value` (a digest, if any, is kept).
  [[nodiscard]] Reference with_tag(std::string tag_value) const;

  /// True for addresses in 127.0.0.0/8, ::1 and localhost (any port): registries where plain HTTP
  /// is allowed without an insecure-registry option. A name such as `127.evil.example` is not.
  [[nodiscard]] bool is_loopback() const;
  /// The ECR account and region when `registry` is an ECR host.
  [[nodiscard]] std::optional<EcrRegistry> ecr() const;
  /// The host the API is served on: `registry-1.docker.io` for docker.io, else `registry`.
  [[nodiscard]] std::string api_host() const;

  friend bool operator==(const Reference&, const Reference&) = default;  ///< member-wise
};

/// True when `repo` is a repository name per the distribution spec, checked without std::regex.
/// The grammar: `/`-separated components of `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`, at most 255
/// characters.
[[nodiscard]] bool is_valid_repository(std::string_view repo);

/// True when `tag` matches `[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}` (so it can never be a path, a
/// query or a fragment in a URL).
[[nodiscard]] bool is_valid_tag(std::string_view tag);

/// True when `digest` is `sha256:` followed by 64 lower-case hex characters.
[[nodiscard]] bool is_sha256_digest(std::string_view digest);

}  // namespace hoplite::oci
