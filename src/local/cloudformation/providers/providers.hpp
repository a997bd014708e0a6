#pragma once
/// \file The provider factories, one per resource type (one file each in this folder), and the
/// registry that finds each one's service (registry.cpp). Adding a type: a file here with its
/// factory, a declaration below, a line in registry.cpp.

#include <chrono>
#include <memory>

#include "local/cloudformation/provider.hpp"

namespace hoplite::local {
namespace ec2 {
class Ec2Service;
}
namespace ecr {
class EcrService;
}
namespace ecs {
class EcsService;
}
namespace events {
class EventsService;
}
namespace iam {
class IamService;
}
namespace lambda {
class LambdaService;
}
namespace logs {
class LogsService;
}
namespace s3 {
class S3Service;
}
namespace sns {
class SnsService;
}
namespace sqs {
class SqsService;
}
namespace ssm {
class SsmService;
}
namespace states {
class StatesService;
}
}  // namespace hoplite::local

namespace hoplite::local::cloudformation {

// The services are spelled `local::…` so that an includer's alias (`namespace ssm = aws::ssm;`,
// as tests write) cannot make them ambiguous.
[[nodiscard]] std::unique_ptr<Provider> make_ec2_vpc_provider(local::ec2::Ec2Service& ec2);
[[nodiscard]] std::unique_ptr<Provider> make_ec2_subnet_provider(local::ec2::Ec2Service& ec2);
[[nodiscard]] std::unique_ptr<Provider> make_ec2_internet_gateway_provider(local::ec2::Ec2Service& ec2);
[[nodiscard]] std::unique_ptr<Provider> make_ec2_gateway_attachment_provider(local::ec2::Ec2Service& ec2);
[[nodiscard]] std::unique_ptr<Provider> make_ec2_route_table_provider(local::ec2::Ec2Service& ec2);
[[nodiscard]] std::unique_ptr<Provider> make_ec2_route_provider(local::ec2::Ec2Service& ec2);
[[nodiscard]] std::unique_ptr<Provider> make_ec2_route_table_association_provider(local::ec2::Ec2Service& ec2);
[[nodiscard]] std::unique_ptr<Provider> make_ec2_security_group_provider(local::ec2::Ec2Service& ec2);
[[nodiscard]] std::unique_ptr<Provider> make_ecr_repository_provider(local::ecr::EcrService& ecr);
[[nodiscard]] std::unique_ptr<Provider> make_ecs_cluster_provider(local::ecs::EcsService& ecs);
[[nodiscard]] std::unique_ptr<Provider> make_ecs_task_definition_provider(local::ecs::EcsService& ecs);
/// `stabilize_limit`: how long a create or update waits for the service's steady state before
/// it fails ("Service … did not stabilize.").
[[nodiscard]] std::unique_ptr<Provider> make_ecs_service_provider(
    local::ecs::EcsService& ecs, std::chrono::milliseconds stabilize_limit = std::chrono::minutes(10));
[[nodiscard]] std::unique_ptr<Provider> make_events_rule_provider(local::events::EventsService& events);
[[nodiscard]] std::unique_ptr<Provider> make_iam_role_provider(local::iam::IamService& iam);
[[nodiscard]] std::unique_ptr<Provider> make_iam_policy_provider(local::iam::IamService& iam);
[[nodiscard]] std::unique_ptr<Provider> make_lambda_function_provider(local::lambda::LambdaService& lambda);
[[nodiscard]] std::unique_ptr<Provider> make_logs_log_group_provider(local::logs::LogsService& logs);
[[nodiscard]] std::unique_ptr<Provider> make_logs_log_stream_provider(local::logs::LogsService& logs);
[[nodiscard]] std::unique_ptr<Provider> make_s3_bucket_provider(local::s3::S3Service& s3);
[[nodiscard]] std::unique_ptr<Provider> make_s3_bucket_policy_provider(local::s3::S3Service& s3);
[[nodiscard]] std::unique_ptr<Provider> make_sns_topic_provider(local::sns::SnsService& sns);
[[nodiscard]] std::unique_ptr<Provider> make_sns_subscription_provider(local::sns::SnsService& sns);
[[nodiscard]] std::unique_ptr<Provider> make_sqs_queue_provider(local::sqs::SqsService& sqs);
[[nodiscard]] std::unique_ptr<Provider> make_sqs_queue_policy_provider(local::sqs::SqsService& sqs);
[[nodiscard]] std::unique_ptr<Provider> make_ssm_parameter_provider(local::ssm::SsmService& ssm);
/// `s3`: where DefinitionS3Location is read (null: such a definition fails).
[[nodiscard]] std::unique_ptr<Provider> make_state_machine_provider(local::states::StatesService& states,
                                                                    local::s3::S3Service* s3);

}  // namespace hoplite::local::cloudformation
