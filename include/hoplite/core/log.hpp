#pragma once
/// \file
/// Logging: levels, two formats (human text, or one JSON object per line) and structured
/// fields, on top of spdlog. Every log line goes to stderr, because a task's stdout belongs to the
/// task (Step Functions and ECS read it).
///
/// **Example**:
/// \code
///   core::log::info("pushed {}", ref);                               // free functions, fmt-style
///   core::Logger log = core::Logger{}.with("stack", stack_name);      // a logger with bound fields
///   log.warn("stack {} is {}", stack_name, status);                   // fields are kept apart
/// \endcode
///
/// text:  `2026-11-26T05:39:02.123Z INFO  pushed image ref=svc:latest`
/// json:  `{"time":"2026-11-26T05:39:02.123Z","level":"info","message":"pushed image","ref":"svc:latest"}`
///
/// Until `configure()` is called, lines go to stderr at `info` in text format.

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <fmt/format.h>

namespace hoplite::core::log {

/// Severity, lowest first. `off` silences everything.
enum class Level { trace, debug, info, warn, error, off };

/// `text` for people (optionally coloured), `json` for log collectors: one object per line with
/// the keys `time`, `level`, `message` and one key per field.
enum class Format { text, json };

/// When the text format colours the level: `automatic` = only when stderr is a terminal (and the
/// NO_COLOR environment variable is unset); `never` = `--no-color`. The JSON format is never coloured.
enum class Color { automatic, never };

/// How configure() writes lines: level threshold, format and colour.
struct Options {
  Level level = Level::info;       ///< lines below this level are dropped; default info
  Format format = Format::text;    ///< default text
  Color color = Color::automatic;  ///< default: colour on a terminal only
};

/// `trace|debug|info|warn|error|off` (also `warning`); nullopt for anything else.
[[nodiscard]] std::optional<Level> parse_level(std::string_view name);
/// The canonical lower-case name, as accepted by parse_level and written in JSON lines.
[[nodiscard]] std::string_view to_string(Level level);
/// `text|json`; nullopt for anything else.
[[nodiscard]] std::optional<Format> parse_format(std::string_view name);

/// Sends every following line to stderr with these options. Call once at start-up (hoplite::run
/// does); not meant to race with logging from other threads.
void configure(const Options& options);
/// The same, but lines go to `out` (never coloured). For tests and for tools that capture logs;
/// `out` must outlive the logging.
void configure(const Options& options, std::ostream& out);

/// Whether a line at `level` would be written (lets callers skip expensive formatting).
[[nodiscard]] bool enabled(Level level);

/// A value attached to a line: a string, an integer or a boolean (JSON keeps the type).
using FieldValue = std::variant<std::string, std::int64_t, bool>;

/// One structured key/value pair. Keys are plain identifiers such as `stack` or `http_status`;
/// a key equal to `time`, `level` or `message` is written with a trailing `_` so it cannot
/// overwrite the line's own keys.
struct Field {
  ///@{
  /// A field `k` with the value `v` (integers are kept as 64-bit, so JSON writes a number).
  Field(std::string k, std::string v) : key(std::move(k)), value(std::move(v)) {}
  Field(std::string k, const char* v) : key(std::move(k)), value(std::string(v)) {}
  Field(std::string k, std::string_view v) : key(std::move(k)), value(std::string(v)) {}
  Field(std::string k, bool v) : key(std::move(k)), value(v) {}
  template <typename Int>
  requires(std::is_integral_v<Int> && !std::is_same_v<Int, bool>) Field(std::string k, Int v)
      : key(std::move(k)), value(static_cast<std::int64_t>(v)) {}
  ///@}

  std::string key;   ///< an identifier such as `stack` or `http_status`
  FieldValue value;  ///< a string, an integer or a boolean
};

/// Writes one line (already formatted) with `fields`. Prefer the fmt-style helpers below.
void write(Level level, std::string_view message, std::span<const Field> fields = {});

/// A cheap value that carries fields bound to every line it writes (e.g. the task name). Copy it
/// freely; `with()` returns a new logger and leaves this one unchanged.
class Logger {
 public:
  Logger() = default;
  /// A logger that adds `fields` to every line.
  explicit Logger(std::vector<Field> fields) : fields_(std::move(fields)) {}

  /// A copy of this logger with one more field.
  [[nodiscard]] Logger with(std::string key, FieldValue value) const;
  /// The fields added to every line, in order.
  [[nodiscard]] const std::vector<Field>& fields() const { return fields_; }

  ///@{
  /// Writes `format` filled with `args` at `level` (or at the level the name says), with this
  /// logger's fields; nothing is formatted when the level is disabled.
  template <typename... Args>
  void log(Level level, fmt::format_string<Args...> format, Args&&... args) const {
    if (enabled(level)) write(level, fmt::format(format, std::forward<Args>(args)...), fields_);
  }
  template <typename... Args>
  void trace(fmt::format_string<Args...> format, Args&&... args) const {
    log(Level::trace, format, std::forward<Args>(args)...);
  }
  template <typename... Args>
  void debug(fmt::format_string<Args...> format, Args&&... args) const {
    log(Level::debug, format, std::forward<Args>(args)...);
  }
  template <typename... Args>
  void info(fmt::format_string<Args...> format, Args&&... args) const {
    log(Level::info, format, std::forward<Args>(args)...);
  }
  template <typename... Args>
  void warn(fmt::format_string<Args...> format, Args&&... args) const {
    log(Level::warn, format, std::forward<Args>(args)...);
  }
  template <typename... Args>
  void error(fmt::format_string<Args...> format, Args&&... args) const {
    log(Level::error, format, std::forward<Args>(args)...);
  }
  ///@}

 private:
  std::vector<Field> fields_;
};

///@{
/// Writes `format` filled with `args` at the level the name says, without fields; nothing is
/// formatted when the level is disabled.
template <typename... Args>
void trace(fmt::format_string<Args...> format, Args&&... args) {
  if (enabled(Level::trace)) write(Level::trace, fmt::format(format, std::forward<Args>(args)...));
}
template <typename... Args>
void debug(fmt::format_string<Args...> format, Args&&... args) {
  if (enabled(Level::debug)) write(Level::debug, fmt::format(format, std::forward<Args>(args)...));
}
template <typename... Args>
void info(fmt::format_string<Args...> format, Args&&... args) {
  if (enabled(Level::info)) write(Level::info, fmt::format(format, std::forward<Args>(args)...));
}
template <typename... Args>
void warn(fmt::format_string<Args...> format, Args&&... args) {
  if (enabled(Level::warn)) write(Level::warn, fmt::format(format, std::forward<Args>(args)...));
}
template <typename... Args>
void error(fmt::format_string<Args...> format, Args&&... args) {
  if (enabled(Level::error)) write(Level::error, fmt::format(format, std::forward<Args>(args)...));
}
///@}

}  // namespace hoplite::core::log

namespace hoplite::core {
/// The logger type, for code that spells it `core::Logger`.
using Logger = log::Logger;
}  // namespace hoplite::core
