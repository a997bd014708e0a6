#pragma once
/// \file
/// The REST-XML protocol as S3 speaks it: operations are HTTP methods on
/// `/<bucket>/<key>` (see Caller::rest for addressing), inputs ride in headers and query
/// parameters, bodies and errors are XML (`<Error><Code/><Message/><RequestId/></Error>`).
/// See https://smithy.io/2.0/aws/protocols/aws-restxml-protocol.html

#include <optional>
#include <string>
#include <string_view>

#include "hoplite/aws/error.hpp"
#include "hoplite/http/message.hpp"

namespace hoplite::aws {

/// The `Content-MD5` header value: base64 of the body's MD5 (S3 checks it and rejects a corrupted
/// upload with BadDigest).
[[nodiscard]] std::string content_md5(std::string_view body);

/// The service error of an S3 response. Bodiless responses (HEAD) get the code from the status
/// (404 NotFound, 403 Forbidden, 301 PermanentRedirect); the request id comes from
/// `x-amz-request-id` or the body.
[[nodiscard]] ServiceError parse_rest_xml_error(const http::Response& response);

}  // namespace hoplite::aws
