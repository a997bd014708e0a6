#pragma once
/// \file
/// Amazon EventBridge (CloudWatch Events) rules and targets, as the client sends them and the
/// local cloud serves them (the shapes are shared: events_wire.hpp).
/// API: https://docs.aws.amazon.com/eventbridge/latest/APIReference/
///
/// Members follow the API's names; an `std::optional` member is one the API lets you leave out
/// (absent on the wire), and its documented default applies on the service side.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hoplite/aws/caller.hpp"

namespace hoplite::aws::events {

/// JSON 1.1, target prefix AWSEvents, signing name `events`.
[[nodiscard]] ServiceInfo service_info();

/// AWS's `Tag` data type.
struct Tag {
  std::string key;    ///< `Key` on the wire
  std::string value;  ///< `Value` on the wire
};

/// A rule as DescribeRule and ListRules return it.
struct Rule {
  std::string name;                                ///< `Name`
  std::string arn;                                 ///< `Arn`
  std::optional<std::string> event_pattern;        ///< `EventPattern` (JSON text)
  std::optional<std::string> schedule_expression;  ///< `ScheduleExpression`
  std::string state;                               ///< `State`: ENABLED or DISABLED
  std::optional<std::string> description;          ///< `Description`
  std::optional<std::string> role_arn;             ///< `RoleArn`
  std::string event_bus_name;                      ///< `EventBusName`
  std::optional<std::string> created_by;           ///< `CreatedBy` (DescribeRule only): the account
};

/// AWS's `Target`. The members the local cloud checks are typed; the others (InputTransformer,
/// EcsParameters, RetryPolicy, DeadLetterConfig, …) are kept and returned as written.
struct Target {
  std::string id;                                   ///< `Id`
  std::string arn;                                  ///< `Arn`
  std::optional<std::string> role_arn;              ///< `RoleArn`
  std::optional<std::string> input;                 ///< `Input` (JSON text)
  std::optional<std::string> input_path;            ///< `InputPath`
  nlohmann::json other = nlohmann::json::object();  ///< every other member, as written
};

/// One entry PutTargets or RemoveTargets could not process.
struct FailedEntry {
  std::string target_id;      ///< `TargetId`
  std::string error_code;     ///< `ErrorCode`
  std::string error_message;  ///< `ErrorMessage`
};

struct PutRuleRequest {
  std::string name;
  std::optional<std::string> schedule_expression;
  std::optional<std::string> event_pattern;
  std::optional<std::string> state;
  std::optional<std::string> description;
  std::optional<std::string> role_arn;
  std::vector<Tag> tags;
  std::optional<std::string> event_bus_name;
};
struct PutRuleResponse {
  std::string rule_arn;  ///< `RuleArn`
};

/// DescribeRule, EnableRule and DisableRule.
struct RuleRequest {
  std::string name;
  std::optional<std::string> event_bus_name;
};

struct DeleteRuleRequest {
  std::string name;
  std::optional<std::string> event_bus_name;
  std::optional<bool> force;  ///< `Force`: for managed rules, which the local cloud has none of
};

struct ListRulesRequest {
  std::optional<std::string> name_prefix;
  std::optional<std::string> event_bus_name;
  std::optional<std::string> next_token;
  std::optional<int> limit;  ///< 1..100
};
struct ListRulesResponse {
  std::vector<Rule> rules;
  std::optional<std::string> next_token;
};

struct PutTargetsRequest {
  std::string rule;
  std::optional<std::string> event_bus_name;
  std::vector<Target> targets;  ///< 1..10 per request
};
/// What PutTargets and RemoveTargets return.
struct TargetsResult {
  int failed_entry_count = 0;  ///< `FailedEntryCount`
  std::vector<FailedEntry> failed_entries;
};

struct RemoveTargetsRequest {
  std::string rule;
  std::optional<std::string> event_bus_name;
  std::vector<std::string> ids;  ///< `Ids`, 1..100
  std::optional<bool> force;
};

struct ListTargetsByRuleRequest {
  std::string rule;
  std::optional<std::string> event_bus_name;
  std::optional<std::string> next_token;
  std::optional<int> limit;  ///< 1..100
};
struct ListTargetsByRuleResponse {
  std::vector<Target> targets;
  std::optional<std::string> next_token;
};

/// The EventBridge client: one method per operation.
class Client {
 public:
  explicit Client(const ClientConfig& config);

  core::Result<PutRuleResponse> put_rule(const PutRuleRequest& request);
  core::Result<Rule> describe_rule(const RuleRequest& request);
  core::Result<ListRulesResponse> list_rules(const ListRulesRequest& request);
  core::Result<void> delete_rule(const DeleteRuleRequest& request);
  core::Result<void> enable_rule(const RuleRequest& request);
  core::Result<void> disable_rule(const RuleRequest& request);
  core::Result<TargetsResult> put_targets(const PutTargetsRequest& request);
  core::Result<TargetsResult> remove_targets(const RemoveTargetsRequest& request);
  core::Result<ListTargetsByRuleResponse> list_targets_by_rule(const ListTargetsByRuleRequest& request);

 private:
  Caller caller_;
};

}  // namespace hoplite::aws::events
