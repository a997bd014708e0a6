#pragma once
/// \file Field offsets and sizes of a ustar header block (POSIX.1-1988), shared by the tar reader
/// and writer so that both read and write the same layout.

#include <cstddef>

namespace hoplite::oci::tar::header {

inline constexpr std::size_t kName = 0, kNameLen = 100;
inline constexpr std::size_t kMode = 100, kUid = 108, kGid = 116, kSize = 124, kMtime = 136, kChksum = 148;
inline constexpr std::size_t kTypeflag = 156, kLinkname = 157, kLinknameLen = 100;
inline constexpr std::size_t kMagic = 257, kUname = 265, kGname = 297;
inline constexpr std::size_t kDevMajor = 329, kDevMinor = 337, kPrefix = 345, kPrefixLen = 155;

}  // namespace hoplite::oci::tar::header
