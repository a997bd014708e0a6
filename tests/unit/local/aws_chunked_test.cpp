// aws-chunked bodies against the example of the S3 API reference ("Signature Calculations for the
// Authorization Header: Transferring Payload in Multiple Chunks"): a 66,560-byte object of 'a' in
// chunks of 65,536 and 1,024 bytes. Its seed, chunk and final signatures are the documented ones
// (recomputed independently with Python's hmac before they were written here).
#include "local/auth/aws_chunked.hpp"

#include <gtest/gtest.h>

#include "hoplite/aws/sigv4_verify.hpp"

namespace hoplite::local::auth {
namespace {

constexpr const char* kSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
constexpr const char* kSeed = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
constexpr const char* kChunk1 = "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648";
constexpr const char* kChunk2 = "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497";
constexpr const char* kFinal = "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9";

http::Headers documented_headers() {
  http::Headers h;
  h.add("Host", "s3.amazonaws.com");
  h.add("x-amz-date", "20130524T000000Z");
  h.add("x-amz-storage-class", "REDUCED_REDUNDANCY");
  h.add("Authorization",
        std::string("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                    "SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;"
                    "x-amz-decoded-content-length;x-amz-storage-class, Signature=") +
            kSeed);
  h.add("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
  h.add("Content-Encoding", "aws-chunked");
  h.add("x-amz-decoded-content-length", "66560");
  h.add("Content-Length", "66824");
  return h;
}

aws::SignatureClaim documented_claim() {
  auto claim = aws::parse_signature_claim(documented_headers(), "");
  EXPECT_TRUE(claim.ok() && claim->has_value());
  return **claim;
}

std::string documented_body() {
  return std::string("10000;chunk-signature=") + kChunk1 + "\r\n" + std::string(65536, 'a') + "\r\n" +
         "400;chunk-signature=" + kChunk2 + "\r\n" + std::string(1024, 'a') + "\r\n" + "0;chunk-signature=" + kFinal +
         "\r\n\r\n";
}

AwsChunkedDecoder::Options signed_options(std::uint64_t decoded = 66560) {
  return {.mode = AwsChunkedDecoder::Mode::signed_chunks,
          .claim = documented_claim(),
          .secret = kSecret,
          .decoded_length = decoded};
}

TEST(AwsChunked, TheDocumentedRequestVerifiesAndItsChunksDecodeInAnyPieces) {
  auto claim = documented_claim();
  auto seed = aws::verify_signature({"PUT", "/examplebucket/chunkObject.txt", documented_headers()}, claim, kSecret,
                                    "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", {.s3 = true});
  EXPECT_TRUE(seed.ok()) << "the seed signature";
  const std::string body = documented_body();
  ASSERT_EQ(body.size(), 66824u) << "the documented Content-Length";
  for (std::size_t piece : {std::size_t{1}, std::size_t{7}, std::size_t{8192}, body.size()}) {
    std::string out;
    AwsChunkedDecoder d(signed_options(), [&](std::string_view data) {
      out.append(data);
      return true;
    });
    for (std::size_t at = 0; at < body.size(); at += piece) {
      auto r = d.feed(std::string_view(body).substr(at, piece));
      ASSERT_TRUE(r.ok()) << "piece " << piece << " at " << at << ": " << r.error().message;
    }
    EXPECT_TRUE(d.finish().ok()) << piece;
    EXPECT_EQ(out, std::string(66560, 'a'));
  }
  EXPECT_EQ(AwsChunkedDecoder::mode_of("STREAMING-AWS4-HMAC-SHA256-PAYLOAD"), AwsChunkedDecoder::Mode::signed_chunks);
  EXPECT_EQ(AwsChunkedDecoder::mode_of("UNSIGNED-PAYLOAD"), std::nullopt);
}

core::Result<void> decode(const std::string& body, AwsChunkedDecoder::Options options) {
  AwsChunkedDecoder d(std::move(options), [](std::string_view) { return true; });
  if (auto r = d.feed(body); !r) return r;
  return d.finish();
}

TEST(AwsChunked, AlteredTruncatedOrOversizedBodiesAreRefused) {
  std::string altered = documented_body();
  altered[100] = 'b';
  auto r = decode(altered, signed_options());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "SignatureDoesNotMatch");
  EXPECT_EQ(r.error().http_status, 403);

  std::string body = documented_body();
  r = decode(body.substr(0, body.size() - 2), signed_options());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "IncompleteBody");

  r = decode(body, signed_options(66000));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "IncompleteBody");

  r = decode(body + "x", signed_options());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "InvalidRequest");

  std::string swapped = std::string("400;chunk-signature=") + kChunk2 + "\r\n" + std::string(1024, 'a') + "\r\n" +
                        "10000;chunk-signature=" + kChunk1 + "\r\n";
  r = decode(swapped, signed_options());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "SignatureDoesNotMatch") << "each signature chains from the one before";

  for (const std::string& broken :
       {std::string("zz;chunk-signature=") + kChunk1 + "\r\n", std::string("10000\r\n"),
        std::string("10000;chunk-signature=abc\r\n"), std::string("10000;chunk-signature=") + kChunk1 + "\n",
        std::string(5000, '1') + "\r\n"}) {
    auto b = decode(broken, signed_options());
    ASSERT_FALSE(b.ok()) << broken.substr(0, 40);
    EXPECT_EQ(b.error().code, "InvalidRequest") << broken.substr(0, 40);
  }
}

TEST(AwsChunked, OnlyTheLastChunkMayBeSmall) {
  // Unsigned, so the chunk sizes alone decide.
  AwsChunkedDecoder::Options o{.mode = AwsChunkedDecoder::Mode::unsigned_with_trailer, .decoded_length = 20};
  auto r = decode("a\r\n0123456789\r\na\r\n0123456789\r\n0\r\n\r\n", o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "InvalidChunkSizeError");
}

TEST(AwsChunked, UnsignedUploadsEndInTrailers) {
  std::string out;
  AwsChunkedDecoder d({.mode = AwsChunkedDecoder::Mode::unsigned_with_trailer, .decoded_length = 5},
                      [&](std::string_view data) {
                        out.append(data);
                        return true;
                      });
  ASSERT_TRUE(d.feed("5\r\nhello\r\n0\r\nX-Amz-Checksum-Crc32:NhCmhg==\r\n\r\n").ok());
  EXPECT_TRUE(d.finish().ok());
  EXPECT_EQ(out, "hello");
  ASSERT_EQ(d.trailers().size(), 1u);
  EXPECT_EQ(d.trailers()[0].first, "x-amz-checksum-crc32");
  EXPECT_EQ(d.trailers()[0].second, "NhCmhg==");
  AwsChunkedDecoder many({.mode = AwsChunkedDecoder::Mode::unsigned_with_trailer, .decoded_length = 0},
                         [](std::string_view) { return true; });
  std::string trailers = "0\r\n";
  for (int i = 0; i < 20; ++i) trailers += "x-t" + std::to_string(i) + ":v\r\n";
  EXPECT_FALSE(many.feed(trailers).ok());
}

}  // namespace
}  // namespace hoplite::local::auth
