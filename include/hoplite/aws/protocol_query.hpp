#pragma once
/// \file
/// The AWS query protocol (CloudFormation, STS, SNS): requests are form-encoded
/// `Action=…&Version=…&…` POST bodies, lists flatten to `Name.member.N`, maps to
/// `Name.entry.N.key` / `Name.entry.N.value`; responses and errors are XML.
/// See https://smithy.io/2.0/aws/protocols/aws-query-protocol.html
///
/// **Example**:
/// \code
///   aws::QueryParams p;
///   p.add("StackName", "web").add_list("Capabilities", {"CAPABILITY_IAM"});
///   std::string body = aws::encode_query_body("CreateStack", "2010-05-15", p);
///   // Action=CreateStack&Version=2010-05-15&StackName=web&Capabilities.member.1=CAPABILITY_IAM
/// \endcode

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hoplite/aws/error.hpp"
#include "hoplite/core/result.hpp"
#include "hoplite/http/message.hpp"

namespace hoplite::aws {

/// The `Content-Type` of every query request.
inline constexpr std::string_view kQueryContentType = "application/x-www-form-urlencoded; charset=utf-8";

/// Request parameters in the order they are added (the AWS CLI's order, so bodies diff cleanly).
class QueryParams {
 public:
  /// One parameter: key and value, unencoded.
  using Entry = std::pair<std::string, std::string>;

  ///@{
  /// Appends the parameter `key=value` (values are encoded when the body is written).
  QueryParams& add(std::string key, std::string value);
  QueryParams& add(std::string key, const char* value) { return add(std::move(key), std::string(value)); }
  ///@}
  /// Adds the parameter only when `value` is set.
  QueryParams& add(std::string key, const std::optional<std::string>& value);
  /// `prefix.member.1=a&prefix.member.2=b`. An empty list adds nothing.
  QueryParams& add_list(std::string_view prefix, const std::vector<std::string>& values);
  /// `prefix.entry.N.<key_name>=k&prefix.entry.N.<value_name>=v`, in key order.
  QueryParams& add_map(std::string_view prefix, const std::map<std::string, std::string>& entries,
                       std::string_view key_name = "key", std::string_view value_name = "value");

  /// `prefix.member.<index>` (index counts from 1), for lists of structures.
  [[nodiscard]] static std::string member(std::string_view prefix, std::size_t index);
  /// `prefix.entry.<index>` (index counts from 1), for maps whose values are structures.
  [[nodiscard]] static std::string entry(std::string_view prefix, std::size_t index);

  /// Every parameter in the order added.
  [[nodiscard]] const std::vector<Entry>& entries() const { return entries_; }

 private:
  std::vector<Entry> entries_;
};

/// Reads typed members back out of decoded query parameters (the server side of QueryParams).
/// Lookups take the first value of a key; a member that is present but malformed is an AWS
/// `ValidationError` (400) naming it the way the services do (`durationSeconds`).
class QueryReader {
 public:
  /// Indexes `params` (which must outlive the reader and not change meanwhile), so each lookup
  /// is logarithmic even for thousands of parameters.
  explicit QueryReader(const QueryParams& params);

  /// The value of `key`, or nullopt when absent.
  [[nodiscard]] std::optional<std::string> string(std::string_view key) const;
  /// An integer member; nullopt when absent. `member` names it in the error message.
  core::Result<std::optional<long long>> integer(std::string_view key, std::string_view member) const;
  /// A boolean member (`true`/`false`); nullopt when absent.
  core::Result<std::optional<bool>> boolean(std::string_view key, std::string_view member) const;
  /// `prefix.member.1`, `prefix.member.2`, … up to the first gap (as AWS reads lists).
  [[nodiscard]] std::vector<std::string> list(std::string_view prefix) const;
  /// `prefix.1`, `prefix.2`, … up to the first gap: EC2's flattened lists (`SubnetId.1`).
  [[nodiscard]] std::vector<std::string> flat_list(std::string_view prefix) const;
  /// `prefix.entry.N.<key_name>` / `prefix.entry.N.<value_name>` pairs up to the first gap.
  [[nodiscard]] std::map<std::string, std::string> map(std::string_view prefix, std::string_view key_name = "key",
                                                       std::string_view value_name = "value") const;

 private:
  std::map<std::string_view, std::string_view> first_;  ///< key → its first value
};

/// `Action=<action>&Version=<version>&` + the encoded parameters.
[[nodiscard]] std::string encode_query_body(std::string_view action, std::string_view version,
                                            const QueryParams& params);

/// The service error in a query `<ErrorResponse>`, EC2 `<Response><Errors>` or S3-style `<Error>`
/// body; the code falls back to the HTTP status when the body is not XML.
[[nodiscard]] ServiceError parse_query_error(const http::Response& response);

}  // namespace hoplite::aws
