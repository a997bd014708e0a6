#pragma once
/// \file CloudFormation's tables: stacks, their resources, events, change sets and the
/// ClientRequestTokens already seen. Everything the engine needs to resume after a crash is here:
/// a stack's status names the phase it is in, each resource row says what was done to it (and,
/// during an update, what it was before), and the physical ID is recorded before a provider is
/// asked to create anything, so a crash never leaves a resource the stack does not know about.
/// Complex members are JSON text. Runs inside the caller's transaction.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hoplite/core/result.hpp"
#include "local/auth/accounts.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::cloudformation {

/// Schema steps of the `cloudformation` component (never edit a released one: add the next).
[[nodiscard]] const std::vector<store::Migration>& migrations();

struct StackRow {
  std::string id;  ///< the stack's ARN
  std::string account;
  std::string region;
  std::string name;
  std::string status;
  std::string reason;
  std::int64_t created = 0;  ///< milliseconds since the epoch
  std::optional<std::int64_t> updated;
  std::optional<std::int64_t> deleted;
  std::string template_body;  ///< the template being (or last) deployed
  /// During an update and its rollback: the template before it ("" otherwise).
  std::string previous_template;
  nlohmann::json parameters = nlohmann::json::array();           ///< bound parameters (see param_json)
  nlohmann::json previous_parameters = nlohmann::json::array();  ///< during an update
  nlohmann::json outputs = nlohmann::json::array();              ///< [{key, value, description?, export?}]
  nlohmann::json tags = nlohmann::json::object();
  std::vector<std::string> capabilities;
  std::vector<std::string> notification_arns;
  std::optional<std::string> role_arn;
  std::string description;
  bool disable_rollback = false;
  std::string on_failure = "ROLLBACK";  ///< ROLLBACK, DELETE, DO_NOTHING
  bool termination_protection = false;
  std::optional<std::string> change_set_id;
  std::string token;              ///< ClientRequestToken of the operation in progress (events carry it)
  bool cancel_requested = false;  ///< CancelUpdateStack was called during UPDATE_IN_PROGRESS
  /// DescribeStacks' LastOperations: [{type, id}] of the operation started last.
  nlohmann::json last_operations = nlohmann::json::array();
  /// Who started that operation: CloudFormation acts with the caller's identity, so what the
  /// stack makes shows it (SNS's SubscriptionPrincipal). Empty: the account's root.
  std::string caller_arn;
  std::string caller_user_id;
};

/// Records that `operation_type` (CREATE_STACK, UPDATE_STACK, DELETE_STACK) starts on the stack,
/// under a new operation ID, as DescribeStacks' LastOperations shows it, started by `caller`.
void start_operation(StackRow& stack, const std::string& operation_type, const auth::Principal& caller);

/// What an update did to a resource (so its rollback and cleanup know what to undo).
enum class Touch { none, created, updated, replaced };

struct ResourceRow {
  std::string stack_id;
  std::string logical_id;
  std::string type;
  std::string physical_id;  ///< "" until chosen
  std::string status;       ///< CREATE_COMPLETE, ..., or "" before anything happened
  std::string reason;
  std::int64_t updated = 0;
  nlohmann::json properties = nlohmann::json::object();  ///< the evaluated properties last applied
  nlohmann::json attributes = nlohmann::json::object();  ///< Fn::GetAtt values
  Touch touch = Touch::none;
  /// Before the update that touched it (updated or replaced): the previous physical resource.
  std::string old_physical_id;
  nlohmann::json old_properties = nlohmann::json::object();
  nlohmann::json old_attributes = nlohmann::json::object();
  std::string metadata;  ///< the template's Metadata as JSON text ("" = none)
};

struct EventRow {
  std::int64_t seq = 0;  ///< order of writing (the API returns newest first)
  std::string event_id;
  std::string stack_id;
  std::string stack_name;
  std::string logical_id;
  std::string physical_id;
  std::string type;
  std::string status;
  std::string reason;
  std::optional<std::string> properties;  ///< JSON text, resource events only
  std::int64_t time = 0;
  std::string token;
};

struct ChangeSetRow {
  std::string id;  ///< ARN
  std::string stack_id;
  std::string name;
  std::string type;  ///< CREATE or UPDATE
  std::string status;
  std::string reason;
  std::string execution_status;
  std::int64_t created = 0;
  std::optional<std::string> description;
  std::string template_body;
  nlohmann::json parameters = nlohmann::json::array();  ///< bound
  std::vector<std::string> capabilities;
  nlohmann::json tags = nlohmann::json::object();
  std::vector<std::string> notification_arns;
  std::optional<std::string> role_arn;
  nlohmann::json changes_with_values = nlohmann::json::array();  ///< cfn::changes_to_json(..., true)
  nlohmann::json changes = nlohmann::json::array();              ///< cfn::changes_to_json(..., false)
  std::string client_token;
};

/// The statements, inside one transaction.
class StackTable {
 public:
  explicit StackTable(store::Tx& tx) : tx_(tx) {}

  core::Result<std::optional<StackRow>> stack(const std::string& id);
  /// The live (not DELETE_COMPLETE) stack called `name` in an account and region.
  core::Result<std::optional<StackRow>> live_stack(const std::string& account, const std::string& region,
                                                   const std::string& name);
  /// Stacks of an account and region (deleted ones too when `with_deleted`), newest first.
  core::Result<std::vector<StackRow>> stacks(const std::string& account, const std::string& region, bool with_deleted);
  /// Stacks of every account in one of `statuses` (the engine resumes them at start).
  core::Result<std::vector<StackRow>> stacks_in(const std::vector<std::string>& statuses);
  core::Result<void> put_stack(const StackRow& row);

  core::Result<std::vector<ResourceRow>> resources(const std::string& stack_id);
  core::Result<std::optional<ResourceRow>> resource(const std::string& stack_id, const std::string& logical_id);
  core::Result<void> put_resource(const ResourceRow& row);
  core::Result<void> remove_resource(const std::string& stack_id, const std::string& logical_id);

  core::Result<void> add_event(const EventRow& row);
  /// Newest first, those with seq < `before` (0 = from the newest), at most `limit`.
  core::Result<std::vector<EventRow>> events(const std::string& stack_id, std::int64_t before, std::size_t limit);

  core::Result<std::optional<ChangeSetRow>> change_set(const std::string& id);
  core::Result<std::optional<ChangeSetRow>> change_set_by_name(const std::string& stack_id, const std::string& name);
  core::Result<std::vector<ChangeSetRow>> change_sets(const std::string& stack_id);
  core::Result<void> put_change_set(const ChangeSetRow& row);
  core::Result<void> remove_change_set(const std::string& id);

  /// Records `token` for `operation` on a stack; false when it was recorded before (a retry).
  core::Result<bool> remember_token(const std::string& stack_id, const std::string& operation,
                                    const std::string& token);

 private:
  store::Tx& tx_;
};

/// Stack counts per account, for /_hoplite/.
core::Result<nlohmann::json> inspect_stacks(store::Database& db);

}  // namespace hoplite::local::cloudformation
