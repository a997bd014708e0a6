#pragma once
/// \file
/// sns:publish — publish a message to an SNS topic. The role gets sns:Publish on the topic.
/// See https://docs.aws.amazon.com/step-functions/latest/dg/connect-sns.html

#include <string>
#include <vector>

#include "hoplite/cfn/json.hpp"
#include "hoplite/sfn/arn.hpp"
#include "hoplite/sfn/task.hpp"

namespace hoplite::sfn {

/// One SNS message attribute.
struct SnsMessageAttribute {
  std::string name;                  ///< the attribute's name
  std::string data_type = "String";  ///< DataType: String, Number, Binary, String.Array
  std::string value;                 ///< StringValue
  std::string value_path;            ///< StringValue.$ (from the input); replaces `value`
};

/// Give exactly one of `message` and `message_path` (DefinitionError [303]).
struct SnsPublishProps {
  Arn topic;                                    ///< TopicArn (a topic resource works); required
  cfn::Json message;                            ///< Message: text, or JSON (published as its text); default none
  std::string message_path;                     ///< Message.$: a path or intrinsic function; default none
  std::string subject;                          ///< Subject; default none
  std::vector<SnsMessageAttribute> attributes;  ///< MessageAttributes; default none
  Integration integration = Integration::request_response;  ///< or wait_for_task_token
};

/// A Task that publishes to an SNS topic (`arn:aws:states:::sns:publish`) and grants `sns:Publish`.
class SnsPublish : public Task {
 public:
  /// Throws DefinitionError [302] for an unsupported integration pattern, [303] for a wrong message.
  SnsPublish(std::string name, SnsPublishProps props, TaskOptions options = {});
};

}  // namespace hoplite::sfn
