#pragma once
// The S3 objects CloudFormation reads by URL: a TemplateURL, a StackPolicyURL. AWS takes S3's
// own URLs, path style (`https://s3.<region>.amazonaws.com/<bucket>/<key>`) or virtual-hosted
// (`https://<bucket>.s3.amazonaws.com/<key>`); the local cloud also takes its own address
// (`http://127.0.0.1:4566/<bucket>/<key>`, what `hoplite provision` uploads to). The object comes
// from the local S3 either way.

#include <cstdint>
#include <string>
#include <string_view>

#include "hoplite/core/result.hpp"
#include "local/service.hpp"

namespace hoplite::local::s3 {
class S3Service;
}

namespace hoplite::local::cloudformation {

struct S3Location {
  std::string bucket;
  std::string key;
};

/// Where `url` points, or AWS's ValidationError: "`what` must be a supported URL." for a URL that
/// is not S3's (or the local cloud's own, `local_host` as the request's Host header gave it), and
/// "S3 error: Domain name specified in <host> is not a valid S3 domain" for a scheme other than
/// http(s) (recorded on AWS for `s3://bucket/key`).
[[nodiscard]] core::Result<S3Location> s3_location(std::string_view url, std::string_view local_host,
                                                   std::string_view what);

/// The object at `url` (at most `max` bytes) from the local S3, as `ctx`'s caller reads it;
/// S3's failures become AWS's "S3 error: <S3's message>" ValidationErrors.
[[nodiscard]] core::Result<std::string> read_s3_url(s3::S3Service& s3, const CallContext& ctx, std::string_view url,
                                                    std::string_view what, std::uint64_t max);

}  // namespace hoplite::local::cloudformation
