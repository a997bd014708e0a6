#pragma once
/// \file
/// sqs:sendMessage — send a message to an SQS queue. The role gets sqs:SendMessage on the queue.
/// See https://docs.aws.amazon.com/step-functions/latest/dg/connect-sqs.html

#include <optional>
#include <string>

#include "hoplite/cfn/json.hpp"
#include "hoplite/sfn/arn.hpp"
#include "hoplite/sfn/task.hpp"

namespace hoplite::sfn {

/// Give exactly one of `message_body` and `message_body_path` (DefinitionError [303]).
struct SqsSendMessageProps {
  cfn::Json queue_url;               ///< QueueUrl (cfn::ref(queue)); required
  Arn queue;                         ///< the queue's ARN for the policy (a queue resource works); required
  cfn::Json message_body;            ///< MessageBody: text or JSON; default none
  std::string message_body_path;     ///< MessageBody.$; default none
  std::optional<int> delay_seconds;  ///< DelaySeconds; default none
  std::string message_group_id;      ///< MessageGroupId (FIFO queues); default none
  Integration integration = Integration::request_response;  ///< or wait_for_task_token
};

/// A Task that sends an SQS message (`arn:aws:states:::sqs:sendMessage`) and grants `sqs:SendMessage`.
class SqsSendMessage : public Task {
 public:
  /// Throws DefinitionError [302] for an unsupported integration pattern, [303] for a wrong body.
  SqsSendMessage(std::string name, SqsSendMessageProps props, TaskOptions options = {});
};

}  // namespace hoplite::sfn
