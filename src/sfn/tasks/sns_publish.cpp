#include "hoplite/sfn/tasks/sns_publish.hpp"

#include <fmt/format.h>

#include "hoplite/sfn/error.hpp"

namespace hoplite::sfn {

using cfn::Json;

SnsPublish::SnsPublish(std::string name, SnsPublishProps props, TaskOptions options)
    : Task(std::move(name), "sns:publish", props.integration,
           {Integration::request_response, Integration::wait_for_task_token}, std::move(options)) {
  const std::string& state = this->name();
  if (!props.topic.is_set())
    throw DefinitionError(DefinitionRule::kMissingField, fmt::format("sns:publish '{}' needs a topic", state));
  if (props.message.is_null() == props.message_path.empty())
    throw DefinitionError(DefinitionRule::kInvalidField,
                          fmt::format("sns:publish '{}' needs exactly one of message and message_path", state));
  Json p = Json::object({{"TopicArn", props.topic.json()}});
  if (!props.message_path.empty()) p.set("Message.$", props.message_path);
  if (!props.message.is_null()) p.set("Message", props.message);
  if (!props.subject.empty()) p.set("Subject", props.subject);
  if (!props.attributes.empty()) {
    Json attrs = Json::object();
    for (const auto& a : props.attributes) {
      Json v = Json::object({{"DataType", a.data_type}});
      if (!a.value_path.empty())
        v.set("StringValue.$", a.value_path);
      else
        v.set("StringValue", a.value);
      attrs.set(a.name, std::move(v));
    }
    p.set("MessageAttributes", std::move(attrs));
  }
  if (props.integration == Integration::wait_for_task_token && p.dump().find("$$.Task.Token") == std::string::npos)
    throw DefinitionError(
        DefinitionRule::kInvalidField,
        fmt::format("sns:publish '{}' waits for a task token but does not send $$.Task.Token", state));
  set_parameters(std::move(p));
  add_policy({{"sns:Publish"}, {props.topic.json()}, {}});
}

}  // namespace hoplite::sfn
