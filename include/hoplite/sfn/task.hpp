#pragma once
/// \file
/// Task: calls a service. The typed integrations (tasks/…) derive from Task; this class is
/// also usable directly for any Resource ARN (an activity, a Lambda function ARN, an integration
/// hoplite does not type yet), with the permissions it needs given explicitly.
/// See https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html

#include <optional>
#include <string>
#include <vector>

#include "hoplite/cfn/iam.hpp"
#include "hoplite/cfn/json.hpp"
#include "hoplite/sfn/arn.hpp"
#include "hoplite/sfn/integration_pattern.hpp"
#include "hoplite/sfn/state.hpp"

namespace hoplite::sfn {

/// Fields every Task has, besides what it calls.
struct TaskOptions {
  std::string comment;                   ///< Comment; default none
  std::optional<Path> input_path;        ///< InputPath; default "$"
  cfn::Json result_selector;             ///< ResultSelector (keys ending ".$" take paths); default none
  std::optional<Path> result_path;       ///< ResultPath; default "$" (replace the input)
  std::optional<Path> output_path;       ///< OutputPath; default "$"
  std::optional<int> timeout_seconds;    ///< TimeoutSeconds; default: Step Functions' 99999999
  std::string timeout_seconds_path;      ///< TimeoutSecondsPath; default none
  std::optional<int> heartbeat_seconds;  ///< HeartbeatSeconds (< TimeoutSeconds); default none
  std::string heartbeat_seconds_path;    ///< HeartbeatSecondsPath; default none
};

/// A generic Task's resource, parameters and IAM needs (the typed tasks fill these for you).
struct TaskProps {
  Arn resource;                                   ///< Resource (required)
  cfn::Json parameters;                           ///< Parameters; default none
  std::vector<cfn::iam::PolicyStatement> policy;  ///< what the machine's role needs to call `resource`
};

/// A Task state: calls a service (Resource) and continues with its result; the typed integrations (EcsRunTask,
/// LambdaInvoke, …) derive from it.
class Task : public State {
 public:
  /// A Task named `name` that calls `props.resource` as given (no integration checks).
  Task(std::string name, TaskProps props, TaskOptions options = {});

 protected:
  /// For typed integrations: `service_action` such as "ecs:runTask"; `supported` lists the
  /// patterns Step Functions supports for it (others throw DefinitionError [302]).
  Task(std::string name, const char* service_action, Integration integration,
       std::initializer_list<Integration> supported, TaskOptions options);
  /// Sets the Parameters the typed integration built.
  void set_parameters(cfn::Json parameters);
  /// Adds a statement the machine's role needs for this task.
  void add_policy(cfn::iam::PolicyStatement statement);
};

}  // namespace hoplite::sfn
