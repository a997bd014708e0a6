#include "sfn/timestamp.hpp"

#include <cstddef>

namespace hoplite::sfn::detail {

bool is_rfc3339_timestamp(std::string_view s) {
  auto digits = [&](std::size_t from, std::size_t n) {
    if (from + n > s.size()) return false;
    for (std::size_t i = from; i < from + n; ++i)
      if (s[i] < '0' || s[i] > '9') return false;
    return true;
  };
  if (!(s.size() > 19 && digits(0, 4) && s[4] == '-' && digits(5, 2) && s[7] == '-' && digits(8, 2) && s[10] == 'T' &&
        digits(11, 2) && s[13] == ':' && digits(14, 2) && s[16] == ':' && digits(17, 2)))
    return false;
  std::size_t i = 19;
  if (s[i] == '.') {
    ++i;
    std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == start) return false;
  }
  if (i < s.size() && s[i] == 'Z') return i + 1 == s.size();
  return i + 6 == s.size() && (s[i] == '+' || s[i] == '-') && digits(i + 1, 2) && s[i + 3] == ':' && digits(i + 4, 2);
}

}  // namespace hoplite::sfn::detail
