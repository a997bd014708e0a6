#include "hoplite/aws/protocol_rest_xml.hpp"

#include <vector>

#include <gtest/gtest.h>

namespace hoplite::aws {
namespace {

TEST(RestXml, ContentMd5MatchesTheAwsCli) {
  // tests/testdata/aws-wire/requests/007-PUT_peers_bucket_templates_object_txt.json
  EXPECT_EQ(content_md5("hello from peers\n"), "Br+5AiyYydCgKNifiFmnJg==");
  EXPECT_EQ(content_md5(""), "1B2M2Y8AsgTpgAmY7PhCfg==");
}

TEST(RestXml, ParsesS3ErrorDocuments) {
  http::Response r{.status = 404,
                   .body =
                       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code>"
                       "<Message>The specified key does not exist.</Message><Key>a</Key>"
                       "<RequestId>4442587FB7D0A2F9</RequestId><HostId>x</HostId></Error>"};
  ServiceError e = parse_rest_xml_error(r);
  EXPECT_EQ(e.code, "NoSuchKey");
  EXPECT_EQ(e.message, "The specified key does not exist.");
  EXPECT_EQ(e.request_id, "4442587FB7D0A2F9");
}

TEST(RestXml, BodylessErrorsUseTheStatus) {
  http::Response r{.status = 403};
  r.headers.add("x-amz-request-id", "X1");
  ServiceError e = parse_rest_xml_error(r);
  EXPECT_EQ(e.code, "Forbidden");
  EXPECT_EQ(e.request_id, "X1");
}

}  // namespace
}  // namespace hoplite::aws
