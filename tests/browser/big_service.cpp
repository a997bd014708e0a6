// A generated service of exactly 200 resources, for describe's readability check (browser test)
// and its benchmark (bench/describe_bench.sh): a public network, a cluster and a Fargate task, 18
// "workers" of 10 resources each (queue + dead-letter queue, topic + subscription, function +
// role + policy + log group, schedule rule, bucket), shared alerts, and a state machine that uses
// every kind of state: Choice rules, Parallel, Map, Retry, Catch, Wait, Succeed, Fail.
#include <fmt/format.h>

#include <hoplite/cfn/resources/all.hpp>
#include <hoplite/fargate/all.hpp>
#include <hoplite/hoplite.hpp>
#include <hoplite/sfn/all.hpp>

namespace cfn = hoplite::cfn;
namespace sfn = hoplite::sfn;

namespace {

constexpr int kWorkers = 18;

cfn::Json allow(std::vector<std::string> actions, cfn::Json resource) {
  cfn::Json list = cfn::Json::array();
  for (auto& a : actions) list.push_back(std::move(a));
  return cfn::Json::object(
      {{"Version", "2012-10-17"},
       {"Statement", cfn::Json::array({cfn::Json::object(
                         {{"Effect", "Allow"}, {"Action", std::move(list)}, {"Resource", std::move(resource)}})})}});
}

cfn::Json trust(const char* service) {
  return cfn::Json::object(
      {{"Version", "2012-10-17"},
       {"Statement", cfn::Json::array({cfn::Json::object({{"Effect", "Allow"},
                                                          {"Principal", cfn::Json::object({{"Service", service}})},
                                                          {"Action", "sts:AssumeRole"}})})}});
}

struct Worker {
  cfn::lambda::Function* function;
  cfn::sqs::Queue* queue;
};

Worker add_worker(cfn::Template& t, int i) {
  const std::string n = fmt::format("Worker{:02}", i);
  auto& dead = t.add(cfn::sqs::Queue{n + "DeadLetters", {.MessageRetentionPeriod = 1209600}});
  auto& queue = t.add(cfn::sqs::Queue{
      n + "Queue",
      {.RedrivePolicy = cfn::Json::object({{"deadLetterTargetArn", cfn::get_att(dead, "Arn")}, {"maxReceiveCount", 5}}),
       .VisibilityTimeout = 60}});
  auto& topic = t.add(cfn::sns::Topic{n + "Topic", {.DisplayName = n}});
  t.add(cfn::sns::Subscription{
      n + "Subscription", {.Endpoint = cfn::get_att(queue, "Arn"), .Protocol = "sqs", .TopicArn = cfn::ref(topic)}});
  auto& logs = t.add(cfn::logs::LogGroup{n + "Logs", {.RetentionInDays = 14}});
  auto& role = t.add(cfn::iam::Role{n + "Role", {.AssumeRolePolicyDocument = trust("lambda.amazonaws.com")}});
  t.add(cfn::iam::Policy{
      n + "Policy",
      {.PolicyDocument = allow({"sqs:ReceiveMessage", "sqs:DeleteMessage"}, cfn::get_att(queue, "Arn")),
       .PolicyName = n + "-queue",
       .Roles = {cfn::ref(role)}}});
  auto& function = t.add(cfn::lambda::Function{
      n + "Function",
      {.Code = {.ZipFile = "exports.handler = async (e) => e;"},
       .Environment = {.Variables = {{"QUEUE_URL", cfn::ref(queue)}, {"LOG_GROUP", cfn::ref(logs)}}},
       .Handler = "index.handler",
       .Role = cfn::get_att(role, "Arn"),
       .Runtime = "nodejs18.x",
       .Timeout = 30}});
  t.add(cfn::events::Rule{n + "Schedule",
                          {.ScheduleExpression = fmt::format("rate({} minutes)", 5 + i),
                           .Targets = {{.Arn = cfn::get_att(function, "Arn"), .Id = n}}}});
  t.add(cfn::s3::Bucket{n + "Bucket"});
  return {&function, &queue};
}

}  // namespace

int main(int argc, char** argv) {
  hoplite::Service svc{"BigGeneratedService", "200 generated resources: describe's readability and speed check"};
  svc.add_task("work", "Process one batch", [](hoplite::TaskContext&) { return 0; });
  auto& t = svc.cfn_template();

  auto& net = svc.add(hoplite::fargate::PublicNetwork{"Net", {.availability_zones = 2}});
  auto& cluster = svc.add(hoplite::fargate::Cluster{"Cluster"});
  auto& task = svc.add(hoplite::fargate::Task{"Batch", {.command = {"work"}, .cpu = 512, .memory_mib = 1024}});

  std::vector<Worker> workers;
  for (int i = 1; i <= kWorkers; ++i) workers.push_back(add_worker(t, i));
  auto& alerts = t.add(cfn::sns::Topic{"Alerts", {.DisplayName = "alerts"}});
  t.add(cfn::s3::Bucket{"Archive"});
  t.add(cfn::ecr::Repository{"Images"});

  // Route by the input: fan out to three workers at once, run the batch task per item, or wait.
  sfn::Choice route{"Route request"};
  sfn::Parallel fan{"Fan out"};
  for (int i = 0; i < 3; ++i) {
    sfn::LambdaInvoke call{fmt::format("Call worker {}", i + 1), {.function = *workers[i].function}};
    call.add_retry({.errors = {"Lambda.TooManyRequestsException"}, .interval_seconds = 2, .max_attempts = 4});
    sfn::SqsSendMessage enqueue{
        fmt::format("Enqueue {}", i + 1),
        {.queue_url = cfn::ref(*workers[i].queue), .queue = *workers[i].queue, .message_body_path = "$.Payload"}};
    fan.branch(sfn::chain(call, enqueue));
  }
  sfn::Map each{"Each item", {.items_path = "$.items", .max_concurrency = 4}};
  sfn::EcsRunTask run{"Run batch", task.run_on(cluster, net)};
  sfn::Wait settle{"Settle", {.time = sfn::WaitTime::seconds(5)}};
  each.item_processor(sfn::chain(run, settle));
  sfn::Wait later{"Try later", {.time = sfn::WaitTime::seconds(60)}};
  sfn::SnsPublish notify{"Notify done", {.topic = alerts, .message = "done"}};
  sfn::SnsPublish alarm{"Raise alarm", {.topic = alerts, .message_path = "$.error.Cause"}};
  sfn::Fail failed{"Failed", {.error = "BatchFailed", .cause = "see the alarm"}};
  sfn::Succeed done{"Done"};
  route.when(sfn::Condition::string_equals("$.kind", "fan"), fan)
      .when(sfn::Condition::and_({sfn::Condition::numeric_greater_than("$.count", 10),
                                  sfn::Condition::not_(sfn::Condition::is_present("$.skip"))}),
            each)
      .otherwise(later);
  fan.catch_all(alarm);
  each.catch_all(alarm);
  each.add_retry({.errors = {"States.TaskFailed"}, .max_attempts = 2});
  sfn::chain(fan, notify, done);
  each.next(notify);
  later.next(route);
  alarm.next(failed);
  svc.add(sfn::StateMachine{"Pipeline", sfn::chain(route)});

  return hoplite::run(svc, argc, argv);
}
