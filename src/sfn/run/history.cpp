#include "hoplite/sfn/history.hpp"

#include <fmt/format.h>

#include "hoplite/core/time_format.hpp"
#include "sfn/json/text.hpp"

namespace hoplite::sfn {

std::string HistoryEvent::to_json() const {
  std::string out = "{\"timestamp\":";
  std::int64_t ms = core::to_epoch_millis(timestamp);
  // Epoch seconds with milliseconds, as the JSON protocol writes timestamps (1700000000.123).
  fmt::format_to(std::back_inserter(out), "{}.{:03d}", ms / 1000 - (ms % 1000 < 0 ? 1 : 0),
                 static_cast<int>((ms % 1000 + 1000) % 1000));
  out += ",\"type\":";
  asl::append_json_string(out, type);
  fmt::format_to(std::back_inserter(out), ",\"id\":{},\"previousEventId\":{}", id, previous_event_id);
  if (!details_member.empty()) {
    out += ',';
    asl::append_json_string(out, details_member);
    out += ':';
    out += details;
  }
  out += '}';
  return out;
}

}  // namespace hoplite::sfn
