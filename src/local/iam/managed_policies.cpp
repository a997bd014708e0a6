#include "local/iam/managed_policies.hpp"

namespace hoplite::local::iam {

const std::vector<ManagedPolicy>& aws_managed_policies() {
  static const std::vector<ManagedPolicy> kPolicies = {
      {"AdministratorAccess", "/",
       R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})",
       "Provides full access to AWS services and resources."},
      {"AmazonECSTaskExecutionRolePolicy", "/service-role/",
       R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ecr:GetAuthorizationToken","ecr:BatchCheckLayerAvailability","ecr:GetDownloadUrlForLayer","ecr:BatchGetImage","logs:CreateLogStream","logs:PutLogEvents"],"Resource":"*"}]})",
       "Provides access to other AWS service resources that are required to run Amazon ECS tasks"},
      {"AWSLambdaBasicExecutionRole", "/service-role/",
       R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:CreateLogGroup","logs:CreateLogStream","logs:PutLogEvents"],"Resource":"*"}]})",
       "Provides write permissions to CloudWatch Logs."},
      {"AmazonS3FullAccess", "/",
       R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*","s3-object-lambda:*"],"Resource":"*"}]})",
       "Provides full access to all buckets via the AWS Management Console."},
      {"AmazonS3ReadOnlyAccess", "/",
       R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*","s3:List*","s3:Describe*","s3-object-lambda:Get*","s3-object-lambda:List*"],"Resource":"*"}]})",
       "Provides read only access to all buckets via the AWS Management Console."},
      {"AmazonSQSFullAccess", "/",
       R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sqs:*"],"Resource":"*"}]})",
       "Provides full access to Amazon SQS via the AWS Management Console."},
      {"AmazonSNSFullAccess", "/",
       R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sns:*"],"Resource":"*"}]})",
       "Provides full access to Amazon SNS via the AWS Management Console."},
      {"CloudWatchLogsFullAccess", "/",
       R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:*"],"Resource":"*"}]})",
       "Provides full access to CloudWatch Logs"},
      {"AWSStepFunctionsFullAccess", "/",
       R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"states:*","Resource":"*"}]})",
       "An access policy for providing a user/role/etc access to the AWS StepFunctions API (the iam:PassRole "
       "statement of AWS's version is left out)."},
      {"AmazonEC2ContainerRegistryReadOnly", "/",
       R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ecr:GetAuthorizationToken","ecr:BatchCheckLayerAvailability","ecr:GetDownloadUrlForLayer","ecr:GetRepositoryPolicy","ecr:DescribeRepositories","ecr:ListImages","ecr:DescribeImages","ecr:BatchGetImage","ecr:GetLifecyclePolicy","ecr:GetLifecyclePolicyPreview","ecr:ListTagsForResource","ecr:DescribeImageScanFindings"],"Resource":"*"}]})",
       "Provides read-only access to Amazon EC2 Container Registry repositories."},
      {"AmazonSSMReadOnlyAccess", "/",
       R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ssm:Describe*","ssm:Get*","ssm:List*"],"Resource":"*"}]})",
       "Provides read only access to Amazon SSM."},
      {"AWSXrayWriteOnlyAccess", "/",
       R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["xray:PutTraceSegments","xray:PutTelemetryRecords","xray:GetSamplingRules","xray:GetSamplingTargets","xray:GetSamplingStatisticSummaries"],"Resource":["*"]}]})",
       "AWS X-Ray write only managed policy"},
  };
  return kPolicies;
}

std::string aws_managed_arn(const ManagedPolicy& p) {
  return "arn:aws:iam::aws:policy" + std::string(p.path) + std::string(p.name);
}

std::optional<ManagedPolicy> aws_managed_policy(std::string_view arn) {
  for (const auto& p : aws_managed_policies())
    if (aws_managed_arn(p) == arn) return p;
  return std::nullopt;
}

}  // namespace hoplite::local::iam
