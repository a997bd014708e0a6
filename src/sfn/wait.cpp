#include "hoplite/sfn/wait.hpp"

#include <fmt/format.h>

#include "hoplite/core/time_format.hpp"
#include "hoplite/sfn/error.hpp"
#include "sfn/checks.hpp"
#include "sfn/node.hpp"

namespace hoplite::sfn {

WaitTime WaitTime::seconds(int seconds) {
  if (seconds < 0)
    throw DefinitionError(DefinitionRule::kInvalidField, fmt::format("Wait Seconds must be >= 0, not {}", seconds));
  return WaitTime(Kind::seconds, seconds, {});
}
WaitTime WaitTime::seconds_path(std::string path) { return WaitTime(Kind::seconds_path, 0, std::move(path)); }
WaitTime WaitTime::timestamp(std::string rfc3339) {
  if (!core::parse_iso8601(rfc3339, core::TimestampSyntax::rfc3339).has_value())
    throw DefinitionError(
        DefinitionRule::kInvalidField,
        fmt::format("Wait Timestamp '{}' is not an RFC 3339 timestamp (e.g. \"2026-01-01T00:00:00Z\")", rfc3339));
  return WaitTime(Kind::timestamp, 0, std::move(rfc3339));
}
WaitTime WaitTime::timestamp_path(std::string path) { return WaitTime(Kind::timestamp_path, 0, std::move(path)); }

Wait::Wait(std::string name, WaitProps props) : State(StateType::wait, std::move(name)) {
  auto& n = *node_;
  detail::check_path(n.name, "InputPath", props.input_path, false);
  detail::check_path(n.name, "OutputPath", props.output_path, false);
  n.comment = std::move(props.comment);
  n.input_path = std::move(props.input_path);
  n.output_path = std::move(props.output_path);
  switch (props.time.kind()) {
    case WaitTime::Kind::seconds:
      n.wait_seconds = props.time.seconds_value();
      break;
    case WaitTime::Kind::seconds_path:
      detail::check_reference_path(n.name, "SecondsPath", props.time.text());
      n.wait_seconds_path = props.time.text();
      break;
    case WaitTime::Kind::timestamp:
      n.wait_timestamp = props.time.text();
      break;
    case WaitTime::Kind::timestamp_path:
      detail::check_reference_path(n.name, "TimestampPath", props.time.text());
      n.wait_timestamp_path = props.time.text();
      break;
  }
}

}  // namespace hoplite::sfn
