#pragma once
/// \file
/// The recorded cases' calls to services other than CloudFormation (`sns.get_topic_attributes`,
/// `sqs.get_queue_attributes`, `logs.describe_log_groups`, `ec2.describe_route_tables`, ...), as
/// boto3 sends them: its kwargs turned into the service's wire protocol (query, EC2 query, JSON
/// 1.0/1.1, S3's REST for the few S3 calls the cases make) and the answer turned back into the JSON
/// boto3 returns, which is what the recordings hold. Only what the cases use: the services the
/// local cloud runs, the shapes their calls return.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "hoplite/aws/protocol_query.hpp"
#include "hoplite/http/message.hpp"

namespace hoplite::recorded {

/// boto3's view of one call's answer.
struct BotoAnswer {
  bool ok = false;
  nlohmann::ordered_json body;     ///< the response (with ResponseMetadata) or the error response
  nlohmann::ordered_json message;  ///< the exception's text, "An error occurred (X) when calling the Op operation: M"
};

/// The unsigned request for `service` ("sns", "logs", ... as boto3 names the client) and `op`
/// (PascalCase), or nullopt for a service (or, for S3, a call) this file does not speak.
[[nodiscard]] std::optional<http::Request> boto_request(const std::string& service, const std::string& op,
                                                        const nlohmann::ordered_json& kwargs);

/// boto3's kwargs `v` under `key` as query parameters: lists as `key.member.N` (`key.N` with
/// `flat_lists`, EC2's and some of SQS's form), structures as `key.Member`.
void flatten_query(aws::QueryParams& p, const std::string& key, const nlohmann::ordered_json& v, bool flat_lists);

/// The SigV4 signing name of boto3's client `service` ("stepfunctions" signs as "states").
[[nodiscard]] std::string signing_name(const std::string& service);

/// boto3's JSON for `resp`, the answer to boto_request(service, op, ...).
[[nodiscard]] BotoAnswer boto_answer(const std::string& service, const std::string& op, const http::Response& resp);

}  // namespace hoplite::recorded
