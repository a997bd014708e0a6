#include "local/lambda/lambda_zip.hpp"

#include <cstdint>

namespace hoplite::local::lambda {
namespace {

std::uint32_t zip_crc32(std::string_view data) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char byte : data) {
    crc ^= byte;
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

void zip_le16(std::string& out, std::uint32_t v) {
  out.push_back(static_cast<char>(v & 0xFF));
  out.push_back(static_cast<char>((v >> 8) & 0xFF));
}

void zip_le32(std::string& out, std::uint32_t v) {
  zip_le16(out, v & 0xFFFF);
  zip_le16(out, v >> 16);
}

}  // namespace

bool looks_like_zip(std::string_view bytes) {
  return bytes.size() >= 4 && bytes.substr(0, 2) == "PK" &&
         ((bytes[2] == '\x03' && bytes[3] == '\x04') || (bytes[2] == '\x05' && bytes[3] == '\x06'));
}

std::string zip_one_file(std::string_view name, std::string_view content) {
  constexpr std::uint32_t kDosDate = (0u << 9) | (1u << 5) | 1u;  // 1980-01-01
  const std::uint32_t crc = zip_crc32(content);
  const auto size = static_cast<std::uint32_t>(content.size());
  const auto name_size = static_cast<std::uint32_t>(name.size());
  std::string out;
  // Local file header.
  zip_le32(out, 0x04034b50u);
  zip_le16(out, 10);  // version needed: 1.0 (stored)
  zip_le16(out, 0);   // flags
  zip_le16(out, 0);   // method: stored
  zip_le16(out, 0);   // time
  zip_le16(out, kDosDate);
  zip_le32(out, crc);
  zip_le32(out, size);
  zip_le32(out, size);
  zip_le16(out, name_size);
  zip_le16(out, 0);  // extra
  out.append(name);
  out.append(content);
  const auto directory_offset = static_cast<std::uint32_t>(out.size());
  // Central directory entry.
  zip_le32(out, 0x02014b50u);
  zip_le16(out, (3u << 8) | 10u);  // made by: Unix, 1.0 (so the mode below is read)
  zip_le16(out, 10);
  zip_le16(out, 0);
  zip_le16(out, 0);
  zip_le16(out, 0);
  zip_le16(out, kDosDate);
  zip_le32(out, crc);
  zip_le32(out, size);
  zip_le32(out, size);
  zip_le16(out, name_size);
  zip_le16(out, 0);  // extra
  zip_le16(out, 0);  // comment
  zip_le16(out, 0);  // disk
  zip_le16(out, 0);  // internal attributes
  zip_le32(out, 0100644u << 16);
  zip_le32(out, 0);  // local header offset
  out.append(name);
  const auto directory_size = static_cast<std::uint32_t>(out.size()) - directory_offset;
  // End of central directory.
  zip_le32(out, 0x06054b50u);
  zip_le16(out, 0);
  zip_le16(out, 0);
  zip_le16(out, 1);
  zip_le16(out, 1);
  zip_le32(out, directory_size);
  zip_le32(out, directory_offset);
  zip_le16(out, 0);
  return out;
}

}  // namespace hoplite::local::lambda
