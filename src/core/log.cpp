#include "hoplite/core/log.hpp"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iterator>
#include <memory>
#include <ostream>

#include <spdlog/logger.h>
#include <spdlog/sinks/ansicolor_sink.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "hoplite/core/terminal_text.hpp"
#include "hoplite/core/time_format.hpp"

namespace hoplite::core::log {
namespace {

// spdlog's log_msg has no room for structured fields, so write() parks them here for the
// formatter. The logger is synchronous: the formatter runs on the calling thread inside log().
thread_local std::span<const Field> tl_fields;

std::atomic<Level> g_level{Level::info};

spdlog::level::level_enum to_spdlog(Level level) {
  switch (level) {
    case Level::trace:
      return spdlog::level::trace;
    case Level::debug:
      return spdlog::level::debug;
    case Level::info:
      return spdlog::level::info;
    case Level::warn:
      return spdlog::level::warn;
    case Level::error:
      return spdlog::level::err;
    case Level::off:
      return spdlog::level::off;
  }
  return spdlog::level::info;
}

Level from_spdlog(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::trace:
      return Level::trace;
    case spdlog::level::debug:
      return Level::debug;
    case spdlog::level::info:
      return Level::info;
    case spdlog::level::warn:
      return Level::warn;
    case spdlog::level::err:
    case spdlog::level::critical:
      return Level::error;
    default:
      return Level::off;
  }
}

void append(spdlog::memory_buf_t& dest, std::string_view s) { dest.append(s.data(), s.data() + s.size()); }

// A JSON string literal. Bytes that are not valid UTF-8 become U+FFFD, so every line parses even
// when a message carries binary junk (a process's raw output, say). Text longer than
// kMaxTerminalText is cut (a peer's 50 MB error message is not a log line).
void append_json_string(spdlog::memory_buf_t& dest, std::string_view whole) {
  const std::string_view s = truncate_utf8(whole, kMaxTerminalText);
  dest.push_back('"');
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"':
        append(dest, "\\\"");
        break;
      case '\\':
        append(dest, "\\\\");
        break;
      case '\n':
        append(dest, "\\n");
        break;
      case '\r':
        append(dest, "\\r");
        break;
      case '\t':
        append(dest, "\\t");
        break;
      case '\b':
        append(dest, "\\b");
        break;
      case '\f':
        append(dest, "\\f");
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          fmt::format_to(std::back_inserter(dest), "\\u{:04x}", static_cast<unsigned>(c));
        } else if (c < 0x80) {
          dest.push_back(static_cast<char>(c));
        } else if (const std::size_t n = utf8_sequence_length(s, i); n > 0) {
          append(dest, s.substr(i, n));
          i += n;
          continue;
        } else {
          append(dest, "\\ufffd");
        }
    }
    ++i;
  }
  if (s.size() < whole.size()) fmt::format_to(std::back_inserter(dest), " … [{} more bytes]", whole.size() - s.size());
  dest.push_back('"');
}

void append_time(spdlog::memory_buf_t& dest, spdlog::log_clock::time_point t) {
  append(dest, format_iso8601_millis(std::chrono::time_point_cast<TimePoint::duration>(t)));
}

std::string field_key(const std::string& key) {
  if (key == "time" || key == "level" || key == "message") return key + "_";
  return key;
}

class JsonFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    append(dest, "{\"time\":\"");
    append_time(dest, msg.time);
    append(dest, "\",\"level\":\"");
    append(dest, to_string(from_spdlog(msg.level)));
    append(dest, "\",\"message\":");
    append_json_string(dest, std::string_view(msg.payload.data(), msg.payload.size()));
    for (const Field& f : tl_fields) {
      dest.push_back(',');
      append_json_string(dest, field_key(f.key));
      dest.push_back(':');
      if (const auto* s = std::get_if<std::string>(&f.value)) {
        append_json_string(dest, *s);
      } else if (const auto* i = std::get_if<std::int64_t>(&f.value)) {
        fmt::format_to(std::back_inserter(dest), "{}", *i);
      } else {
        append(dest, std::get<bool>(f.value) ? "true" : "false");
      }
    }
    append(dest, "}\n");
  }
  [[nodiscard]] std::unique_ptr<spdlog::formatter> clone() const override { return std::make_unique<JsonFormatter>(); }
};

// `value` made terminal-safe, as-is when it is a plain word, else quoted (with `"` escaped), so
// `key=value` pairs stay unambiguous.
void append_text_value(spdlog::memory_buf_t& dest, std::string_view value) {
  const std::string safe = terminal_safe(value);
  bool plain = !safe.empty();
  for (unsigned char c : safe) {
    if (c <= ' ' || c == '"' || c == '=' || c == 0x7F) plain = false;
  }
  if (plain) {
    append(dest, safe);
    return;
  }
  dest.push_back('"');
  for (char c : safe) {
    if (c == '"') dest.push_back('\\');
    dest.push_back(c);
  }
  dest.push_back('"');
}

class TextFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    append_time(dest, msg.time);
    dest.push_back(' ');
    static constexpr std::string_view kNames[] = {"TRACE", "DEBUG", "INFO ", "WARN ", "ERROR", "OFF  "};
    const std::string_view name = kNames[static_cast<int>(from_spdlog(msg.level))];
    msg.color_range_start = dest.size();
    append(dest, name.substr(0, name.find_last_not_of(' ') + 1));
    msg.color_range_end = dest.size();
    append(dest, name.substr(name.find_last_not_of(' ') + 1));
    dest.push_back(' ');
    // Messages carry peer text (registry errors, AWS messages): escape what could steer the
    // terminal or start a forged line, and cap the length.
    append(dest, terminal_safe(std::string_view(msg.payload.data(), msg.payload.size())));
    for (const Field& f : tl_fields) {
      dest.push_back(' ');
      append(dest, field_key(f.key));
      dest.push_back('=');
      if (const auto* s = std::get_if<std::string>(&f.value)) {
        append_text_value(dest, *s);
      } else if (const auto* i = std::get_if<std::int64_t>(&f.value)) {
        fmt::format_to(std::back_inserter(dest), "{}", *i);
      } else {
        append(dest, std::get<bool>(f.value) ? "true" : "false");
      }
    }
    dest.push_back('\n');
  }
  [[nodiscard]] std::unique_ptr<spdlog::formatter> clone() const override { return std::make_unique<TextFormatter>(); }
};

std::unique_ptr<spdlog::formatter> make_formatter(Format format) {
  if (format == Format::json) return std::make_unique<JsonFormatter>();
  return std::make_unique<TextFormatter>();
}

void install(std::shared_ptr<spdlog::sinks::sink> sink, const Options& options) {
  sink->set_formatter(make_formatter(options.format));
  auto logger = std::make_shared<spdlog::logger>("hoplite", std::move(sink));
  logger->set_level(to_spdlog(options.level));
  logger->flush_on(spdlog::level::trace);
  spdlog::set_default_logger(std::move(logger));
  g_level.store(options.level);
}

spdlog::logger& logger() {
  // The first line logged before configure() sets up the defaults.
  static const bool configured_once = [] {
    if (spdlog::default_logger_raw()->name() != "hoplite") configure(Options{});
    return true;
  }();
  (void)configured_once;
  return *spdlog::default_logger_raw();
}

}  // namespace

std::optional<Level> parse_level(std::string_view name) {
  if (name == "trace") return Level::trace;
  if (name == "debug") return Level::debug;
  if (name == "info") return Level::info;
  if (name == "warn" || name == "warning") return Level::warn;
  if (name == "error") return Level::error;
  if (name == "off") return Level::off;
  return std::nullopt;
}

std::string_view to_string(Level level) {
  switch (level) {
    case Level::trace:
      return "trace";
    case Level::debug:
      return "debug";
    case Level::info:
      return "info";
    case Level::warn:
      return "warn";
    case Level::error:
      return "error";
    case Level::off:
      return "off";
  }
  return "info";
}

std::optional<Format> parse_format(std::string_view name) {
  if (name == "text") return Format::text;
  if (name == "json") return Format::json;
  return std::nullopt;
}

void configure(const Options& options) {
  // Colour only for people: never for JSON, never when asked not to (--no-color, NO_COLOR), and
  // spdlog's automatic mode additionally requires stderr to be a terminal that knows colours.
  const char* no_color_env = std::getenv("NO_COLOR");
  const bool no_color = options.color == Color::never || options.format == Format::json ||
                        (no_color_env != nullptr && *no_color_env != '\0');
  auto sink = std::make_shared<spdlog::sinks::ansicolor_stderr_sink_mt>(no_color ? spdlog::color_mode::never
                                                                                 : spdlog::color_mode::automatic);
  install(std::move(sink), options);
}

void configure(const Options& options, std::ostream& out) {
  install(std::make_shared<spdlog::sinks::ostream_sink_mt>(out, /*force_flush=*/true), options);
}

bool enabled(Level level) {
  const Level threshold = g_level.load();
  return level != Level::off && threshold != Level::off && level >= threshold;
}

void write(Level level, std::string_view message, std::span<const Field> fields) {
  if (!enabled(level)) return;
  spdlog::logger& l = logger();
  tl_fields = fields;
  l.log(to_spdlog(level), message);
  tl_fields = {};
}

Logger Logger::with(std::string key, FieldValue value) const {
  Logger copy = *this;
  Field field{std::move(key), ""};
  field.value = std::move(value);
  copy.fields_.push_back(std::move(field));
  return copy;
}

}  // namespace hoplite::core::log
