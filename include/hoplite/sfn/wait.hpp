#pragma once
/// \file
/// Wait: delays the execution for a time or until a timestamp, either fixed or read from the input.
/// See https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html

#include <optional>
#include <string>

#include "hoplite/sfn/state.hpp"

namespace hoplite::sfn {

/// How long to wait: exactly one of the four ASL forms.
class WaitTime {
 public:
  static WaitTime seconds(int seconds);              ///< Seconds (>= 0, else DefinitionError [303])
  static WaitTime seconds_path(std::string path);    ///< SecondsPath (reference path)
  static WaitTime timestamp(std::string rfc3339);    ///< Timestamp, e.g. "2026-01-01T00:00:00Z"
  static WaitTime timestamp_path(std::string path);  ///< TimestampPath (reference path)

  /// The four forms.
  enum class Kind { seconds, seconds_path, timestamp, timestamp_path };
  /// Which of the four forms this is.
  [[nodiscard]] Kind kind() const { return kind_; }
  /// The seconds, for Kind::seconds.
  [[nodiscard]] int seconds_value() const { return seconds_; }
  /// The path or timestamp text, for the other kinds.
  [[nodiscard]] const std::string& text() const { return text_; }

 private:
  WaitTime(Kind kind, int seconds, std::string text) : kind_(kind), seconds_(seconds), text_(std::move(text)) {}
  Kind kind_;
  int seconds_;
  std::string text_;
};

/// The Wait state's fields.
struct WaitProps {
  WaitTime time = WaitTime::seconds(1);  ///< how long; default 1 second
  std::string comment;                   ///< Comment; default none
  std::optional<Path> input_path;        ///< InputPath; default "$"
  std::optional<Path> output_path;       ///< OutputPath; default "$"
};

/// A Wait state: pauses the execution for a time or until a timestamp.
class Wait : public State {
 public:
  /// A Wait state named `name` (unique in the machine).
  Wait(std::string name, WaitProps props);
};

}  // namespace hoplite::sfn
