#pragma once
/// \file Regions and their availability zones, as AWS names them. The local cloud serves any
/// region a request is signed for; a region it does not know by name still works, with zones
/// `a`, `b` and `c`.

#include <string>
#include <string_view>
#include <vector>

namespace hoplite::local {

/// `us-east-1`, `eu-central-1`, `us-gov-west-1`, `cn-north-1`: lower-case words joined by `-`,
/// ending in a number.
[[nodiscard]] bool is_region_name(std::string_view region);

/// The zone names of `region` (`us-east-1a` …), in order. For an unknown well-formed region:
/// a, b, c.
[[nodiscard]] std::vector<std::string> availability_zones(std::string_view region);

/// The zone id of a zone name (`use1-az1` for the first zone of us-east-1): the region's short
/// code plus `-az` plus the zone's position.
[[nodiscard]] std::string zone_id(std::string_view region, std::size_t index);

/// The partition a region belongs to: `aws`, `aws-cn` or `aws-us-gov`.
[[nodiscard]] std::string partition_of(std::string_view region);

}  // namespace hoplite::local
