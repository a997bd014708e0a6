// Fuzz-style checks of the data-plane services' request parsers, deterministic so they run in
// every build: each operation's sample request is mangled (bytes, structure, value types) and sent
// signed, so the service's own decoders and checks — not the signature check — must cope. Every
// answer must be a 2xx or a 4xx that an AWS client can read, never a 5xx or a crash. The libFuzzer
// target tests/fuzz/local_signed_request_fuzz.cpp explores further from the same samples.
#include <random>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "hoplite/aws/protocol_json.hpp"
#include "local_fixture.hpp"

namespace hoplite::local {
namespace {

using testing::LocalCloudTest;

/// One operation's well-formed request, as the AWS CLI sends it.
struct Sample {
  std::string service;  ///< signing name
  std::string target;   ///< JSON protocols: the X-Amz-Target; query protocols: empty
  std::string body;
};

const std::vector<Sample>& samples() {
  static const std::vector<Sample> kSamples = {
      {"ssm", "AmazonSSM.PutParameter",
       R"({"Name":"/app/x","Value":"v","Type":"String","Overwrite":true,"Tags":[],"Tier":"Standard"})"},
      {"ssm", "AmazonSSM.PutParameter",
       R"({"Name":"/app/y","Value":"v","Type":"SecureString","KeyId":"alias/k","Tags":[{"Key":"a","Value":"b"}]})"},
      {"ssm", "AmazonSSM.GetParameter", R"({"Name":"/app/x:1","WithDecryption":true})"},
      {"ssm", "AmazonSSM.GetParameters", R"({"Names":["/app/x","/app/y"],"WithDecryption":false})"},
      {"ssm", "AmazonSSM.DeleteParameters", R"({"Names":["/app/z"]})"},
      {"ssm", "AmazonSSM.DescribeParameters",
       R"({"ParameterFilters":[{"Key":"Path","Option":"Recursive","Values":["/app"]},{"Key":"tag:a","Values":["b"]}],"MaxResults":5})"},
      {"ssm", "AmazonSSM.DescribeParameters", R"({"Filters":[{"Key":"Name","Values":["/a"]}]})"},
      {"ssm", "AmazonSSM.GetParametersByPath",
       R"({"Path":"/app","Recursive":true,"ParameterFilters":[{"Key":"Type","Values":["String"]}],"MaxResults":2,"NextToken":"c3NtLkdldFBhcmFtZXRlcnNCeVBhdGgKL2FwcC94"})"},
      {"ssm", "AmazonSSM.GetParameterHistory", R"({"Name":"/app/x","MaxResults":1})"},
      {"ssm", "AmazonSSM.AddTagsToResource",
       R"({"ResourceType":"Parameter","ResourceId":"/app/x","Tags":[{"Key":"k","Value":"v"}]})"},
      {"ssm", "AmazonSSM.ListTagsForResource", R"({"ResourceType":"Parameter","ResourceId":"/app/x"})"},
      {"logs", "Logs_20140328.CreateLogGroup", R"({"logGroupName":"/app/web","tags":{"team":"blue"}})"},
      {"logs", "Logs_20140328.CreateLogStream", R"({"logGroupName":"/app/web","logStreamName":"task/1"})"},
      {"logs", "Logs_20140328.PutRetentionPolicy", R"({"logGroupName":"/app/web","retentionInDays":7})"},
      {"logs", "Logs_20140328.DescribeLogGroups", R"({"logGroupNamePrefix":"/app","limit":5})"},
      {"logs", "Logs_20140328.DescribeLogStreams",
       R"({"logGroupName":"/app/web","orderBy":"LastEventTime","descending":true,"limit":2})"},
      {"logs", "Logs_20140328.PutLogEvents",
       R"({"logGroupName":"/app/web","logStreamName":"task/1","logEvents":[{"timestamp":1795669700000,"message":"a"},{"timestamp":1795669700001,"message":"ERROR b"}]})"},
      {"logs", "Logs_20140328.GetLogEvents",
       R"({"logGroupName":"/app/web","logStreamName":"task/1","startFromHead":true,"limit":1,"nextToken":"f/09223372036854775808000000000000000009223372036854775808/s"})"},
      {"logs", "Logs_20140328.FilterLogEvents",
       R"({"logGroupName":"/app/web","logStreamNames":["task/1"],"filterPattern":"?ERROR -x \"a b\"","startTime":1,"endTime":1795669800000,"limit":3})"},
      {"logs", "Logs_20140328.TagResource",
       R"({"resourceArn":"arn:aws:logs:us-east-1:000000000000:log-group:/app/web:*","tags":{"k":"v"}})"},
      {"logs", "Logs_20140328.UntagLogGroup", R"({"logGroupName":"/app/web","tags":["k"]})"},
      {"sqs", "",
       "Action=CreateQueue&Version=2012-11-05&QueueName=jobs&Attribute.1.Name=VisibilityTimeout&Attribute.1.Value=40&"
       "Tag.1.Key=team&Tag.1.Value=blue"},
      {"sqs", "",
       "Action=SendMessage&Version=2012-11-05&QueueUrl=http%3A%2F%2F127.0.0.1%3A4566%2F000000000000%2Fjobs&MessageBody="
       "hello&DelaySeconds=0&MessageAttribute.1.Name=stage&MessageAttribute.1.Value.StringValue=prod&MessageAttribute."
       "1.Value.DataType=String"},
      {"sqs", "",
       "Action=SendMessageBatch&Version=2012-11-05&QueueUrl=http%3A%2F%2F127.0.0.1%3A4566%2F000000000000%2Fjobs&"
       "SendMessageBatchRequestEntry.1.Id=a&SendMessageBatchRequestEntry.1.MessageBody=one&"
       "SendMessageBatchRequestEntry.2.Id=b&SendMessageBatchRequestEntry.2.MessageBody=two&"
       "SendMessageBatchRequestEntry.2.DelaySeconds=3"},
      {"sqs", "",
       "Action=ReceiveMessage&Version=2012-11-05&QueueUrl=http%3A%2F%2F127.0.0.1%3A4566%2F000000000000%2Fjobs&"
       "AttributeName.1=All&MessageAttributeName.1=All&MaxNumberOfMessages=10&VisibilityTimeout=5"},
      {"sqs", "",
       "Action=DeleteMessageBatch&Version=2012-11-05&QueueUrl=http%3A%2F%2F127.0.0.1%3A4566%2F000000000000%2Fjobs&"
       "DeleteMessageBatchRequestEntry.1.Id=a&DeleteMessageBatchRequestEntry.1.ReceiptHandle=MTozOmFiY2RlZg%3D%3D"},
      {"sqs", "",
       "Action=GetQueueAttributes&Version=2012-11-05&QueueUrl=http%3A%2F%2F127.0.0.1%3A4566%2F000000000000%2Fjobs&"
       "AttributeName.1=All"},
      {"sqs", "",
       "Action=ChangeMessageVisibility&Version=2012-11-05&QueueUrl=http%3A%2F%2F127.0.0.1%3A4566%2F000000000000%2Fjobs&"
       "ReceiptHandle=MTozOmFiY2RlZg%3D%3D&VisibilityTimeout=10"},
      {"sns", "",
       "Action=CreateTopic&Version=2010-03-31&Name=events&Attributes.entry.1.key=DisplayName&Attributes.entry.1.value="
       "Events&Tags.member.1.Key=team&Tags.member.1.Value=blue"},
      {"sns", "",
       "Action=Subscribe&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A000000000000%3Aevents&Protocol=sqs&"
       "Endpoint=arn%3Aaws%3Asqs%3Aus-east-1%3A000000000000%3Ajobs&Attributes.entry.1.key=RawMessageDelivery&"
       "Attributes.entry.1.value=true"},
      {"sns", "",
       "Action=Publish&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A000000000000%3Aevents&Message=hello&"
       "Subject=hi&MessageAttributes.entry.1.Name=stage&MessageAttributes.entry.1.Value.DataType=String&"
       "MessageAttributes.entry.1.Value.StringValue=prod"},
      {"sns", "",
       "Action=Publish&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A000000000000%3Aevents&"
       "MessageStructure=json&Message=%7B%22default%22%3A%22d%22%2C%22sqs%22%3A%22s%22%7D"},
      {"sns", "",
       "Action=ListSubscriptionsByTopic&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A000000000000%"
       "3Aevents"},
      {"sns", "",
       "Action=GetTopicAttributes&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A000000000000%3Aevents"},
      {"ec2", "",
       "Action=CreateVpc&Version=2016-11-15&CidrBlock=10.0.0.0%2F16&TagSpecification.1.ResourceType=vpc&"
       "TagSpecification.1.Tag.1.Key=Name&TagSpecification.1.Tag.1.Value=app"},
      {"ec2", "",
       "Action=DescribeVpcs&Version=2016-11-15&Filter.1.Name=tag%3AName&Filter.1.Value.1=a*&Filter.2.Name=cidr&Filter."
       "2.Value.1=10.0.0.0%2F16&MaxResults=5"},
      {"ec2", "",
       "Action=CreateSubnet&Version=2016-11-15&VpcId=vpc-0123456789abcdef0&CidrBlock=10.0.1.0%2F24&AvailabilityZone=us-"
       "east-1a"},
      {"ec2", "",
       "Action=DescribeAvailabilityZones&Version=2016-11-15&ZoneName.1=us-east-1a&Filter.1.Name=state&Filter.1.Value.1="
       "available"},
      {"ec2", "",
       "Action=AuthorizeSecurityGroupIngress&Version=2016-11-15&GroupId=sg-0123456789abcdef0&IpPermissions.1."
       "IpProtocol=tcp&IpPermissions.1.FromPort=443&IpPermissions.1.ToPort=443&IpPermissions.1.IpRanges.1.CidrIp=0.0.0."
       "0%2F0&IpPermissions.1.Groups.1.GroupId=sg-1"},
      {"ec2", "",
       "Action=CreateRoute&Version=2016-11-15&RouteTableId=rtb-0123456789abcdef0&DestinationCidrBlock=0.0.0.0%2F0&"
       "GatewayId=igw-0123456789abcdef0"},
      {"ec2", "",
       "Action=ModifyVpcAttribute&Version=2016-11-15&VpcId=vpc-0123456789abcdef0&EnableDnsHostnames.Value=true"},
      {"ec2", "",
       "Action=CreateTags&Version=2016-11-15&ResourceId.1=vpc-0123456789abcdef0&Tag.1.Key=team&Tag.1.Value=blue"},
      {"iam", "",
       "Action=CreateRole&Version=2010-05-08&RoleName=machine&Path=%2Fsvc%2F&AssumeRolePolicyDocument=%7B%22Statement%"
       "22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22states.amazonaws.com%22%7D%2C%"
       "22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D&MaxSessionDuration=3600&Tags.member.1.Key=team&Tags.member.1."
       "Value=blue"},
      {"iam", "",
       "Action=PutRolePolicy&Version=2010-05-08&RoleName=machine&PolicyName=send&PolicyDocument=%7B%22Statement%22%3A%"
       "7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%5B%22sqs%3ASend*%22%5D%2C%22Resource%22%3A%22*%22%2C%"
       "22Condition%22%3A%7B%22StringLike%22%3A%7B%22aws%3ASourceArn%22%3A%22arn%3A*%22%7D%7D%7D%7D"},
      {"iam", "",
       "Action=CreatePolicy&Version=2010-05-08&PolicyName=read&PolicyDocument=%7B%22Version%22%3A%222012-10-17%22%2C%"
       "22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22NotAction%22%3A%22iam%3A*%22%2C%22NotResource%22%3A%22*%"
       "22%7D%5D%7D"},
      {"iam", "",
       "Action=AttachRolePolicy&Version=2010-05-08&RoleName=machine&PolicyArn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%"
       "2FAdministratorAccess"},
      {"iam", "", "Action=ListRoles&Version=2010-05-08&PathPrefix=%2F&MaxItems=1"},
      {"iam", "", "Action=GetRolePolicy&Version=2010-05-08&RoleName=machine&PolicyName=send"},
  };
  return kSamples;
}

class ServiceHostileTest : public LocalCloudTest {
 protected:
  http::Request signed_request(const Sample& s, const std::string& body) {
    if (s.target.empty()) return query_request(s.service, body);
    http::Request req{"POST", "http://127.0.0.1:4566/", {}, body, {}};
    req.headers.set("Content-Type", "application/x-amz-json-1.1");
    req.headers.set("X-Amz-Target", s.target);
    EXPECT_TRUE(aws::sign_request(req, testing::test_credentials(),
                                  {.service = s.service, .region = "us-east-1", .time = clock.now()})
                    .ok());
    return req;
  }

  /// Sends and checks the answer is a 2xx or an AWS-readable 4xx.
  void expect_aws_answer(const Sample& s, const std::string& body) {
    auto r = send(signed_request(s, body));
    const std::string what = s.target + " " + body.substr(0, 300);
    ASSERT_GE(r.status, 200) << what;
    ASSERT_LT(r.status, 500) << what << "\n" << r.body;
    if (r.status < 400) return;
    bool json = r.headers.get("Content-Type").value_or("").find("json") != std::string::npos;
    aws::ServiceError e = json ? aws::parse_json_error(r) : aws::parse_query_error(r);
    EXPECT_FALSE(e.code.empty()) << what;
    // A code that happens to be the status's generic one (SNS's 404 NotFound) must be in the body.
    EXPECT_TRUE(e.code != aws::code_for_status(r.status) || r.body.find(">" + e.code + "<") != std::string::npos)
        << what << ": the body carries no AWS error\n"
        << r.body;
  }

  std::string mangle_bytes(std::string body) {
    int edits = 1 + static_cast<int>(rng() % 6);
    for (int e = 0; e < edits; ++e) {
      std::size_t at = rng() % (body.size() + 1);
      switch (rng() % 5) {
        case 0:
          body.insert(at, 1, static_cast<char>(rng() % 256));
          break;
        case 1:
          if (at < body.size()) body.erase(at, 1 + rng() % 4);
          break;
        case 2:
          body.insert(at, "%");
          break;
        case 3:
          body.insert(at, "&");
          break;
        default:
          if (at < body.size()) body[at] = "{}[]\",:0-"[rng() % 9];
      }
    }
    return body;
  }

  /// Replaces one value of a JSON body with a value of another type (or a huge or odd one).
  std::string swap_json_value(const std::string& body) {
    auto doc = nlohmann::json::parse(body);
    std::vector<nlohmann::json*> slots;
    std::vector<nlohmann::json*> todo{&doc};
    while (!todo.empty()) {
      nlohmann::json* j = todo.back();
      todo.pop_back();
      slots.push_back(j);
      if (j->is_structured())
        for (auto& child : *j) todo.push_back(&child);
    }
    static const std::vector<nlohmann::json> kOdd = {nullptr,
                                                     0,
                                                     -1,
                                                     1e300,
                                                     3.5,
                                                     true,
                                                     "",
                                                     std::string(5000, 'x'),
                                                     "\u00e9\u0000",
                                                     nlohmann::json::array(),
                                                     nlohmann::json::object(),
                                                     nlohmann::json::array({1, "a", nullptr}),
                                                     9223372036854775807LL};
    *slots[1 + rng() % (slots.size() - 1)] = kOdd[rng() % kOdd.size()];
    return doc.dump();
  }

  std::mt19937 rng{20261201};
};

TEST_F(ServiceHostileTest, SamplesAreAnsweredWell) {
  for (const auto& s : samples()) expect_aws_answer(s, s.body);
}

TEST_F(ServiceHostileTest, MangledBytes) {
  for (const auto& s : samples())
    for (int i = 0; i < 60; ++i) expect_aws_answer(s, mangle_bytes(s.body));
}

TEST_F(ServiceHostileTest, ValuesOfTheWrongType) {
  for (const auto& s : samples()) {
    if (s.target.empty()) continue;
    for (int i = 0; i < 60; ++i) expect_aws_answer(s, swap_json_value(s.body));
  }
}

}  // namespace
}  // namespace hoplite::local
