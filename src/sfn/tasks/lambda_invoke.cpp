#include "hoplite/sfn/tasks/lambda_invoke.hpp"

#include <fmt/format.h>

#include "hoplite/cfn/intrinsics.hpp"
#include "hoplite/sfn/error.hpp"

namespace hoplite::sfn {

using cfn::Json;

LambdaInvoke::LambdaInvoke(std::string name, LambdaInvokeProps props, TaskOptions options)
    : Task(std::move(name), "lambda:invoke", props.integration,
           {Integration::request_response, Integration::wait_for_task_token}, std::move(options)) {
  const std::string& state = this->name();
  if (!props.function.is_set())
    throw DefinitionError(DefinitionRule::kMissingField, fmt::format("lambda:invoke '{}' needs a function", state));
  if (!props.payload.is_null() && !props.payload_path.empty())
    throw DefinitionError(DefinitionRule::kInvalidField,
                          fmt::format("lambda:invoke '{}' has both payload and payload_path", state));
  Json p = Json::object({{"FunctionName", props.function.json()}});
  if (!props.payload.is_null())
    p.set("Payload", props.payload);
  else
    p.set("Payload.$", props.payload_path.empty() ? std::string("$") : props.payload_path);
  if (!props.invocation_type.empty()) p.set("InvocationType", props.invocation_type);
  if (!props.qualifier.empty()) p.set("Qualifier", props.qualifier);
  if (props.integration == Integration::wait_for_task_token && p.dump().find("$$.Task.Token") == std::string::npos)
    throw DefinitionError(
        DefinitionRule::kInvalidField,
        fmt::format("lambda:invoke '{}' waits for a task token but does not send $$.Task.Token", state));
  set_parameters(std::move(p));
  std::vector<Json> resources{props.function.json()};
  if (!props.qualifier.empty())
    resources.push_back(cfn::join(":", {cfn::Value<std::string>::from_json(props.function.json()), props.qualifier}));
  add_policy({{"lambda:InvokeFunction"}, resources, {}});
}

}  // namespace hoplite::sfn
