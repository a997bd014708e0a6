#pragma once
/// \file SQS's queue names, URLs and ARNs, receipt handles, and its errors (codes and messages as
/// the service words them).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "hoplite/core/result.hpp"
#include "local/service.hpp"

namespace hoplite::local::sqs {

/// A queue as requests name it: by URL (`http://<host>/<account>/<name>`) or by ARN.
struct QueueRef {
  std::string account;
  std::string region;
  std::string name;
};

/// 1–80 of `[A-Za-z0-9_-]` (a FIFO queue adds `.fifo`).
[[nodiscard]] bool is_queue_name(std::string_view name);

/// `http://<ctx.host>/<account>/<name>`, the URL the local cloud hands out.
[[nodiscard]] std::string queue_url(const CallContext& ctx, std::string_view account, std::string_view name);
/// `arn:<partition>:sqs:<region>:<account>:<name>`.
[[nodiscard]] std::string queue_arn(std::string_view region, std::string_view account, std::string_view name);

/// The queue a URL names: its last two path segments are the account and the name; any host is
/// accepted (the AWS SDKs also send `https://sqs.<region>.amazonaws.com/…`). The region is the
/// call's. Errors: NonExistentQueue for a URL that names no queue of this shape.
core::Result<QueueRef> parse_queue_url(const CallContext& ctx, std::string_view url);
/// The queue an ARN names, or nullopt.
[[nodiscard]] std::optional<QueueRef> parse_queue_arn(std::string_view arn);

/// A receipt handle: the message it was issued for and the token of that receive.
struct Receipt {
  std::int64_t queue_id = 0;
  std::int64_t message_id = 0;
  std::string token;
};
[[nodiscard]] std::string receipt_handle(const Receipt& receipt);
[[nodiscard]] std::optional<Receipt> parse_receipt_handle(std::string_view handle);

// ---- errors ----

[[nodiscard]] core::Failure queue_does_not_exist();
[[nodiscard]] core::Failure invalid_parameter_value(std::string message);
[[nodiscard]] core::Failure missing_parameter(std::string_view name);
[[nodiscard]] core::Failure receipt_handle_invalid(std::string_view handle);

}  // namespace hoplite::local::sqs
