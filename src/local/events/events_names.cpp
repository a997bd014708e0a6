#include "local/events/events_names.hpp"

#include <algorithm>
#include <charconv>
#include <vector>

#include "hoplite/core/json.hpp"
#include "local/regions.hpp"

namespace hoplite::local::events {
namespace {

constexpr std::string_view kBadSchedule = "Parameter ScheduleExpression is not valid.";

bool is_rule_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

/// Characters a cron field may hold: numbers, names (JAN, MON), and `* ? , - / L W #`.
bool is_cron_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '*' || c == '?' ||
         c == ',' || c == '-' || c == '/' || c == '#';
}

/// `<n> <unit>`: a positive whole number and minute(s), hour(s) or day(s), singular for 1 and
/// plural otherwise (AWS rejects `rate(1 minutes)` and `rate(5 minute)`).
bool is_rate(std::string_view body) {
  auto space = body.find(' ');
  if (space == std::string_view::npos || space == 0) return false;
  std::string_view number = body.substr(0, space);
  std::string_view unit = body.substr(space + 1);
  long long n = 0;
  auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), n);
  if (ec != std::errc{} || end != number.data() + number.size() || n < 1) return false;
  for (std::string_view u : {"minute", "hour", "day"}) {
    if (n == 1 && unit == u) return true;
    if (n > 1 && unit.size() == u.size() + 1 && unit.starts_with(u) && unit.back() == 's') return true;
  }
  return false;
}

/// Six fields (minutes hours day-of-month month day-of-week year), one space apart, one of the
/// two day fields `?` (AWS cannot honour both).
bool is_cron(std::string_view body) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (start <= body.size() && fields.size() <= 6) {
    auto space = body.find(' ', start);
    std::string_view field = body.substr(start, space == std::string_view::npos ? body.size() - start : space - start);
    if (field.empty() || !std::all_of(field.begin(), field.end(), is_cron_char)) return false;
    fields.push_back(field);
    if (space == std::string_view::npos) break;
    start = space + 1;
  }
  if (fields.size() != 6) return false;
  return fields[2] == "?" || fields[4] == "?";
}

core::Failure bad_pattern(std::string reason) {
  return aws_error("InvalidEventPatternException", "Event pattern is not valid. Reason: " + std::move(reason));
}

}  // namespace

bool is_rule_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), is_rule_name_char);
}

core::Result<void> check_schedule(std::string_view expression) {
  auto inside = [&](std::string_view open) -> std::optional<std::string_view> {
    if (!expression.starts_with(open) || !expression.ends_with(")")) return std::nullopt;
    return expression.substr(open.size(), expression.size() - open.size() - 1);
  };
  if (auto rate = inside("rate("); rate && is_rate(*rate)) return core::ok();
  if (auto cron = inside("cron("); cron && is_cron(*cron)) return core::ok();
  return validation(std::string(kBadSchedule));
}

core::Result<void> check_event_pattern(std::string_view pattern) {
  auto doc = core::parse_json(pattern, "the event pattern");
  if (!doc) return bad_pattern(doc.error().message);
  if (!doc->is_object()) return bad_pattern("Filter is not an object");
  // Every member is a nested object or an array of values to match; walked with a stack, not
  // recursion (the parser's depth cap bounds it either way).
  std::vector<const nlohmann::json*> pending{&*doc};
  while (!pending.empty()) {
    const nlohmann::json* object = pending.back();
    pending.pop_back();
    for (const auto& [key, value] : object->items()) {
      if (value.is_object())
        pending.push_back(&value);
      else if (!value.is_array())
        return bad_pattern("\"" + key.substr(0, 256) + "\" must be an object or an array");
    }
  }
  return core::ok();
}

core::Result<std::string> event_bus(const CallContext& ctx, const std::optional<std::string>& name) {
  if (!name || *name == kDefaultBus) return std::string(kDefaultBus);
  std::string default_arn = "arn:" + partition_of(ctx.region) + ":events:" + ctx.region + ":" +
                            ctx.principal.account_id + ":event-bus/" + std::string(kDefaultBus);
  if (*name == default_arn) return std::string(kDefaultBus);
  return aws_error("ResourceNotFoundException", "Event bus " + name->substr(0, 1600) + " does not exist.");
}

std::string rule_arn(const CallContext& ctx, std::string_view name) {
  return "arn:" + partition_of(ctx.region) + ":events:" + ctx.region + ":" + ctx.principal.account_id + ":rule/" +
         std::string(name);
}

core::Failure rule_not_found(std::string_view name, std::string_view bus) {
  return aws_error("ResourceNotFoundException",
                   "Rule " + std::string(name) + " does not exist on EventBus " + std::string(bus) + ".");
}

core::Failure validation(std::string message) { return aws_error("ValidationException", std::move(message)); }

}  // namespace hoplite::local::events
