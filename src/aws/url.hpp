#pragma once
/// \file Splitting absolute URLs into the parts SigV4 and endpoint resolution need (private).

#include <string>
#include <string_view>

#include "hoplite/core/result.hpp"

namespace hoplite::aws::detail {

struct UrlParts {
  std::string scheme;  ///< "https"
  std::string host;    ///< host[:port] without user info; default ports (80/443) dropped
  std::string path;    ///< as written, "/" when empty; never includes the query
  std::string query;   ///< without '?', as written; fragment dropped
};

/// Parses `scheme://[user@]host[:port][/path][?query][#fragment]`; error `aws.url` otherwise.
core::Result<UrlParts> split_url(std::string_view url);

}  // namespace hoplite::aws::detail
