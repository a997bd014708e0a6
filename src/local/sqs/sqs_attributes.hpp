#pragma once
/// \file A queue's attributes: the ones a caller sets (with SQS's defaults, ranges and messages)
/// and the ones SQS computes (counts, timestamps, ARN), as GetQueueAttributes reports them.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "hoplite/core/result.hpp"

namespace hoplite::local::sqs {

using Attributes = std::map<std::string, std::string>;

/// The attributes of a new queue: SQS's defaults (a FIFO queue's include its FIFO attributes).
[[nodiscard]] Attributes default_attributes(bool fifo = false);

/// True for a FIFO queue's attributes (`FifoQueue` is `true`).
[[nodiscard]] bool is_fifo(const Attributes& attributes);

/// Checks `changes` (names SQS knows, values in range) and applies them to `current`. Errors:
/// InvalidAttributeName ("Unknown Attribute X.": also a FIFO attribute of a standard queue, and
/// a change of FifoQueue) and InvalidAttributeValue.
core::Result<Attributes> apply_attributes(Attributes current, const Attributes& changes);

/// An integer attribute (the defaults guarantee it is present and a number).
[[nodiscard]] std::int64_t int_attribute(const Attributes& attributes, const std::string& name);

/// What SQS computes, merged with the stored attributes for GetQueueAttributes.
struct QueueFacts {
  std::string arn;
  std::int64_t visible = 0;
  std::int64_t in_flight = 0;
  std::int64_t delayed = 0;
  std::int64_t created_s = 0;
  std::int64_t modified_s = 0;
};

/// The attributes `names` selects (`All` selects every one). Error: InvalidAttributeName.
core::Result<Attributes> select_attributes(const Attributes& stored, const QueueFacts& facts,
                                           const std::vector<std::string>& names);

}  // namespace hoplite::local::sqs
