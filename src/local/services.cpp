#include "local/services.hpp"

#include "local/cloudformation/cfn_service.hpp"
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
#include "local/states/states_integration.hpp"
#include "local/states/states_service.hpp"
#include "local/sts/sts_service.hpp"
#include "local/task_logs_to_cloudwatch.hpp"
#include "local/task_network_from_ec2.hpp"
#include "local/task_registry_login.hpp"

namespace hoplite::local {

std::vector<std::unique_ptr<Service>> make_services(ServiceContext& house) {
  // Services are destroyed last made first: one that uses another comes after it.
  std::vector<std::unique_ptr<Service>> out;
  out.push_back(std::make_unique<sts::StsService>(house));
  auto ssm = std::make_unique<ssm::SsmService>(house);
  Service* parameters = ssm.get();
  out.push_back(std::move(ssm));
  auto ecr = std::make_unique<ecr::EcrService>(house);
  auto& registry = *ecr;
  out.push_back(std::move(ecr));
  auto s3 = std::make_unique<s3::S3Service>(house);
  s3::S3Service& objects = *s3;
  out.push_back(std::move(s3));
  auto ec2 = std::make_unique<ec2::Ec2Service>(house);
  auto& networks = *ec2;
  out.push_back(std::move(ec2));
  auto logs = std::make_unique<logs::LogsService>(house);
  Service* log_groups = logs.get();
  // ECS tasks' awslogs output goes to CloudWatch Logs.
  ecs::EcsOptions ecs_options;
  ecs_options.logs = task_logs_to_cloudwatch(*logs, house.clock);
  // ECS tasks pull images from the local ECR with a token for their account.
  ecs_options.registry_credentials = local_ecr_login(registry, house);
  // …or, in process, read them from its storage (the same tenant the token would name).
  ecs_options.local_images = local_ecr_images(registry, house);
  // RunTask checks its subnets and security groups against the local EC2.
  ecs_options.network = ec2_network_lookup(networks);
  out.push_back(std::move(logs));
  auto ecs = std::make_unique<ecs::EcsService>(house, std::move(ecs_options));
  states::StatesPeers peers{.ecs = ecs.get(), .s3 = &objects};
  peers.logs = log_groups;
  peers.ssm = parameters;
  peers.ecr = &registry;
  out.push_back(std::move(ecs));
  auto iam = std::make_unique<iam::IamService>(house);
  peers.iam = iam.get();
  out.push_back(std::move(iam));
  // Lambda checks roles with IAM and reads S3Bucket/S3Key code from S3.
  out.push_back(std::make_unique<lambda::LambdaService>(house, *peers.iam, objects));
  auto sqs = std::make_unique<sqs::SqsService>(house);
  peers.sqs = sqs.get();
  out.push_back(std::move(sqs));
  // SNS delivers to its sqs subscriptions in process.
  auto sns = std::make_unique<sns::SnsService>(house, *peers.sqs);
  peers.sns = sns.get();
  out.push_back(std::move(sns));
  out.push_back(std::make_unique<events::EventsService>(house));
  // Step Functions' Task states call ECS, SNS, SQS, S3 and (aws-sdk) Logs, SSM and ECR, as the
  // execution's role (IAM decides).
  out.push_back(std::make_unique<states::StatesService>(house, peers));
  // Last: its engine provisions resources through the services above (it is destroyed first).
  out.push_back(std::make_unique<cloudformation::CloudFormationService>(house, out));
  return out;
}

}  // namespace hoplite::local
