#pragma once
/// \file
/// Percent-encoding (RFC 3986 section 2.1) and `application/x-www-form-urlencoded` — the one
/// copy every URL, query string, SigV4 canonical request and form body in hoplite goes through.
///
/// **Example**:
/// \code
///   core::percent_encode("v2?x=y#f");            // "v2%3Fx%3Dy%23f" — one path segment or query value
///   core::percent_encode_path("a b/c.txt");      // "a%20b/c.txt"    — a path whose '/' separate segments
///   core::percent_decode("a%2Fb%zz");            // "a/b%zz"         — malformed escapes stay literal
///   core::form_encode({{"Action", "List"}, {"Name", "a b"}});   // "Action=List&Name=a%20b"
/// \endcode

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hoplite::core {

/// True for RFC 3986 unreserved characters: `A-Z a-z 0-9 - . _ ~`.
[[nodiscard]] constexpr bool is_unreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

/// Every byte but the unreserved ones as `%XX` (upper-case hex), `/` included: for one path
/// segment, a query key or value, a form field. This is SigV4's `UriEncode(s, encodeSlash=true)`,
/// so a name that contains `/`, `?`, `#` or `..` can never change which resource a URL names.
[[nodiscard]] std::string percent_encode(std::string_view s);

/// Like percent_encode, but `/` stays: for a path whose slashes do separate segments (an S3 key,
/// a canonical URI). SigV4's `UriEncode(s, encodeSlash=false)`.
[[nodiscard]] std::string percent_encode_path(std::string_view s);

/// Decodes `%XX` (either case). A `%` not followed by two hex digits is kept as it is, and `+`
/// stays `+` — the lenient reading SigV4 canonicalization needs. Never fails.
[[nodiscard]] std::string percent_decode(std::string_view s);

/// Decodes `%XX` strictly: nullopt when a `%` is not followed by two hex digits (for servers that
/// must reject, not guess). `+` stays `+`.
[[nodiscard]] std::optional<std::string> percent_decode_strict(std::string_view s);

/// One `key=value` pair of a form body or query string, decoded.
using FormField = std::pair<std::string, std::string>;

/// `k1=v1&k2=v2` with keys and values percent_encode'd (a space is `%20`, which every form decoder
/// reads, and what AWS query-protocol clients send). Order is kept.
[[nodiscard]] std::string form_encode(const std::vector<FormField>& fields);

/// Splits a form body or query string on `&` and `=`; `+` is a space and `%XX` is decoded
/// (leniently). Empty pairs are skipped; a pair without `=` has an empty value. Order is kept.
[[nodiscard]] std::vector<FormField> form_decode(std::string_view body);

}  // namespace hoplite::core
