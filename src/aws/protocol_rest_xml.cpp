#include "hoplite/aws/protocol_rest_xml.hpp"

#include <array>

#include <openssl/evp.h>

#include "hoplite/aws/protocol_query.hpp"
#include "hoplite/core/base64.hpp"

namespace hoplite::aws {
std::string content_md5(std::string_view body) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  EVP_Digest(body.data(), body.size(), digest.data(), &size, EVP_md5(), nullptr);
  return core::base64_encode(std::string_view(reinterpret_cast<const char*>(digest.data()), size));
}

ServiceError parse_rest_xml_error(const http::Response& response) {
  // S3's <Error> document is the shape parse_query_error already reads, headers included.
  return parse_query_error(response);
}

}  // namespace hoplite::aws
