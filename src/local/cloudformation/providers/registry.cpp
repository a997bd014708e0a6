// Which provider each service offers. A provider holds a reference to its service, found here
// among the services the house built (the CloudFormation service is built after them and stops its
// engine before any of them goes away).
#include "local/cloudformation/providers/providers.hpp"
#include "local/ec2/ec2_service.hpp"
#include "local/ecr/ecr_service.hpp"
#include "local/ecs/ecs_service.hpp"
#include "local/events/events_service.hpp"
#include "local/iam/iam_service.hpp"
#include "local/lambda/lambda_service.hpp"
#include "local/logs/logs_service.hpp"
#include "local/s3/s3_service.hpp"
#include "local/sns/sns_service.hpp"
#include "local/sqs/sqs_service.hpp"
#include "local/ssm/ssm_service.hpp"
#include "local/states/states_service.hpp"

namespace hoplite::local::cloudformation {
namespace {

template <typename S>
S* find_service(const std::vector<std::unique_ptr<Service>>& services) {
  for (const auto& s : services)
    if (auto* found = dynamic_cast<S*>(s.get())) return found;
  return nullptr;
}

}  // namespace

ProviderRegistry make_providers(const std::vector<std::unique_ptr<Service>>& services) {
  ProviderRegistry out;
  if (auto* ec2 = find_service<ec2::Ec2Service>(services)) {
    out.add(make_ec2_vpc_provider(*ec2));
    out.add(make_ec2_subnet_provider(*ec2));
    out.add(make_ec2_internet_gateway_provider(*ec2));
    out.add(make_ec2_gateway_attachment_provider(*ec2));
    out.add(make_ec2_route_table_provider(*ec2));
    out.add(make_ec2_route_provider(*ec2));
    out.add(make_ec2_route_table_association_provider(*ec2));
    out.add(make_ec2_security_group_provider(*ec2));
  }
  if (auto* ecr = find_service<ecr::EcrService>(services)) out.add(make_ecr_repository_provider(*ecr));
  if (auto* ecs = find_service<ecs::EcsService>(services)) {
    out.add(make_ecs_cluster_provider(*ecs));
    out.add(make_ecs_task_definition_provider(*ecs));
    out.add(make_ecs_service_provider(*ecs));
  }
  if (auto* states = find_service<states::StatesService>(services))
    out.add(make_state_machine_provider(*states, find_service<s3::S3Service>(services)));
  if (auto* iam = find_service<iam::IamService>(services)) {
    out.add(make_iam_role_provider(*iam));
    out.add(make_iam_policy_provider(*iam));
  }
  if (auto* events = find_service<events::EventsService>(services)) out.add(make_events_rule_provider(*events));
  if (auto* lambda = find_service<lambda::LambdaService>(services)) out.add(make_lambda_function_provider(*lambda));
  if (auto* logs = find_service<logs::LogsService>(services)) {
    out.add(make_logs_log_group_provider(*logs));
    out.add(make_logs_log_stream_provider(*logs));
  }
  if (auto* s3 = find_service<s3::S3Service>(services)) {
    out.add(make_s3_bucket_provider(*s3));
    out.add(make_s3_bucket_policy_provider(*s3));
  }
  if (auto* sns = find_service<sns::SnsService>(services)) {
    out.add(make_sns_topic_provider(*sns));
    out.add(make_sns_subscription_provider(*sns));
  }
  if (auto* sqs = find_service<sqs::SqsService>(services)) {
    out.add(make_sqs_queue_provider(*sqs));
    out.add(make_sqs_queue_policy_provider(*sqs));
  }
  if (auto* ssm = find_service<ssm::SsmService>(services)) {
    out.add(make_ssm_parameter_provider(*ssm));
    out.ssm = [ssm](const CallContext& ctx, const std::string& name) -> core::Result<std::string> {
      auto p = ssm->get_parameter(ctx, {.name = name, .with_decryption = std::nullopt});
      if (!p) {
        if (p.error().code == "ParameterNotFound")
          return aws_error("ValidationError", "Parameters [" + name +
                                                  "] referenced by template have types not supported by "
                                                  "CloudFormation.");
        return p.failure();
      }
      return p->parameter.value;
    };
  }
  return out;
}

}  // namespace hoplite::local::cloudformation
