#include "hoplite/sfn/tasks/sqs_send_message.hpp"

#include <fmt/format.h>

#include "hoplite/sfn/error.hpp"

namespace hoplite::sfn {

using cfn::Json;

SqsSendMessage::SqsSendMessage(std::string name, SqsSendMessageProps props, TaskOptions options)
    : Task(std::move(name), "sqs:sendMessage", props.integration,
           {Integration::request_response, Integration::wait_for_task_token}, std::move(options)) {
  const std::string& state = this->name();
  if (props.queue_url.is_null() || !props.queue.is_set())
    throw DefinitionError(DefinitionRule::kMissingField,
                          fmt::format("sqs:sendMessage '{}' needs queue_url and queue (its ARN)", state));
  if (props.message_body.is_null() == props.message_body_path.empty())
    throw DefinitionError(
        DefinitionRule::kInvalidField,
        fmt::format("sqs:sendMessage '{}' needs exactly one of message_body and message_body_path", state));
  Json p = Json::object({{"QueueUrl", props.queue_url}});
  if (!props.message_body.is_null()) p.set("MessageBody", props.message_body);
  if (!props.message_body_path.empty()) p.set("MessageBody.$", props.message_body_path);
  if (props.delay_seconds) p.set("DelaySeconds", *props.delay_seconds);
  if (!props.message_group_id.empty()) p.set("MessageGroupId", props.message_group_id);
  if (props.integration == Integration::wait_for_task_token && p.dump().find("$$.Task.Token") == std::string::npos)
    throw DefinitionError(
        DefinitionRule::kInvalidField,
        fmt::format("sqs:sendMessage '{}' waits for a task token but does not send $$.Task.Token", state));
  set_parameters(std::move(p));
  add_policy({{"sqs:SendMessage"}, {props.queue.json()}, {}});
}

}  // namespace hoplite::sfn
