#pragma once
// Templates built from several generated types, shared by the golden, determinism and cfn-lint
// tests. They use only properties cfn-lint 1.9.7's (2019) spec knows, so cfn-lint can check them.

#include <string>

#include "hoplite/cfn/intrinsics.hpp"
#include "hoplite/cfn/logical_id.hpp"
#include "hoplite/cfn/resources/ec2/internet_gateway.hpp"
#include "hoplite/cfn/resources/ec2/route.hpp"
#include "hoplite/cfn/resources/ec2/route_table.hpp"
#include "hoplite/cfn/resources/ec2/security_group.hpp"
#include "hoplite/cfn/resources/ec2/subnet.hpp"
#include "hoplite/cfn/resources/ec2/subnet_route_table_association.hpp"
#include "hoplite/cfn/resources/ec2/vpc.hpp"
#include "hoplite/cfn/resources/ec2/vpc_gateway_attachment.hpp"
#include "hoplite/cfn/resources/ecs/cluster.hpp"
#include "hoplite/cfn/resources/ecs/task_definition.hpp"
#include "hoplite/cfn/resources/iam/role.hpp"
#include "hoplite/cfn/resources/logs/log_group.hpp"
#include "hoplite/cfn/resources/sns/topic.hpp"
#include "hoplite/cfn/resources/sqs/queue.hpp"
#include "hoplite/cfn/resources/stepfunctions/state_machine.hpp"
#include "hoplite/cfn/template.hpp"

namespace hoplite::cfn::testing_examples {

/// A VPC with two public subnets in different AZs, parameters, a mapping, a condition, outputs.
inline Template network() {
  Template t{"hoplite network: a VPC with two public subnets in different availability zones"};
  t.set_metadata("hoplite", Json::object({{"example", "network"}, {"subnets", 2}}));
  const auto& cidr =
      t.add_parameter("VpcCidr", {.default_value = "10.0.0.0/16", .description = "CIDR block of the VPC"});
  const auto& env = t.add_parameter("Environment", {.default_value = "dev", .allowed_values = {"dev", "prod"}});
  t.add_mapping("SubnetConfig", Json::object({{"Public0", Json::object({{"Cidr", "10.0.0.0/24"}})},
                                              {"Public1", Json::object({{"Cidr", "10.0.1.0/24"}})}}));
  auto is_prod = t.add_condition("IsProd", equals(ref(env), "prod"));

  auto& vpc = t.add(ec2::VPC{"Vpc",
                             {.CidrBlock = ref(cidr),
                              .EnableDnsHostnames = true,
                              .EnableDnsSupport = true,
                              .Tags = {{.Key = "Name", .Value = sub("${AWS::StackName}-vpc")}}}});
  auto& igw = t.add(ec2::InternetGateway{"Igw"});
  auto& attach = t.add(ec2::VPCGatewayAttachment{"IgwAttachment", {.InternetGatewayId = ref(igw), .VpcId = ref(vpc)}});
  auto& routes = t.add(ec2::RouteTable{"PublicRoutes", {.VpcId = ref(vpc)}});
  t.add(ec2::Route{"DefaultRoute",
                   {.DestinationCidrBlock = "0.0.0.0/0", .GatewayId = ref(igw), .RouteTableId = ref(routes)},
                   {.depends_on = {attach}}});
  List<std::string> subnet_ids;
  for (int i = 0; i < 2; ++i) {
    std::string index = std::to_string(i);
    auto& subnet = t.add(ec2::Subnet{logical_id("PublicSubnet", "Net", "public", index),
                                     {.AvailabilityZone = select(i, get_azs()),
                                      .CidrBlock = find_in_map("SubnetConfig", "Public" + index, "Cidr"),
                                      .MapPublicIpOnLaunch = true,
                                      .VpcId = ref(vpc)}});
    t.add(ec2::SubnetRouteTableAssociation{logical_id("PublicSubnetRoutes", "Net", "public", index),
                                           {.RouteTableId = ref(routes), .SubnetId = ref(subnet)}});
    subnet_ids.push_back(ref(subnet));
  }
  auto& sg = t.add(ec2::SecurityGroup{
      "TaskSecurityGroup",
      {.GroupDescription = "Fargate tasks: outbound only",
       .SecurityGroupEgress = {{.CidrIp = "0.0.0.0/0", .Description = "all outbound", .IpProtocol = "-1"}},
       .VpcId = ref(vpc)}});
  t.add(sns::Topic{"ProdAlarms", {.DisplayName = "prod alarms"}, {.condition = is_prod}});

  t.add_output("VpcId", ref(vpc), {.description = "the VPC", .export_name = sub("${AWS::StackName}-VpcId")});
  t.add_output("SubnetIds", join(",", subnet_ids), {.export_name = sub("${AWS::StackName}-SubnetIds")});
  t.add_output("SecurityGroupId", get_att(sg, "GroupId"));
  t.add_output("DefaultSecurityGroup", get_att(vpc, "DefaultSecurityGroup"), {.condition = is_prod});
  return t;
}

/// The servicefull shape: roles, log group, cluster, Fargate task definition, topic, queue and a
/// state machine whose definition references them.
inline Template service() {
  Template t{"Step Function with this binary as a Fargate task \xF0\x9F\x8E\x89"};
  Json ecs_tasks_trust = Json::object(
      {{"Version", "2012-10-17"},
       {"Statement", Json::array({Json::object({{"Effect", "Allow"},
                                                {"Principal", Json::object({{"Service", "ecs-tasks.amazonaws.com"}})},
                                                {"Action", "sts:AssumeRole"}})})}});
  auto& exec_role =
      t.add(iam::Role{"ExecutionRole",
                      {.AssumeRolePolicyDocument = ecs_tasks_trust,
                       .ManagedPolicyArns = {sub(
                           "arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy")}}});
  auto& logs = t.add(logs::LogGroup{"TaskLogs",
                                    {.LogGroupName = sub("/hoplite/${AWS::StackName}"), .RetentionInDays = 14},
                                    {.deletion_policy = DeletionPolicy::delete_}});
  auto& topic = t.add(sns::Topic{"Notifications", {.DisplayName = "task results"}});
  auto& dead = t.add(sqs::Queue{"DeadLetters", {.MessageRetentionPeriod = 1209600}});
  auto& task_role = t.add(
      iam::Role{"TaskRole",
                {.AssumeRolePolicyDocument = ecs_tasks_trust,
                 .Policies = {{.PolicyDocument = Json::object(
                                   {{"Version", "2012-10-17"},
                                    {"Statement", Json::array({Json::object({{"Effect", "Allow"},
                                                                             {"Action", Json::array({"sns:Publish"})},
                                                                             {"Resource", ref(topic)}}),
                                                               Json::object({{"Effect", "Allow"},
                                                                             {"Action", "sqs:SendMessage"},
                                                                             {"Resource", get_att(dead, "Arn")}})})}}),
                               .PolicyName = "publish"}}}});
  auto& cluster = t.add(ecs::Cluster{"Cluster", {.ClusterName = sub("${AWS::StackName}-cluster")}});
  auto& task = t.add(ecs::TaskDefinition{
      "Task",
      {.ContainerDefinitions = {{.Command = {"fargateTask"},
                                 .Environment = {{.Name = "TOPIC_ARN", .Value = ref(topic)}},
                                 .Essential = true,
                                 .Image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/servicefull@sha256:"
                                          "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                                 .LogConfiguration = {.LogDriver = "awslogs",
                                                      .Options = {{"awslogs-group", ref(logs)},
                                                                  {"awslogs-region", pseudo::region()},
                                                                  {"awslogs-stream-prefix", "task"}}},
                                 .Name = "app"}},
       .Cpu = "256",
       .ExecutionRoleArn = get_att(exec_role, "Arn"),
       .Family = "servicefull",
       .Memory = "512",
       .NetworkMode = "awsvpc",
       .RequiresCompatibilities = {"FARGATE"},
       .TaskRoleArn = get_att(task_role, "Arn")}});
  auto& sfn_role = t.add(iam::Role{
      "StateMachineRole",
      {.AssumeRolePolicyDocument = Json::object(
           {{"Version", "2012-10-17"},
            {"Statement", Json::array({Json::object(
                              {{"Effect", "Allow"},
                               {"Principal", Json::object({{"Service", sub("states.${AWS::Region}.amazonaws.com")}})},
                               {"Action", "sts:AssumeRole"}})})}})}});
  auto& machine = t.add(stepfunctions::StateMachine{
      "Machine",
      {.DefinitionString = sub(R"({"StartAt":"Run","States":{"Run":{"Type":"Task",)"
                               R"("Resource":"arn:${AWS::Partition}:states:::ecs:runTask.sync",)"
                               R"("Parameters":{"Cluster":"${ClusterArn}","TaskDefinition":"${TaskDef}",)"
                               R"("LaunchType":"FARGATE"},"End":true}}})",
                               {{"ClusterArn", get_att(cluster, "Arn")}, {"TaskDef", ref(task)}}),
       .RoleArn = get_att(sfn_role, "Arn")},
      {.metadata = Json::object({{"hoplite:task", "fargateTask"}})}});
  t.add_output("StateMachineArn", ref(machine),
               {.description = "start executions here \xE2\x86\x92", .export_name = sub("${AWS::StackName}-Machine")});
  t.add_output("TopicArn", ref(topic));
  return t;
}

}  // namespace hoplite::cfn::testing_examples
