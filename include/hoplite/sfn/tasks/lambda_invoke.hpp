#pragma once
/// \file
/// lambda:invoke — invoke a Lambda function. The role gets lambda:InvokeFunction on the
/// function (and on `function:qualifier` when a qualifier is given).
/// See https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html

#include <string>

#include "hoplite/cfn/json.hpp"
#include "hoplite/sfn/arn.hpp"
#include "hoplite/sfn/task.hpp"

namespace hoplite::sfn {

/// The `lambda:invoke` parameters.
struct LambdaInvokeProps {
  Arn function;                 ///< FunctionName (a function resource works); required
  cfn::Json payload;            ///< Payload; default: the whole state input ("Payload.$": "$")
  std::string payload_path;     ///< Payload.$; replaces the default; default none
  std::string invocation_type;  ///< InvocationType: RequestResponse, Event or DryRun; default none
  std::string qualifier;        ///< Qualifier (version or alias); default none
  Integration integration = Integration::request_response;  ///< or wait_for_task_token
};

/// A Task that invokes a Lambda function (`arn:aws:states:::lambda:invoke`) and grants `lambda:InvokeFunction`.
class LambdaInvoke : public Task {
 public:
  /// Throws DefinitionError [302] for an integration pattern Lambda does not support.
  LambdaInvoke(std::string name, LambdaInvokeProps props, TaskOptions options = {});
};

}  // namespace hoplite::sfn
