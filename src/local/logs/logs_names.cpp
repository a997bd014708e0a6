#include "local/logs/logs_names.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "local/regions.hpp"

namespace hoplite::local::logs {
namespace {

bool is_group_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
         c == '_' || c == '/' || c == '#';
}

/// `[\p{L}\p{Z}\p{N}_.:/=+\-@]`: ASCII letters, digits, space and the punctuation listed; any
/// non-ASCII byte is taken as part of a letter (the model's Unicode classes, checked without a
/// regex engine).
bool is_tag_char(char c) {
  auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' ||
         c == '_' || c == '.' || c == ':' || c == '/' || c == '=' || c == '+' || c == '-' || c == '@';
}

std::string arn_prefix(const CallContext& ctx) {
  return "arn:" + partition_of(ctx.region) + ":logs:" + ctx.region + ":" + ctx.principal.account_id + ":log-group:";
}

/// Maps a signed number onto an unsigned one of the same order.
std::uint64_t ordered(std::int64_t n) { return static_cast<std::uint64_t>(n) ^ (std::uint64_t{1} << 63); }
std::int64_t unordered(std::uint64_t n) { return static_cast<std::int64_t>(n ^ (std::uint64_t{1} << 63)); }

}  // namespace

void check_group_name(Violations& v, std::string_view member, std::string_view name) {
  v.length(member, name, 1, 512);
  if (!name.empty())
    v.pattern(member, name, std::all_of(name.begin(), name.end(), is_group_char), "[\\.\\-_/#A-Za-z0-9]+");
}

void check_stream_name(Violations& v, std::string_view member, std::string_view name) {
  v.length(member, name, 1, 512);
  v.pattern(member, name, name.find_first_of(":*") == std::string_view::npos, "[^:*]*");
}

void check_tags(Violations& v, std::string_view member, const std::map<std::string, std::string>& tags) {
  for (const auto& [key, value] : tags) {
    std::string at = std::string(member) + "." + key.substr(0, 128);
    v.length(at + ".key", key, 1, 128);
    v.pattern(at + ".key", key, std::all_of(key.begin(), key.end(), is_tag_char),
              "^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+)$");
    v.length(at + ".value", value, 0, 256);
    v.pattern(at + ".value", value, std::all_of(value.begin(), value.end(), is_tag_char),
              "^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$");
  }
}

std::string group_arn(const CallContext& ctx, std::string_view name) {
  return arn_prefix(ctx) + std::string(name) + ":*";
}

std::string stream_arn(const CallContext& ctx, std::string_view group, std::string_view stream) {
  return arn_prefix(ctx) + std::string(group) + ":log-stream:" + std::string(stream);
}

std::optional<std::string> group_of_arn(const CallContext& ctx, std::string_view arn) {
  std::string prefix = arn_prefix(ctx);
  if (!arn.starts_with(prefix)) return std::nullopt;
  std::string_view name = arn.substr(prefix.size());
  if (name.ends_with(":*")) name.remove_suffix(2);
  if (name.empty() || !std::all_of(name.begin(), name.end(), is_group_char)) return std::nullopt;
  return std::string(name);
}

std::string key_digits(EventKey key) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%020llu%036llu", static_cast<unsigned long long>(ordered(key.timestamp)),
                static_cast<unsigned long long>(ordered(key.id)));
  return buf;
}

std::optional<EventKey> parse_key_digits(std::string_view digits) {
  if (digits.size() != 56 || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  std::uint64_t ts = 0;
  std::uint64_t id = 0;
  auto a = std::from_chars(digits.data(), digits.data() + 20, ts);
  auto b = std::from_chars(digits.data() + 20, digits.data() + 56, id);
  if (a.ec != std::errc{} || b.ec != std::errc{}) return std::nullopt;
  return EventKey{unordered(ts), unordered(id)};
}

core::Failure group_not_found() {
  return aws_error("ResourceNotFoundException", "The specified log group does not exist.");
}

core::Failure stream_not_found() {
  return aws_error("ResourceNotFoundException", "The specified log stream does not exist.");
}

core::Failure invalid_parameter(std::string message) {
  return aws_error("InvalidParameterException", std::move(message));
}

core::Result<void> finish(const Violations& v) { return v.finish("InvalidParameterException"); }

}  // namespace hoplite::local::logs
