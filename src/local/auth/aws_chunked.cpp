#include "local/auth/aws_chunked.hpp"

#include <algorithm>
#include <charconv>

#include "local/service.hpp"

namespace hoplite::local::auth {
namespace {

constexpr std::size_t kMaxLine = 4096;     // a size line is ~90 bytes, a trailer a few hundred
constexpr std::uint64_t kMinChunk = 8192;  // S3: every chunk but the last has at least 8 KiB
constexpr std::size_t kMaxTrailers = 16;

core::Failure framing(std::string message) { return aws_error("InvalidRequest", std::move(message)); }

bool is_hex64(std::string_view s) {
  return s.size() == 64 &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

std::optional<AwsChunkedDecoder::Mode> AwsChunkedDecoder::mode_of(std::string_view content_sha256) {
  if (content_sha256 == "STREAMING-AWS4-HMAC-SHA256-PAYLOAD") return Mode::signed_chunks;
  if (content_sha256 == "STREAMING-UNSIGNED-PAYLOAD-TRAILER") return Mode::unsigned_with_trailer;
  return std::nullopt;
}

AwsChunkedDecoder::AwsChunkedDecoder(Options options, Sink sink)
    : options_(std::move(options)), sink_(std::move(sink)), previous_signature_(options_.claim.signature) {}

core::Result<void> AwsChunkedDecoder::feed(std::string_view raw) {
  while (!raw.empty()) {
    switch (state_) {
      case State::size_line:
      case State::trailer: {
        auto nl = raw.find('\n');
        std::string_view part = raw.substr(0, nl);
        if (line_.size() + part.size() > kMaxLine) return framing("aws-chunked line longer than 4096 bytes");
        line_.append(part);
        if (nl == std::string_view::npos) return core::ok();
        raw.remove_prefix(nl + 1);
        if (line_.empty() || line_.back() != '\r') return framing("aws-chunked lines end in CRLF");
        line_.pop_back();
        std::string line = std::move(line_);
        line_.clear();
        auto r = state_ == State::size_line ? start_chunk(line) : trailer_line(line);
        if (!r) return r;
        break;
      }
      case State::data: {
        auto n = static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, raw.size()));
        std::string_view data = raw.substr(0, n);
        if (options_.mode == Mode::signed_chunks) chunk_hash_.update(data);
        if (!sink_(data)) return core::fail("local.chunked.sink", "the body's reader stopped");
        remaining_ -= n;
        decoded_ += n;
        raw.remove_prefix(n);
        if (remaining_ == 0) state_ = State::data_end;
        break;
      }
      case State::data_end:
      case State::final_end: {
        // A CRLF: after a chunk's data, or the empty line that ends a signed body. It may arrive split.
        line_.push_back(raw.front());
        raw.remove_prefix(1);
        if (line_.size() < 2) break;
        if (line_ != "\r\n") return framing("aws-chunked framing: CRLF expected");
        line_.clear();
        if (state_ == State::final_end) {
          state_ = State::done;
          break;
        }
        if (auto r = check_signature(); !r) return r;
        state_ = State::size_line;
        break;
      }
      case State::done:
        return framing("data after the final aws-chunked chunk");
    }
  }
  return core::ok();
}

core::Result<void> AwsChunkedDecoder::start_chunk(std::string_view line) {
  std::string_view size_text = line.substr(0, line.find(';'));
  std::uint64_t size = 0;
  auto [end, ec] = std::from_chars(size_text.data(), size_text.data() + size_text.size(), size, 16);
  if (size_text.empty() || size_text.size() > 16 || ec != std::errc{} || end != size_text.data() + size_text.size())
    return framing("aws-chunked chunk size is not hexadecimal");
  if (options_.mode == Mode::signed_chunks) {
    constexpr std::string_view kKey = ";chunk-signature=";
    auto at = line.find(kKey);
    if (at == std::string_view::npos || !is_hex64(line.substr(at + kKey.size())))
      return framing("aws-chunked chunk has no chunk-signature");
    chunk_signature_ = std::string(line.substr(at + kKey.size()));
  }
  if (size > options_.decoded_length - decoded_)
    return aws_error("IncompleteBody", "The aws-chunked body holds more data than x-amz-decoded-content-length");
  if (!first_chunk_ && previous_size_ < kMinChunk && size > 0)
    return aws_error("InvalidChunkSizeError", "Only the last chunk is allowed to have a size less than 8192 bytes");
  first_chunk_ = false;
  previous_size_ = size;
  remaining_ = size;
  chunk_hash_ = core::Sha256();
  if (size > 0) {
    state_ = State::data;
  } else if (options_.mode == Mode::signed_chunks) {
    // The final, empty chunk is signed too; then one empty line ends the body.
    if (auto r = check_signature(); !r) return r;
    state_ = State::final_end;
  } else {
    state_ = State::trailer;
  }
  return core::ok();
}

core::Result<void> AwsChunkedDecoder::check_signature() {
  if (options_.mode != Mode::signed_chunks) return core::ok();
  std::string expected =
      aws::chunk_signature(options_.claim, options_.secret, previous_signature_, chunk_hash_.finish_hex());
  if (!aws::constant_time_equal(expected, chunk_signature_))
    return aws_error("SignatureDoesNotMatch",
                     "The request signature we calculated does not match the signature you provided. Check your key "
                     "and signing method.",
                     403);
  previous_signature_ = std::move(expected);
  return core::ok();
}

core::Result<void> AwsChunkedDecoder::trailer_line(std::string_view line) {
  if (line.empty()) {
    state_ = State::done;
    return core::ok();
  }
  if (trailers_.size() >= kMaxTrailers) return framing("too many aws-chunked trailer fields");
  auto colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) return framing("aws-chunked trailer is not name:value");
  std::string name(line.substr(0, colon));
  for (char& c : name)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  trailers_.emplace_back(std::move(name), std::string(value));
  return core::ok();
}

core::Result<void> AwsChunkedDecoder::finish() const {
  if (state_ != State::done || decoded_ != options_.decoded_length)
    return aws_error("IncompleteBody",
                     "You did not provide the number of bytes specified by the "
                     "x-amz-decoded-content-length HTTP header");
  return core::ok();
}

}  // namespace hoplite::local::auth
