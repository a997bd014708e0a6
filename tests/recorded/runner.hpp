#pragma once
// One recorded case run through the local cloud (engine_checks.hpp): what the run made and
// answered so far, and the steps it knows. The members are defined in four files, one concern
// each (engine_checks.cpp, runner_names.cpp, runner_stack.cpp, runner_calls.cpp).

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine_checks.hpp"
#include "json_match.hpp"
#include "session.hpp"

namespace hoplite::recorded {

struct Runner {
  using Outcome = Verdict::Outcome;

  const RecordedCase& c;
  Session session;
  Matcher matcher;
  Verdict verdict;
  std::optional<Answer> last;
  /// The answers since the previous snapshot, newest first: a snapshot records a variable the test
  /// kept, which need not be the last call's answer.
  std::vector<Answer> recent;
  std::string stack_name;
  std::string stack_id;
  std::string change_set_id;
  Json outputs = Json::array();             ///< the last deployed stack's Outputs
  std::vector<Json> created;                ///< the successful CreateChangeSet answers of `api` steps, in order
  std::vector<std::string> created_stacks;  ///< the StackIds CreateStack answered, in order
  std::size_t stack_cursor = 0, change_set_cursor = 0;
  int stacks = 0;

  /// Substitution text -> the value this run uses for it (README: `substitutions`).
  std::map<std::string, std::string> names;
  /// Value -> its text, for the values the snapshot shows as the text given (README).
  std::map<std::string, std::string> shown_as;
  /// Substitution text -> the form its value takes ("stack-<...>"), for the values made here.
  std::map<std::string, std::string> forms;
  int unknowns = 0;
  int made_values = 0;
  std::set<std::string> made_parameters;  ///< SSM parameters the fixtures made (ssm_fixtures)
  bool destroyed = false;                 ///< the runner deleted the stack the test destroyed
  bool deployed_last = false;             ///< no `api` step since the last deploy
  Json last_read;                         ///< the previous `api` step, when it succeeded
  std::size_t output_turn = 0;            ///< how often that read was repeated at once (output_for)

  // engine_checks.cpp: comparing with the recording, running the steps
  /// A run with its own local cloud, its state in `dir`.
  Runner(const RecordedCase& rc, const std::filesystem::path& dir);

  /// Counts a check that failed before any comparison (a call that failed, a snapshot with no call
  /// before it), saying `what`.
  void failed(const std::string& what);

  /// True when the case was recorded before AWS added a stack's `LastOperations` (every recording
  /// of DescribeStacks up to 2025 lacks it, every one from 2026 has it).
  [[nodiscard]] bool predates_last_operations() const;

  /// True when the case was recorded before AWS added a change's `PolicyAction` (the 2022
  /// recording of a replacement lacks it, every one from 2025 has it).
  [[nodiscard]] bool predates_policy_action() const;

  /// `v` without the members AWS added after the recording was made.
  Json without_later_fields(Json v) const;

  /// Compares with the first of `candidates` that matches (the recording holds a whole response,
  /// or the part of it the test picked).
  void compare(const std::string& key, const Json& recorded, const std::vector<Json>& candidates);

  /// Why the case cannot run here (a resource type without a provider, an API the local cloud
  /// does not serve), or nullopt.
  std::optional<std::string> unsupported() const;

  /// Runs the steps in order; the outcome and the differences found are in `verdict`.
  void run();

  // runner_names.cpp: the values the test named or computed, templates and fixtures
  /// A value the test computed "of the form 'stack-<...>'" gets a fixed one of that form here, the
  /// same wherever the case names it (so `<stack_name>` of a later call is the stack made before).
  void name_substitutions();

  /// The test's name as the case gives it ("update deleted stack").
  std::string title() const;

  /// A fresh value of `form` ("stack-<...>"), unlike any other this run made.
  std::string of_form(const std::string& form);

  /// A "deploy (update)" sending the template and parameters of the deploy before it still waits
  /// for UPDATE_COMPLETE, which AWS reaches only when something changed: the test computed the
  /// values it makes at run time afresh after that deploy, and the case's one text stands for
  /// both (cfn-stepfunctions-cfn_statemachine_default_s3_location puts its second definition
  /// under a new key). Step index -> the texts whose values are renewed after it.
  std::map<std::size_t, std::vector<std::string>> renewals() const;

  /// `v` as the snapshot tool showed it: each value the test registered replaced by its text.
  Json as_shown(Json v) const;

  /// The value a form with one `<...>` had in the test when the recording shows it unnormalised
  /// (an error message quoting a refused name): the tests' random part is 8 hex digits.
  [[nodiscard]] std::optional<std::string> recorded_value(const std::string& form) const;

  /// Replaces the case's `<variable>` substitutions with what this run made.
  Json substitute(Json v, const std::string& hint = "");

  /// The output of the last deployed stack that a test's `stack.outputs["..."]` read for the
  /// argument `hint` (the recordings do not say which key): the outputs named after the argument
  /// (`LogGroupNameOutput` for logGroupName, `LogStreamNameOutput` for logStreamNamePrefix), else
  /// a queue's URL for QueueUrl and ARNs for an `...Arn` argument, else every output. Of several,
  /// the first, or for a read repeated at once the next (`output_turn`): the test read another.
  std::string output_for(const std::string& hint) const;

  /// The ARN a test picked out of a listing it made (`matching = [arn for arn in topic_arns if
  /// value in arn]`): the first ARN in the newest answers that names a resource of the stack.
  std::string listed_stack_arn();

  /// `member` of `map` in the newest answer that has it (e.g. the QueueArn of GetQueueAttributes).
  std::string answered(const std::string& map, const std::string& member) const;

  /// Resources the tests' fixtures made before the case ran (a queue, a topic), named by the
  /// substitution text the case uses for them.
  void fixtures();
  std::string template_text(const Json& spec);

  /// A template the test wrote with values it computed (`"<export_name>"`, `"<unknown>"`): the
  /// values this run uses for them, as in `substitute`.
  std::string substitute_text(std::string text);

  /// `text` as the test's Jinja2 rendering made it (`template_mapping` in the step: `{{ name }}`
  /// replaced by the value, `{% if name %}…{% endif %}` kept when the value is true; the README's
  /// note on these cases). `{{resolve:…}}` references stay.
  std::string rendered(std::string text, const Json& step);

  /// The SSM parameters the test's `create_parameter` fixture made before a deploy (fixtures are
  /// not in the steps): a value this run generated for the test that the template reads as an SSM
  /// parameter's name, through a parameter of type `AWS::SSM::Parameter::Value<…>` or a
  /// `{{resolve:ssm:…}}` reference. The recording shows the deploy succeed, so the parameter
  /// existed; its value is the fixture's own (the recordings show it as a placeholder).
  void ssm_fixtures(const std::string& body, const Json& params);
  static Json parameters_json(const Json& p);

  // runner_stack.cpp: deploys, waits, and the stack events a capture records
  /// Polls until the stack leaves *_IN_PROGRESS (REVIEW_IN_PROGRESS is stable), as waiters do.
  Json wait_stack(const std::string& id);
  Answer create_change_set(const std::string& type, const std::string& body, const Json& params,
                           const std::string& name,
                           const Json& capabilities = {"CAPABILITY_AUTO_EXPAND", "CAPABILITY_IAM",
                                                       "CAPABILITY_NAMED_IAM"});
  void deploy(const Json& step, bool update);

  /// Every page of the stack's DescribeStackEvents, newest first.
  std::vector<Json> stack_events();

  /// Events oldest first, as (resource, status) transitions without repeats; the cleanup statuses
  /// are left out, as the recordings' test helper left them out.
  Json transitions(bool with_cleanup = false);

  /// What test_stack_deploy_order records: the stack destroyed, then its resources' *_COMPLETE
  /// events, oldest first.
  Json filtered_events();

  /// What the tests' per_resource_events()[id] holds: that resource's events, oldest first, with
  /// the five members the helper keeps, one per status change (AWS's two CREATE_IN_PROGRESS
  /// events, before and after the physical id is known, are one there).
  Json resource_events(const std::string& id);

  /// The recording's date as yyyymmdd ("31-07-2025, 14:01:52" -> 20250731), 0 if unknown.
  [[nodiscard]] int recorded_on() const;

  /// Until May 2025 AWS showed `Replacement: "True"` on an Add with IncludePropertyValues; later
  /// recordings (and the local cloud) leave it out. The older recordings are compared as if made today.
  Json as_of_today(Json changes) const;

  /// Per resource, the set of statuses it went through (README: the recordings' grouping changed
  /// over time, so only the set of (resource, status) transitions is compared). The stack's key is
  /// its name or "Stack".
  static Json status_sets(const Json& transitions, const std::string& stack, const std::string& stack_key);
  static Json transitions_without_cleanup(const Json& all);

  /// What the newer capture_per_resource_events keeps (the recordings whose stack key is "Stack"):
  /// it drops UPDATE_COMPLETE_CLEANUP_IN_PROGRESS, DELETE_IN_PROGRESS and DELETE_COMPLETE events.
  static Json transitions_as_newer_fixture(const Json& all);
  void capture(const Json& step);
  void wait(const Json& step);

  // runner_calls.cpp: API steps and snapshots
  void api(const Json& step);
  void snapshot(const Json& step);

  /// "BucketName" -> "bucket_name", as the tests name the variable that holds a member's value.
  static std::string snake_case(const std::string& name);

  /// The stack's EC2 resources as EC2's Describe* shows each one.
  std::vector<Json> described_resources();

  /// The dict a test built itself (`recorded_from: Dict`), member by member, where each member is
  /// one of the things the tests put there: an exception's text (`{"message": str(e.value)}`,
  /// botocore's "An error occurred (Code) when calling the Op operation: …"), the stack's events
  /// off a failed deploy (`{"events": exc_info.value.events}`) or a value the test generated,
  /// held in the variable named after the member (`{"BucketName": bucket_name}`). Nothing when a
  /// member is none of these.
  std::optional<Json> own_dict(const Json& expected);

  /// The sorted distinct values of the field that `recorded_from` names in snake case and plural
  /// (`resource_types` -> ResourceType) over the items of a list in `answers`; empty if none.
  static Json field_set(const std::string& recorded_from, const std::vector<Answer>& answers);

  /// Whether `v` holds a `Tags` member that is an object.
  static bool has_tag_dict(const Json& v);

  /// `v` with each `Tags` list of Key/Value pairs as an object of values by key.
  static Json tags_as_dicts(Json v);
};

}  // namespace hoplite::recorded
