#include "local/cloudformation/cfn_service.hpp"

#include "hoplite/cfn/template_reader.hpp"
#include "local/cloudformation/cfn_state.hpp"
#include "local/cloudformation/s3_url.hpp"
#include "local/iam/iam_service.hpp"
#include "local/protocol/routes.hpp"
#include "local/s3/s3_service.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::cloudformation {

namespace wire = aws::cloudformation::wire;

CloudFormationService::CloudFormationService(ServiceContext& house,
                                             const std::vector<std::unique_ptr<Service>>& services,
                                             EngineOptions options)
    : spec_{.signing_name = "cloudformation",
            .protocol = Protocol::query,
            .api_version = "2010-05-15",
            .xml_namespace = std::string(wire::kXmlNamespace)},
      api_(spec_),
      house_(house),
      providers_(make_providers(services)) {
  for (const auto& s : services) {
    if (auto* iam = dynamic_cast<iam::IamService*>(s.get())) iam_ = iam;
    if (auto* s3 = dynamic_cast<s3::S3Service*>(s.get())) s3_ = s3;
  }
  if (auto ok = house_.db.migrate("cloudformation", migrations()); !ok)
    throw std::runtime_error("cloudformation: " + ok.error().message);
  engine_ = std::make_unique<Engine>(house_, providers_, options);
  add_routes();
  engine_->resume_interrupted();
}

CloudFormationService::~CloudFormationService() { engine_->stop(); }

void CloudFormationService::add_routes() {
  auto id = [](const wire::StackIdResponse& r, aws::XmlWriter& out) { wire::encode_response(r, out); };
  auto plain = [](const auto& r, aws::XmlWriter& out) { wire::encode_response(r, out); };
  // CreateStack with its StackPolicyBody (or URL): the policy is checked before the stack is made.
  struct CreateWithPolicy {
    cf::CreateStackRequest request;
    std::optional<std::string> policy, policy_url;
  };
  auto decode_create = [](const aws::QueryParams& p) -> core::Result<CreateWithPolicy> {
    auto r = wire::decode_create_stack_request(p);
    if (!r) return r.failure();
    aws::QueryReader in(p);
    return CreateWithPolicy{
        .request = std::move(*r), .policy = in.string("StackPolicyBody"), .policy_url = in.string("StackPolicyURL")};
  };
  api_.add("CreateStack", query_route(
                              decode_create,
                              [this](auto& ctx, const CreateWithPolicy& r) -> core::Result<wire::StackIdResponse> {
                                std::optional<std::string> policy = r.policy;
                                if (!policy && r.policy_url) {
                                  auto read = policy_text(ctx, *r.policy_url);
                                  if (!read) return read.failure();
                                  policy = std::move(*read);
                                }
                                if (!policy) return create_stack(ctx, r.request);
                                if (auto ok = check_stack_policy(*policy); !ok) return ok.failure();
                                auto made = create_stack(ctx, r.request);
                                if (!made) return made;
                                if (auto ok = set_stack_policy(ctx, made->stack_id, *policy); !ok) return ok.failure();
                                return made;
                              },
                              id));
  struct PolicyRequest {
    std::string stack_name;
    std::optional<std::string> body, url;
  };
  auto decode_policy = [](const aws::QueryParams& p) -> core::Result<PolicyRequest> {
    aws::QueryReader in(p);
    return PolicyRequest{.stack_name = in.string("StackName").value_or(""),
                         .body = in.string("StackPolicyBody"),
                         .url = in.string("StackPolicyURL")};
  };
  api_.add("SetStackPolicy", query_route(
                                 decode_policy,
                                 [this](auto& ctx, const PolicyRequest& r) -> core::Result<void> {
                                   if (r.url && !r.body) {
                                     auto body = policy_text(ctx, *r.url);
                                     if (!body) return body.failure();
                                     return set_stack_policy(ctx, r.stack_name, *body);
                                   }
                                   return set_stack_policy(ctx, r.stack_name, r.body.value_or(""));
                                 },
                                 NoXmlOutput{}));
  api_.add("GetStackPolicy",
           query_route(
               decode_policy, [this](auto& ctx, const PolicyRequest& r) { return get_stack_policy(ctx, r.stack_name); },
               [](const std::optional<std::string>& body, aws::XmlWriter& out) {
                 out.optional_element("StackPolicyBody", body);
               }));
  api_.add("UpdateStack",
           query_route(
               wire::decode_update_stack_request, [this](auto& ctx, auto& r) { return update_stack(ctx, r); }, id));
  api_.add("DeleteStack", query_route(
                              wire::decode_delete_stack_request,
                              [this](auto& ctx, auto& r) { return delete_stack(ctx, r); }, NoXmlOutput{}));
  api_.add("CancelUpdateStack", query_route(
                                    wire::decode_cancel_update_stack_request,
                                    [this](auto& ctx, auto& r) { return cancel_update_stack(ctx, r); }, NoXmlOutput{}));
  api_.add("ContinueUpdateRollback",
           query_route(
               wire::decode_continue_update_rollback_request,
               [this](auto& ctx, auto& r) { return continue_update_rollback(ctx, r); }, NoXmlOutput{}));
  api_.add("DescribeStacks", query_route(
                                 wire::decode_describe_stacks_request,
                                 [this](auto& ctx, auto& r) { return describe_stacks(ctx, r); }, plain));
  api_.add("DescribeStackEvents", query_route(
                                      wire::decode_describe_stack_events_request,
                                      [this](auto& ctx, auto& r) { return describe_stack_events(ctx, r); }, plain));
  api_.add("DescribeStackResource",
           query_route(
               wire::decode_describe_stack_resource_request,
               [this](auto& ctx, auto& r) { return describe_stack_resource(ctx, r); },
               [](const cf::StackResource& r, aws::XmlWriter& out) { wire::encode_stack_resource_detail(r, out); }));
  api_.add("DescribeStackResources", query_route(
                                         wire::decode_describe_stack_resources_request,
                                         [this](auto& ctx, auto& r) { return describe_stack_resources(ctx, r); },
                                         [](const std::vector<cf::StackResource>& r, aws::XmlWriter& out) {
                                           wire::encode_stack_resources(r, out);
                                         }));
  api_.add("ListStackResources", query_route(
                                     wire::decode_list_stack_resources_request,
                                     [this](auto& ctx, auto& r) { return list_stack_resources(ctx, r); }, plain));
  api_.add("ListStacks",
           query_route(
               wire::decode_list_stacks_request, [this](auto& ctx, auto& r) { return list_stacks(ctx, r); }, plain));
  api_.add("GetTemplate",
           query_route(
               wire::decode_get_template_request, [this](auto& ctx, auto& r) { return get_template(ctx, r); }, plain));
  api_.add("GetTemplateSummary", query_route(
                                     wire::decode_get_template_summary_request,
                                     [this](auto& ctx, auto& r) { return get_template_summary(ctx, r); }, plain));
  api_.add("ValidateTemplate", query_route(
                                   wire::decode_validate_template_request,
                                   [this](auto& ctx, auto& r) { return validate_template(ctx, r); }, plain));
  api_.add("ListExports",
           query_route(
               wire::decode_list_exports_request, [this](auto& ctx, auto& r) { return list_exports(ctx, r); }, plain));
  api_.add("CreateChangeSet", query_route(
                                  wire::decode_create_change_set_request,
                                  [this](auto& ctx, auto& r) { return create_change_set(ctx, r); }, plain));
  api_.add("DescribeChangeSet", query_route(
                                    wire::decode_describe_change_set_request,
                                    [this](auto& ctx, auto& r) { return describe_change_set(ctx, r); }, plain));
  api_.add("ExecuteChangeSet", query_route(
                                   wire::decode_execute_change_set_request,
                                   [this](auto& ctx, auto& r) { return execute_change_set(ctx, r); }, NoXmlOutput{}));
  api_.add("DeleteChangeSet", query_route(
                                  wire::decode_delete_change_set_request,
                                  [this](auto& ctx, auto& r) { return delete_change_set(ctx, r); }, NoXmlOutput{}));
  api_.add("ListChangeSets", query_route(
                                 wire::decode_list_change_sets_request,
                                 [this](auto& ctx, auto& r) { return list_change_sets(ctx, r); }, plain));
}

nlohmann::json CloudFormationService::inspect() {
  auto doc = inspect_stacks(house_.db);
  return doc ? *doc : nlohmann::json::object();
}

core::Result<std::string> CloudFormationService::template_text(const CallContext& ctx,
                                                               const cf::TemplateSource& source) {
  if (source.template_body && source.template_url)
    return aws_error("ValidationError", "Specify exactly one of TemplateBody or TemplateUrl.");
  if (source.template_body) {
    if (source.template_body->size() > cfn::TemplateLimits{}.max_body_bytes)
      return aws_error("ValidationError",
                       "1 validation error detected: Value '" + source.template_body->substr(0, 64) +
                           "...' at 'templateBody' failed to satisfy constraint: Member must have length less than "
                           "or equal to 51200");
    return *source.template_body;
  }
  if (source.template_url) {
    if (s3_ == nullptr) return aws_error("ValidationError", "TemplateURL must be a supported URL.");
    return read_s3_url(*s3_, ctx, *source.template_url, "TemplateURL", cfn::kMaxTemplateUrlBytes);
  }
  return aws_error("ValidationError", "Either Template URL or Template Body must be specified.");
}

core::Result<std::string> CloudFormationService::policy_text(const CallContext& ctx, const std::string& url) {
  if (s3_ == nullptr) return aws_error("ValidationError", "StackPolicyURL must be a supported URL.");
  // AWS's stack policy quota: 16 KB from a URL as inline.
  return read_s3_url(*s3_, ctx, url, "StackPolicyURL", 16'384);
}

}  // namespace hoplite::local::cloudformation
