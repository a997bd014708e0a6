#include "local/ec2/ec2_cidr.hpp"

#include <charconv>

namespace hoplite::local::ec2 {
namespace {

std::optional<unsigned> number(std::string_view s, unsigned max) {
  if (s.empty() || s.size() > 3 || (s.size() > 1 && s.front() == '0')) return std::nullopt;
  unsigned n = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc{} || end != s.data() + s.size() || n > max) return std::nullopt;
  return n;
}

}  // namespace

std::optional<Cidr> parse_cidr(std::string_view text, bool strict) {
  auto slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  auto prefix = number(text.substr(slash + 1), 32);
  if (!prefix) return std::nullopt;
  std::string_view ip = text.substr(0, slash);
  std::uint32_t address = 0;
  for (int i = 0; i < 4; ++i) {
    auto dot = i < 3 ? ip.find('.') : ip.size();
    if (dot == std::string_view::npos) return std::nullopt;
    auto octet = number(ip.substr(0, dot), 255);
    if (!octet) return std::nullopt;
    address = (address << 8) | *octet;
    ip = i < 3 ? ip.substr(dot + 1) : std::string_view{};
  }
  const std::uint32_t mask = *prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - *prefix);
  if (strict && (address & ~mask) != 0) return std::nullopt;
  return Cidr{address & mask, static_cast<int>(*prefix)};
}

}  // namespace hoplite::local::ec2
