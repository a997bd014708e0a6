#include "hoplite/cfn/logical_id.hpp"
#include "hoplite/core/ascii.hpp"

#include <cstdint>

#include "hoplite/core/sha256.hpp"

namespace hoplite::cfn {

namespace {
constexpr std::size_t kMaxLogicalId = 255;
constexpr std::size_t kHashDigits = 8;
bool is_alnum(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
}  // namespace

std::string sanitize_logical_id(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (is_alnum(c)) out.push_back(c);
  }
  return out;
}

bool is_valid_logical_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxLogicalId) return false;
  for (char c : id) {
    if (!is_alnum(c)) return false;
  }
  return true;
}

std::string logical_id(std::string_view prefix, std::initializer_list<std::string_view> parts) {
  // Length-prefix each part so ("ab", "c") and ("a", "bc") hash differently.
  std::string material;
  for (std::string_view part : parts) {
    material += std::to_string(part.size());
    material.push_back(':');
    material.append(part);
  }
  const std::string hash = core::ascii_upper(core::sha256_hex(material).substr(0, kHashDigits));
  std::string out = sanitize_logical_id(prefix);
  if (out.size() > kMaxLogicalId - kHashDigits) out.resize(kMaxLogicalId - kHashDigits);
  return out + hash;
}

}  // namespace hoplite::cfn
