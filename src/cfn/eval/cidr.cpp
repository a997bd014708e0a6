// Fn::Cidr: [ipBlock, count, cidrBits] -> `count` consecutive subnets of 2^cidrBits addresses
// carved from the start of ipBlock (IPv4 or IPv6), as CloudFormation computes them.

#include <array>
#include <charconv>
#include <cstdint>
#include <optional>

#include "cfn/eval/functions.hpp"
#include "cfn/read/sections.hpp"

namespace hoplite::cfn::detail {

namespace {

constexpr const char* kCidrError =
    "Template error: every Fn::Cidr object requires three parameters, (1) an IP block in CIDR notation, (2) the "
    "number of subnets to generate (1-256) and (3) the number of subnet bits (cidrBits)";

// 128-bit address as two 64-bit halves (high, low); IPv4 uses the low 32 bits.
struct Address {
  std::uint64_t hi = 0, lo = 0;
};

std::optional<int> small_int(std::string_view s, int max) {
  int n = 0;
  if (s.empty() || s.size() > 3) return std::nullopt;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc() || end != s.data() + s.size() || n < 0 || n > max) return std::nullopt;
  return n;
}

std::optional<Address> parse_v4(std::string_view s) {
  Address a;
  for (int part = 0; part < 4; ++part) {
    auto dot = s.find('.');
    if ((part < 3) == (dot == std::string_view::npos)) return std::nullopt;
    auto octet = small_int(s.substr(0, dot), 255);
    if (!octet) return std::nullopt;
    a.lo = (a.lo << 8) | static_cast<std::uint64_t>(*octet);
    s = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
  }
  return a;
}

std::optional<Address> parse_v6(std::string_view s) {
  std::array<std::uint16_t, 8> groups{};
  std::size_t gap = s.find("::");
  auto parse_groups = [](std::string_view part, std::array<std::uint16_t, 8>& out, std::size_t& count) {
    count = 0;
    if (part.empty()) return true;
    while (true) {
      auto colon = part.find(':');
      std::string_view g = part.substr(0, colon);
      unsigned v = 0;
      if (g.empty() || g.size() > 4 || count >= 8) return false;
      auto [end, ec] = std::from_chars(g.data(), g.data() + g.size(), v, 16);
      if (ec != std::errc() || end != g.data() + g.size()) return false;
      out[count++] = static_cast<std::uint16_t>(v);
      if (colon == std::string_view::npos) return true;
      part = part.substr(colon + 1);
    }
  };
  std::array<std::uint16_t, 8> head{}, tail{};
  std::size_t nh = 0, nt = 0;
  if (gap == std::string_view::npos) {
    if (!parse_groups(s, head, nh) || nh != 8) return std::nullopt;
    groups = head;
  } else {
    if (s.find("::", gap + 1) != std::string_view::npos) return std::nullopt;
    if (!parse_groups(s.substr(0, gap), head, nh) || !parse_groups(s.substr(gap + 2), tail, nt) || nh + nt > 7) {
      return std::nullopt;
    }
    for (std::size_t i = 0; i < nh; ++i) groups[i] = head[i];
    for (std::size_t i = 0; i < nt; ++i) groups[8 - nt + i] = tail[i];
  }
  Address a;
  for (std::size_t i = 0; i < 4; ++i) a.hi = (a.hi << 16) | groups[i];
  for (std::size_t i = 4; i < 8; ++i) a.lo = (a.lo << 16) | groups[i];
  return a;
}

std::string format_v4(const Address& a) {
  return std::to_string((a.lo >> 24) & 255) + "." + std::to_string((a.lo >> 16) & 255) + "." +
         std::to_string((a.lo >> 8) & 255) + "." + std::to_string(a.lo & 255);
}

// RFC 5952: lowercase, leading zeros dropped, the longest run (>= 2) of zero groups as "::".
std::string format_v6(const Address& a) {
  std::array<unsigned, 8> g{};
  for (std::size_t i = 0; i < 4; ++i) g[i] = static_cast<unsigned>((a.hi >> (48 - 16 * i)) & 0xffff);
  for (std::size_t i = 0; i < 4; ++i) g[4 + i] = static_cast<unsigned>((a.lo >> (48 - 16 * i)) & 0xffff);
  std::size_t best = 8, best_len = 0;
  for (std::size_t i = 0; i < 8;) {
    if (g[i] != 0) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < 8 && g[j] == 0) ++j;
    if (j - i > best_len && j - i >= 2) best = i, best_len = j - i;
    i = j;
  }
  auto hex = [](unsigned v) {
    char buf[8];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, 16);
    return std::string(buf, end);
  };
  std::string out;
  for (std::size_t i = 0; i < 8; ++i) {
    if (i == best) {
      out += "::";
      i += best_len - 1;
      continue;
    }
    if (!out.empty() && !out.ends_with(':')) out += ':';
    out += hex(g[i]);
  }
  return out;
}

// Adds `n << shift` to a 128-bit address (shift < 128, n small).
Address add_shifted(Address a, std::uint64_t n, int shift) {
  if (shift >= 64) {
    a.hi += n << (shift - 64);
    return a;
  }
  std::uint64_t low_add = n << shift;
  std::uint64_t high_add = shift == 0 ? 0 : n >> (64 - shift);
  std::uint64_t lo = a.lo + low_add;
  a.hi += high_add + (lo < a.lo ? 1 : 0);
  a.lo = lo;
  return a;
}

Address masked(Address a, int prefix, int bits) {
  // Keep the top `prefix` bits of a `bits`-wide address.
  auto keep = [](std::uint64_t v, int n) {
    return n <= 0 ? 0 : n >= 64 ? v : v & ~((std::uint64_t{1} << (64 - n)) - 1);
  };
  if (bits == 32) {
    std::uint64_t mask = prefix == 0 ? 0 : (0xffffffffULL << (32 - prefix)) & 0xffffffffULL;
    return Address{0, a.lo & mask};
  }
  return Address{keep(a.hi, prefix), keep(a.lo, prefix - 64)};
}

}  // namespace

Outcome fn_cidr(const TemplateValue& args) {
  if (!args.is_array() || args.size() != 3) return std::string(kCidrError);
  for (const TemplateValue& a : args) {
    if (is_unknown(a)) return unknown_value();
    if (!is_text_like(a)) return std::string(kCidrError);
  }
  std::string block = scalar_text(args[0]);
  auto count = small_int(scalar_text(args[1]), 256);
  auto slash = block.find('/');
  if (!count || *count < 1 || slash == std::string::npos) return std::string(kCidrError);
  bool v6 = block.find(':') != std::string::npos;
  int width = v6 ? 128 : 32;
  auto cidr_bits = small_int(scalar_text(args[2]), width);
  auto prefix = small_int(std::string_view(block).substr(slash + 1), width);
  auto address =
      v6 ? parse_v6(std::string_view(block).substr(0, slash)) : parse_v4(std::string_view(block).substr(0, slash));
  if (!cidr_bits || *cidr_bits < 1 || !prefix || !address) return std::string(kCidrError);
  int subnet_prefix = width - *cidr_bits;
  if (subnet_prefix < *prefix) {
    return "Template error: Fn::Cidr cannot make /" + std::to_string(subnet_prefix) + " subnets from " + block;
  }
  // count <= 2^(subnet_prefix - prefix)
  int spare_bits = subnet_prefix - *prefix;
  if (spare_bits < 9 && *count > (1 << spare_bits)) {
    return "Template error: Fn::Cidr cannot make " + std::to_string(*count) + " subnets of /" +
           std::to_string(subnet_prefix) + " in " + block;
  }
  Address base = masked(*address, *prefix, width);
  TemplateValue out = TemplateValue::array();
  for (int i = 0; i < *count; ++i) {
    Address subnet = add_shifted(base, static_cast<std::uint64_t>(i), *cidr_bits);
    out.push_back((v6 ? format_v6(subnet) : format_v4(subnet)) + "/" + std::to_string(subnet_prefix));
  }
  return out;
}

}  // namespace hoplite::cfn::detail
