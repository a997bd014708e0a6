#include "local/validation.hpp"

#include <fmt/format.h>

namespace hoplite::local {

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

void Violations::add(std::string_view member, std::optional<std::string_view> value, std::string_view rule) {
  std::string shown = value ? fmt::format("'{}'", value->substr(0, 256)) : std::string("null");
  messages_.push_back(fmt::format("Value {} at '{}' failed to satisfy constraint: {}", shown, member, rule));
}

void Violations::required(std::string_view member, bool present) {
  if (!present) add(member, std::nullopt, "Member must not be null");
}

void Violations::length(std::string_view member, std::string_view value, std::size_t min, std::size_t max) {
  std::size_t n = utf8_length(value);
  if (n < min) add(member, value, fmt::format("Member must have length greater than or equal to {}", min));
  if (n > max) add(member, value, fmt::format("Member must have length less than or equal to {}", max));
}

void Violations::length(std::string_view member, const std::optional<std::string>& value, std::size_t min,
                        std::size_t max) {
  if (value) length(member, *value, min, max);
}

void Violations::range(std::string_view member, const std::optional<std::int64_t>& value, std::int64_t min,
                       std::int64_t max) {
  if (!value) return;
  std::string text = std::to_string(*value);
  if (*value < min) add(member, text, fmt::format("Member must have value greater than or equal to {}", min));
  if (*value > max) add(member, text, fmt::format("Member must have value less than or equal to {}", max));
}

void Violations::range(std::string_view member, const std::optional<int>& value, std::int64_t min, std::int64_t max) {
  range(member, value ? std::optional<std::int64_t>(*value) : std::nullopt, min, max);
}

void Violations::one_of(std::string_view member, const std::optional<std::string>& value,
                        std::initializer_list<std::string_view> allowed) {
  if (!value) return;
  for (auto a : allowed)
    if (*value == a) return;
  add(member, *value, fmt::format("Member must satisfy enum value set: [{}]", fmt::join(allowed, ", ")));
}

void Violations::pattern(std::string_view member, std::string_view value, bool matches, std::string_view pattern) {
  if (!matches) add(member, value, fmt::format("Member must satisfy regular expression pattern: {}", pattern));
}

core::Result<void> Violations::finish(std::string_view code, int status) const {
  if (messages_.empty()) return core::ok();
  std::string message = fmt::format("{} validation error{} detected: {}", messages_.size(),
                                    messages_.size() == 1 ? "" : "s", fmt::join(messages_, "; "));
  return core::fail(core::Error{std::string(code), std::move(message), status, false, {}});
}

}  // namespace hoplite::local
