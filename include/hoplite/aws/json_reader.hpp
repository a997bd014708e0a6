#pragma once
/// \file
/// Reading the members of a JSON-protocol structure strictly, the way AWS's JSON services read
/// a request: absent and `null` members are absent, a member of the wrong type is an error
/// (`SerializationException`, 400). The local cloud decodes requests with it; the clients decode
/// responses with it too (with their own error code), so both sides of a shape share one reader.
///
/// The reader keeps the first problem and ignores later reads, so a decoder reads every member and
/// checks once at the end:
///
/// **Example**:
/// \code
///   core::Result<PutParameterRequest> decode(const nlohmann::json& in) {
///     aws::JsonReader r(in);
///     PutParameterRequest out;
///     r.get("Name", out.name);            // std::string: stays "" when absent
///     r.get("Overwrite", out.overwrite);  // std::optional<bool>
///     r.list("Tags", out.tags, [](aws::JsonReader& t, Tag& tag) { t.get("Key", tag.key); });
///     return r.finish(std::move(out));    // the first problem, or the value
///   }
/// \endcode

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "hoplite/core/clock.hpp"
#include "hoplite/core/result.hpp"

namespace hoplite::aws {

/// The code of a request the local cloud cannot read: what AWS JSON services answer.
inline constexpr std::string_view kSerializationException = "SerializationException";

/// Reads the members of one JSON object strictly into typed fields, keeping the first problem (see the file comment);
/// finish() returns it or the value.
class JsonReader {
 public:
  /// Reads the members of `object` (which must outlive the reader). A value that is not an object
  /// is a problem at once. `error_code`: the code of a problem — `SerializationException` (status
  /// 400, the default) for requests, `aws.json` (no status) for responses a client reads.
  explicit JsonReader(const nlohmann::json& object, std::string_view error_code = kSerializationException);
  JsonReader(const JsonReader&) = delete;  // nested readers point at their root's error slot
  JsonReader& operator=(const JsonReader&) = delete;

  ///@{
  /// Reads member `key` into `out`: a string or a boolean (an optional stays empty when absent).
  void get(std::string_view key, std::string& out);
  void get(std::string_view key, std::optional<std::string>& out);
  void get(std::string_view key, bool& out);
  void get(std::string_view key, std::optional<bool>& out);
  ///@}
  ///@{
  /// Integers: a JSON number without a fraction, in range of the target.
  void get(std::string_view key, std::int64_t& out);
  void get(std::string_view key, std::optional<std::int64_t>& out);
  void get(std::string_view key, int& out);
  void get(std::string_view key, std::optional<int>& out);
  ///@}
  /// A number (with or without a fraction).
  void get(std::string_view key, std::optional<double>& out);
  /// A timestamp: seconds since the epoch as a JSON number (fractions kept to the millisecond).
  void get(std::string_view key, std::optional<core::TimePoint>& out);
  /// A list of strings.
  void get(std::string_view key, std::vector<std::string>& out);
  /// A map of string to string.
  void get(std::string_view key, std::map<std::string, std::string>& out);

  /// A list of structures: `read(JsonReader& element, T& value)` for each element.
  template <typename T, typename Read>
  void list(std::string_view key, std::vector<T>& out, Read read) {
    const nlohmann::json* v = array(key);
    if (v == nullptr) return;
    out.reserve(v->size());
    for (const auto& element : *v) {
      if (failed()) return;
      JsonReader nested(element, *this, key);
      T value{};
      read(nested, value);
      out.push_back(std::move(value));
    }
  }

  /// A nested structure: `read(JsonReader& member)` when the member is present.
  template <typename Read>
  void object(std::string_view key, Read read) {
    const nlohmann::json* v = find(key);
    if (v == nullptr || failed()) return;
    JsonReader nested(*v, *this, key);
    read(nested);
  }

  /// True when `key` is present and not null.
  [[nodiscard]] bool has(std::string_view key) const;
  /// True once a problem was found (here or in a nested reader).
  [[nodiscard]] bool failed() const { return error_->has_value(); }
  /// The first problem, or success.
  [[nodiscard]] core::Result<void> status() const;
  /// `value`, or the first problem.
  template <typename T>
  core::Result<T> finish(T value) const {
    if (failed()) return core::fail(**error_);
    return value;
  }

 private:
  JsonReader(const nlohmann::json& object, const JsonReader& parent, std::string_view member);
  /// The member, or nullptr when absent or null (or after a problem).
  const nlohmann::json* find(std::string_view key) const;
  const nlohmann::json* array(std::string_view key);
  void mismatch(std::string_view key, const nlohmann::json& value, std::string_view expected);
  bool integral(std::string_view key, const nlohmann::json& v, std::int64_t min, std::int64_t max, std::int64_t& out);

  const nlohmann::json& object_;
  std::string code_;
  std::string path_;  ///< where this structure sits, for messages: "Tags[]"
  std::optional<core::Error> own_error_;
  std::optional<core::Error>* error_;  ///< the root reader's slot, shared with nested readers
};

// ---- the writing side's helpers ----

/// `j[key] = *value` when `value` is set: AWS leaves absent members out.
template <typename T>
void put_if(nlohmann::json& j, std::string_view key, const std::optional<T>& value) {
  if (value) j[std::string(key)] = *value;
}

/// A JSON-protocol timestamp: seconds since the epoch, milliseconds as the fraction.
[[nodiscard]] double epoch_seconds(core::TimePoint t);

/// `j[key] = epoch_seconds(*t)` when `t` is set.
void put_time_if(nlohmann::json& j, std::string_view key, const std::optional<core::TimePoint>& t);

}  // namespace hoplite::aws
