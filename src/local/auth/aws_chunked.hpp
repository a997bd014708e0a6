#pragma once
/// \file `aws-chunked` request bodies (`Content-Encoding: aws-chunked`), decoded as they arrive:
/// the S3 upload format in which the body is cut into chunks that each carry a signature chained
/// from the request's own (`x-amz-content-sha256: STREAMING-AWS4-HMAC-SHA256-PAYLOAD`), or carry
/// none and end in trailer fields (`STREAMING-UNSIGNED-PAYLOAD-TRAILER`, checksums sent after the
/// data). Decoded bytes go to a sink piece by piece; nothing but the current chunk line is held.
///
///   signed:   <hex size>;chunk-signature=<64 hex>\r\n <data> \r\n … 0;chunk-signature=<sig>\r\n\r\n
///   unsigned: <hex size>\r\n <data> \r\n … 0\r\n <name>:<value>\r\n … \r\n
///
/// See https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html. (The AWS CLI 2.9 sends
/// plain signed bodies to an http:// endpoint; other SDKs and newer CLIs send these.)

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hoplite/aws/sigv4_verify.hpp"
#include "hoplite/core/result.hpp"
#include "hoplite/core/sha256.hpp"

namespace hoplite::local::auth {

class AwsChunkedDecoder {
 public:
  enum class Mode {
    signed_chunks,          ///< STREAMING-AWS4-HMAC-SHA256-PAYLOAD
    unsigned_with_trailer,  ///< STREAMING-UNSIGNED-PAYLOAD-TRAILER
  };
  struct Options {
    Mode mode = Mode::signed_chunks;
    aws::SignatureClaim claim;         ///< the request's verified claim (its signature seeds the chain)
    std::string secret;                ///< the signing key's secret (signed mode)
    std::uint64_t decoded_length = 0;  ///< x-amz-decoded-content-length: the data bytes expected
  };
  using Sink = std::function<bool(std::string_view data)>;

  /// The mode of an `x-amz-content-sha256` value, or nullopt when it is not an aws-chunked one
  /// (STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER and the ECDSA variants are not supported).
  [[nodiscard]] static std::optional<Mode> mode_of(std::string_view content_sha256);

  AwsChunkedDecoder(Options options, Sink sink);

  /// Feeds raw body bytes, in any pieces. Errors (AWS codes, S3's): `SignatureDoesNotMatch` (403)
  /// for a chunk whose signature is wrong; `IncompleteBody` (400) for more data than declared;
  /// `InvalidChunkSizeError` (400) for a chunk under 8 KiB that is not the last; `InvalidRequest`
  /// (400) for broken framing; `local.chunked.sink` when the sink stopped.
  core::Result<void> feed(std::string_view raw);
  /// Once the whole body was fed: the final chunk (and trailers) arrived and exactly
  /// `decoded_length` data bytes were decoded, else `IncompleteBody` (400).
  core::Result<void> finish() const;

  /// Trailer fields of an unsigned upload (`x-amz-checksum-crc32`, …), lower-case names.
  [[nodiscard]] const std::vector<std::pair<std::string, std::string>>& trailers() const { return trailers_; }
  [[nodiscard]] std::uint64_t decoded_bytes() const { return decoded_; }

 private:
  enum class State { size_line, data, data_end, final_end, trailer, done };
  core::Result<void> start_chunk(std::string_view line);
  core::Result<void> check_signature();
  core::Result<void> trailer_line(std::string_view line);

  Options options_;
  Sink sink_;
  State state_ = State::size_line;
  std::string line_;             ///< the current size or trailer line, without CRLF
  std::uint64_t remaining_ = 0;  ///< data bytes left in the current chunk
  std::uint64_t previous_size_ = 0;
  bool first_chunk_ = true;
  std::string chunk_signature_;  ///< the claimed signature of the current chunk
  std::string previous_signature_;
  core::Sha256 chunk_hash_;
  std::uint64_t decoded_ = 0;
  std::vector<std::pair<std::string, std::string>> trailers_;
};

}  // namespace hoplite::local::auth
