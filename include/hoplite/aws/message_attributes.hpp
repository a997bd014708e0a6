#pragma once
/// \file
/// Message attributes as SNS and SQS carry them (the same shape in both APIs).

#include <map>
#include <optional>
#include <string>

namespace hoplite::aws {

/// A message attribute: `DataType` is `String`, `Number` or `Binary` (optionally with a
/// `.custom` suffix); String and Number carry `string_value`, Binary carries `binary_value`.
struct MessageAttributeValue {
  std::string data_type;                    ///< `String`, `Number` or `Binary`, optionally with a `.custom` suffix
  std::optional<std::string> string_value;  ///< for String and Number
  std::optional<std::string> binary_value;  ///< the raw bytes (base64 on the wire)
  bool operator==(const MessageAttributeValue&) const = default;  ///< member-wise
};

/// Attributes by name (name order, which SQS's MD5 of attributes also uses).
using MessageAttributes = std::map<std::string, MessageAttributeValue>;

}  // namespace hoplite::aws
