#include "local/s3/s3_body.hpp"

#include <openssl/evp.h>

#include "hoplite/core/base64.hpp"
#include "hoplite/core/hex.hpp"
#include "hoplite/core/sha256.hpp"
#include "local/auth/aws_chunked.hpp"
#include "local/s3/s3_names.hpp"

namespace hoplite::local::s3 {

Md5::Md5() : ctx_(EVP_MD_CTX_new()) { EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(ctx_), EVP_md5(), nullptr); }
Md5::~Md5() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(ctx_)); }
void Md5::update(std::string_view bytes) {
  EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(ctx_), bytes.data(), bytes.size());
}
std::string Md5::finish() {
  std::string out(EVP_MAX_MD_SIZE, '\0');
  unsigned int n = 0;
  EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(ctx_), reinterpret_cast<unsigned char*>(out.data()), &n);
  out.resize(n);
  return out;
}

namespace {

bool is_hex64(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

/// Feeds the decoded body to `sink` after checking how it was signed; returns once it all arrived.
core::Result<void> read_decoded(Call& call, std::uint64_t max,
                                const std::function<core::Result<void>(std::string_view)>& sink) {
  const std::string declared = call.request.headers.get("x-amz-content-sha256").value_or("UNSIGNED-PAYLOAD");
  auto mode = auth::AwsChunkedDecoder::mode_of(declared);
  core::Result<void> sink_status = core::ok();
  auto deliver = [&](std::string_view piece) {
    sink_status = sink(piece);
    return sink_status.ok();
  };
  auto body_error = [&](const core::Error& e) -> core::Failure {
    if (!sink_status) return core::fail(sink_status.error());
    if (e.http_status == 413)
      return s3_error("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size", 400);
    return s3_error("IncompleteBody",
                    "You did not provide the number of bytes specified by the Content-Length HTTP header.", 400);
  };
  if (mode) {
    if (!call.claim) return s3_error("InvalidRequest", "aws-chunked uploads must be signed", 400);
    auto decoded_length = call.request.headers.get("x-amz-decoded-content-length");
    std::uint64_t length = 0;
    if (!decoded_length || decoded_length->empty() ||
        decoded_length->find_first_not_of("0123456789") != std::string::npos || decoded_length->size() > 19)
      return s3_error("MissingContentLength", "You must provide the Content-Length HTTP header.", 411);
    length = std::stoull(*decoded_length);
    if (length > max) return s3_error("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size", 400);
    auth::AwsChunkedDecoder decoder({*mode, *call.claim, call.signing_secret, length}, deliver);
    core::Result<void> fed = core::ok();
    auto read = call.request.body.read(
        [&](std::string_view raw) {
          fed = decoder.feed(raw);
          return fed.ok();
        },
        max + max / 8 + (1 << 20));  // framing adds ~0.1 % per 64 KiB chunk
    if (!fed) {
      if (fed.error().code == "local.chunked.sink") return core::fail(sink_status.error());
      return fed.failure();
    }
    if (!read) return body_error(read.error());
    return decoder.finish();
  }
  core::Sha256 hash;
  const bool check_hash = declared != "UNSIGNED-PAYLOAD";
  if (check_hash && !is_hex64(declared))
    return s3_error("InvalidArgument",
                    "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-… or a valid sha256 value.", 400);
  auto read = call.request.body.read(
      [&](std::string_view piece) {
        if (check_hash) hash.update(piece);
        return deliver(piece);
      },
      max);
  if (!read) return body_error(read.error());
  if (check_hash && hash.finish_hex() != declared)
    return s3_error("XAmzContentSHA256Mismatch",
                    "The provided 'x-amz-content-sha256' header does not match what was computed.", 400);
  return core::ok();
}

/// The Content-MD5 header, decoded (nullopt when absent). InvalidDigest when malformed.
core::Result<std::optional<std::string>> content_md5(const Call& call) {
  auto header = call.request.headers.get("Content-MD5");
  if (!header) return std::optional<std::string>{};
  auto raw = core::base64_decode(*header);
  if (!raw || raw->size() != 16) return s3_error("InvalidDigest", "The Content-MD5 you specified was invalid.", 400);
  return std::optional<std::string>{*raw};
}

core::Failure bad_digest() {
  return s3_error("BadDigest", "The Content-MD5 you specified did not match what we received.", 400);
}

}  // namespace

core::Result<ReceivedBlob> receive_blob(Call& call, const store::BlobStore& blobs, std::uint64_t max) {
  auto expected_md5 = content_md5(call);
  if (!expected_md5) return expected_md5.failure();
  auto writer = blobs.create();
  if (!writer) return writer.failure();
  Md5 md5;
  auto read = read_decoded(call, max, [&](std::string_view piece) {
    md5.update(piece);
    return writer->append(piece);
  });
  if (!read) return read.failure();  // the writer removes its partial file
  std::string digest = md5.finish();
  if (*expected_md5 && **expected_md5 != digest) return bad_digest();
  auto info = writer->commit();
  if (!info) return info.failure();
  return ReceivedBlob{*info, digest};
}

core::Result<std::string> receive_small(Call& call, std::uint64_t max) {
  auto expected_md5 = content_md5(call);
  if (!expected_md5) return expected_md5.failure();
  std::string body;
  auto read = read_decoded(call, max, [&](std::string_view piece) {
    body += piece;
    return core::Result<void>(core::ok());
  });
  if (!read) return read.failure();
  if (*expected_md5) {
    Md5 md5;
    md5.update(body);
    if (md5.finish() != **expected_md5) return bad_digest();
  }
  return body;
}

}  // namespace hoplite::local::s3
