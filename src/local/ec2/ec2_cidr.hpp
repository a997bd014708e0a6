#pragma once
/// \file IPv4 CIDR blocks as EC2 checks them: `a.b.c.d/n`, the address being the block's first
/// (network) address. Parsed by hand (no regex on request text).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hoplite::local::ec2 {

struct Cidr {
  std::uint32_t address = 0;  ///< the network address
  int prefix = 0;             ///< 0–32

  [[nodiscard]] std::uint64_t size() const { return std::uint64_t{1} << (32 - prefix); }
  [[nodiscard]] std::uint64_t last() const { return address + size() - 1; }
  [[nodiscard]] bool contains(const Cidr& inner) const {
    return inner.prefix >= prefix && inner.address >= address && inner.last() <= last();
  }
  [[nodiscard]] bool overlaps(const Cidr& other) const { return address <= other.last() && other.address <= last(); }
};

/// Parses `a.b.c.d/n`; with `strict`, host bits must be zero (as EC2 requires of VPC and subnet
/// blocks). Nullopt for anything else.
[[nodiscard]] std::optional<Cidr> parse_cidr(std::string_view text, bool strict = true);

}  // namespace hoplite::local::ec2
