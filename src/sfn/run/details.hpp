#pragma once
/// \file Builds the `…EventDetails` objects of history events as JSON text, directly (every state
/// writes two of them, so no intermediate JSON tree).

#include <cstdint>
#include <string>
#include <string_view>

#include "sfn/json/text.hpp"

namespace hoplite::sfn::asl {

/// `text` as a JSON string literal, quotes included: how a payload sits inside event details.
inline std::string literal(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

class Details {
 public:
  Details& str(std::string_view key, std::string_view value) {
    sep(key);
    append_json_string(out_, value);
    return *this;
  }
  Details& num(std::string_view key, std::int64_t value) {
    sep(key);
    out_ += std::to_string(value);
    return *this;
  }
  /// `"input": "<text>", "inputDetails": {"truncated": false}` — payloads and their details.
  Details& payload(std::string_view key, std::string_view json_text) {
    str(key, json_text);
    out_ += ",\"";
    out_ += key;
    out_ += "Details\":{\"truncated\":false}";
    return *this;
  }
  /// The same with the payload already written as a JSON string literal (see literal()).
  Details& payload_literal(std::string_view key, std::string_view literal) {
    out_.reserve(out_.size() + literal.size() + 2 * key.size() + 64);  // grown once, not step by step
    sep(key);
    out_ += literal;
    out_ += ",\"";
    out_ += key;
    out_ += "Details\":{\"truncated\":false}";
    return *this;
  }
  std::string done() {
    out_ += '}';
    return std::move(out_);
  }

 private:
  std::string out_ = "{";
  // Keys are AWS's field names: plain ASCII, nothing to escape.
  void sep(std::string_view key) {
    if (out_.size() > 1) out_ += ',';
    out_ += '"';
    out_ += key;
    out_ += "\":";
  }
};

}  // namespace hoplite::sfn::asl
