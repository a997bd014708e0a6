#include "fake_stack.hpp"

#include <cctype>

#include "hoplite/cfn/dependency_graph.hpp"
#include "json_match.hpp"

namespace hoplite::recorded {

namespace {

using cfn::TemplateValue;

std::string text_property(const TemplateValue& props, const char* name) {
  auto it = props.find(name);
  return it != props.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

cfn::StackContext recorded_context() {
  cfn::StackContext c;
  c.account_id = "111111111111";
  c.region = "us-east-1";
  c.partition = "aws";
  // The tests normalised AWS::URLSuffix under differing names ("url_suffix", "<domain>"): a
  // placeholder lets it match whichever the recording shows.
  c.url_suffix = "<url-suffix>";
  c.stack_name = "stack-under-test";
  c.stack_id =
      "arn:aws:cloudformation:us-east-1:111111111111:stack/stack-under-test/00000000-0000-0000-0000-000000000001";
  return c;
}

core::Result<void> FakeStack::deploy(const cfn::TemplateDocument& doc,
                                     const std::vector<cfn::ParameterValue>& parameters) {
  cfn::Evaluator eval(doc, context_, parameters, *this);
  if (auto c = eval.evaluate_conditions(); !c) return c;
  auto graph = cfn::build_dependency_graph(doc, &eval);
  if (!graph) return graph.failure();
  for (const auto& wave : graph->creation_waves()) {
    for (const std::string& id : wave) {
      const cfn::TemplateResource& r = *doc.find_resource(id);
      auto props = eval.properties(r);
      if (!props) return props.failure();
      // AWS's generated names end in a random part (<stack>-<logical id>-<random>); ours is a
      // placeholder, which the matcher lets stand for whatever AWS generated.
      std::string generated = context_.stack_name + "-" + id + "-<generated>";
      std::string name;
      if (r.type == "AWS::SNS::Topic") name = text_property(*props, "TopicName");
      if (r.type == "AWS::SSM::Parameter") {
        name = text_property(*props, "Name");
        generated = "CFN-" + id + "-<generated>";
      }
      if (r.type == "AWS::SQS::Queue") name = text_property(*props, "QueueName");
      if (r.type == "AWS::S3::Bucket") {
        name = text_property(*props, "BucketName");
        generated = lower(generated);
      }
      resources_[id] = Deployed{r.type, name.empty() ? generated : name, *props};
    }
  }
  return core::ok();
}

core::Result<TemplateValue> FakeStack::resource_ref(const cfn::TemplateResource& r) {
  auto it = resources_.find(r.logical_id);
  if (it == resources_.end()) return core::fail(cfn::validation_error("resource " + r.logical_id + " is not deployed"));
  const Deployed& d = it->second;
  if (d.type == "AWS::SNS::Topic") {
    return TemplateValue("arn:" + context_.partition + ":sns:" + context_.region + ":" + context_.account_id + ":" +
                         d.name);
  }
  if (d.type == "AWS::SQS::Queue") {
    return TemplateValue("https://sqs." + context_.region + "." + context_.url_suffix + "/" + context_.account_id +
                         "/" + d.name);
  }
  return TemplateValue(d.name);
}

core::Result<TemplateValue> FakeStack::resource_attribute(const cfn::TemplateResource& r,
                                                          const std::string& attribute) {
  auto it = resources_.find(r.logical_id);
  if (it == resources_.end()) return core::fail(cfn::validation_error("resource " + r.logical_id + " is not deployed"));
  const Deployed& d = it->second;
  if (d.type == "AWS::SNS::Topic" && attribute == "TopicArn") return resource_ref(r);
  if (d.type == "AWS::SNS::Topic" && attribute == "TopicName") return TemplateValue(d.name);
  if (d.type == "AWS::SQS::Queue" && attribute == "QueueName") return TemplateValue(d.name);
  if (d.type == "AWS::SQS::Queue" && attribute == "Arn") {
    return TemplateValue("arn:" + context_.partition + ":sqs:" + context_.region + ":" + context_.account_id + ":" +
                         d.name);
  }
  if (d.type == "AWS::S3::Bucket" && attribute == "Arn")
    return TemplateValue("arn:" + context_.partition + ":s3:::" + d.name);
  if (d.type == "AWS::ECR::Repository" && attribute == "Arn") {
    return TemplateValue("arn:" + context_.partition + ":ecr:" + context_.region + ":" + context_.account_id +
                         ":repository/" + d.name);
  }
  if (auto p = d.properties.find(attribute); p != d.properties.end()) return *p;
  return TemplateValue(r.logical_id + "." + attribute);
}

core::Result<std::string> FakeStack::import_value(const std::string& name) {
  return core::fail(cfn::validation_error("No export named " + name + " found."));
}

std::vector<std::string> FakeStack::availability_zones(const std::string& region) {
  return {region + "a", region + "b", region + "c"};
}

// The recorded tests create the SSM parameters they read under run-time names, which the recordings
// show as placeholders; a literal name is one nobody created.
core::Result<std::string> FakeStack::ssm_parameter(const std::string& name) {
  if (!has_placeholder(name)) return core::fail(cfn::validation_error("ParameterNotFound: " + name));
  return "ssm-value-of-" + name;
}

core::Result<TemplateValue> PreviewResolver::resource_ref(const cfn::TemplateResource&) {
  return TemplateValue(std::string(cfn::kKnownAfterApply));
}
core::Result<TemplateValue> PreviewResolver::resource_attribute(const cfn::TemplateResource&, const std::string&) {
  return TemplateValue(std::string(cfn::kKnownAfterApply));
}
core::Result<std::string> PreviewResolver::import_value(const std::string&) {
  return std::string(cfn::kKnownAfterApply);
}
std::vector<std::string> PreviewResolver::availability_zones(const std::string& region) {
  return {region + "a", region + "b", region + "c"};
}
core::Result<std::string> PreviewResolver::ssm_parameter(const std::string& name) {
  if (!has_placeholder(name)) return core::fail(cfn::validation_error("ParameterNotFound: " + name));
  return "ssm-value-of-" + name;
}

}  // namespace hoplite::recorded
