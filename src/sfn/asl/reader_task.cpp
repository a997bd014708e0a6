// Task states: the resource and the timeouts.
#include <fmt/format.h>

#include "sfn/asl/reader.hpp"

namespace hoplite::sfn::asl {

void Reader::task(StateNode& node, const Json& s, const std::string& at) {
  auto spec = std::make_unique<TaskSpec>();
  if (find_member(s, "Credentials"))
    problem(DefinitionRule::kUnsupportedFeature, "UNSUPPORTED_FEATURE",
            "Credentials (a Task calling with another account's role) are not supported by hoplite locally",
            at + "/Credentials");
  auto resource = string_field(s, "Resource", at, true);
  if (resource) {
    auto arn = parse_resource(*resource);
    if (!arn) {
      schema(DefinitionRule::kInvalidField,
             fmt::format("The resource provided {} is not recognized. The value is not a valid resource ARN, or the "
                         "resource is not available in this region.",
                         *resource),
             at + "/Resource");
    } else {
      spec->resource = *resource;
      spec->arn = std::move(*arn);
    }
  }
  spec->timeout_seconds = dynamic_number(s, "TimeoutSeconds", at, 1, 99999999, true);
  spec->heartbeat_seconds = dynamic_number(s, "HeartbeatSeconds", at, 1, 99999999, true);
  if (spec->timeout_seconds.literal && spec->heartbeat_seconds.literal &&
      *spec->heartbeat_seconds.literal >= *spec->timeout_seconds.literal)
    schema(DefinitionRule::kInvalidField,
           "The value for the field 'HeartbeatSeconds' must be smaller than TimeoutSeconds", at + "/HeartbeatSeconds");
  node.task = std::move(spec);
}

}  // namespace hoplite::sfn::asl
