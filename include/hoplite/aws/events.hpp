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

/// PutRule: creates the rule or replaces its definition (a rule needs a schedule or a pattern).
struct PutRuleRequest {
  std::string name;                                ///< `Name`
  std::optional<std::string> schedule_expression;  ///< `ScheduleExpression`
  std::optional<std::string> event_pattern;        ///< `EventPattern`
  std::optional<std::string> state;                ///< `State`
  std::optional<std::string> description;          ///< `Description`
  std::optional<std::string> role_arn;             ///< `RoleArn`
  std::vector<Tag> tags;                           ///< `Tags`
  std::optional<std::string> event_bus_name;       ///< `EventBusName`
};
/// What PutRule returns.
struct PutRuleResponse {
  std::string rule_arn;  ///< `RuleArn`
};

/// DescribeRule, EnableRule and DisableRule.
struct RuleRequest {
  std::string name;                           ///< `Name`
  std::optional<std::string> event_bus_name;  ///< `EventBusName`
};

/// DeleteRule (refused while the rule has targets).
struct DeleteRuleRequest {
  std::string name;                           ///< `Name`
  std::optional<std::string> event_bus_name;  ///< `EventBusName`
  std::optional<bool> force;                  ///< `Force`: for managed rules, which the local cloud has none of
};

/// ListRules: rules by name prefix, a page at a time.
struct ListRulesRequest {
  std::optional<std::string> name_prefix;     ///< `NamePrefix`
  std::optional<std::string> event_bus_name;  ///< `EventBusName`
  std::optional<std::string> next_token;      ///< `NextToken`
  std::optional<int> limit;                   ///< 1..100
};
/// One page of ListRules.
struct ListRulesResponse {
  std::vector<Rule> rules;                ///< `Rules`
  std::optional<std::string> next_token;  ///< `NextToken`
};

/// PutTargets: adds targets to a rule or replaces those with the same Id.
struct PutTargetsRequest {
  std::string rule;                           ///< `Rule`
  std::optional<std::string> event_bus_name;  ///< `EventBusName`
  std::vector<Target> targets;                ///< 1..10 per request
};
/// What PutTargets and RemoveTargets return.
struct TargetsResult {
  int failed_entry_count = 0;               ///< `FailedEntryCount`
  std::vector<FailedEntry> failed_entries;  ///< `FailedEntries`
};

/// RemoveTargets: removes targets from a rule by Id.
struct RemoveTargetsRequest {
  std::string rule;                           ///< `Rule`
  std::optional<std::string> event_bus_name;  ///< `EventBusName`
  std::vector<std::string> ids;               ///< `Ids`, 1..100
  std::optional<bool> force;                  ///< `Force`
};

/// ListTargetsByRule: a rule's targets, a page at a time.
struct ListTargetsByRuleRequest {
  std::string rule;                           ///< `Rule`
  std::optional<std::string> event_bus_name;  ///< `EventBusName`
  std::optional<std::string> next_token;      ///< `NextToken`
  std::optional<int> limit;                   ///< 1..100
};
/// One page of ListTargetsByRule.
struct ListTargetsByRuleResponse {
  std::vector<Target> targets;            ///< `Targets`
  std::optional<std::string> next_token;  ///< `NextToken`
};

/// The EventBridge client: one method per operation.
class Client {
 public:
  /// A client for `config`'s endpoint, region and credentials.
  explicit Client(const ClientConfig& config);

  /// PutRule.
  core::Result<PutRuleResponse> put_rule(const PutRuleRequest& request);
  /// DescribeRule (ResourceNotFoundException for an unknown rule).
  core::Result<Rule> describe_rule(const RuleRequest& request);
  /// ListRules.
  core::Result<ListRulesResponse> list_rules(const ListRulesRequest& request);
  /// DeleteRule.
  core::Result<void> delete_rule(const DeleteRuleRequest& request);
  /// EnableRule.
  core::Result<void> enable_rule(const RuleRequest& request);
  /// DisableRule.
  core::Result<void> disable_rule(const RuleRequest& request);
  /// PutTargets; entries it could not take are in the result, not an error.
  core::Result<TargetsResult> put_targets(const PutTargetsRequest& request);
  /// RemoveTargets.
  core::Result<TargetsResult> remove_targets(const RemoveTargetsRequest& request);
  /// ListTargetsByRule.
  core::Result<ListTargetsByRuleResponse> list_targets_by_rule(const ListTargetsByRuleRequest& request);

 private:
  Caller caller_;
};

}  // namespace hoplite::aws::events
