#pragma once
/// \file The local cloud's CloudWatch Logs: log groups (retention, tags), streams, events written
/// with AWS's batch rules and read back by stream (forward and backward tokens) or across a group
/// (time ranges, stream names or prefix, text filter patterns), per account and region. Typed
/// operations first — what ECS tasks (their output), the CloudFormation engine's `AWS::Logs::*`
/// providers and Step Functions call — and a thin JSON 1.1 handler over them (logs_service.cpp).
///
/// What is emulated and what not: docs/local.md ("CloudWatch Logs").

#include "hoplite/aws/logs.hpp"
#include "local/protocol/json.hpp"
#include "local/service.hpp"

namespace hoplite::local::logs {

/// Most events one GetLogEvents/FilterLogEvents page returns, and its byte budget (message bytes
/// plus 26 per event, as AWS counts).
inline constexpr int kMaxEventsPerPage = 10000;
inline constexpr std::size_t kMaxPageBytes = 1 << 20;

class LogsService final : public Service {
 public:
  explicit LogsService(ServiceContext& house);

  [[nodiscard]] const ServiceSpec& spec() const override { return spec_; }
  http::Response handle(Call& call) override { return api_.handle(call); }
  nlohmann::json inspect() override;

  // ---- operations (errors: AWS codes and messages, see logs_names.hpp) ----
  core::Result<void> create_log_group(const CallContext& ctx, const aws::logs::CreateLogGroupRequest& request);
  core::Result<void> delete_log_group(const CallContext& ctx, const aws::logs::DeleteLogGroupRequest& request);
  core::Result<aws::logs::DescribeLogGroupsResponse> describe_log_groups(
      const CallContext& ctx, const aws::logs::DescribeLogGroupsRequest& request);
  core::Result<void> put_retention_policy(const CallContext& ctx, const aws::logs::PutRetentionPolicyRequest& request);
  core::Result<void> delete_retention_policy(const CallContext& ctx,
                                             const aws::logs::DeleteRetentionPolicyRequest& request);
  core::Result<void> create_log_stream(const CallContext& ctx, const aws::logs::CreateLogStreamRequest& request);
  core::Result<void> delete_log_stream(const CallContext& ctx, const aws::logs::DeleteLogStreamRequest& request);
  core::Result<aws::logs::DescribeLogStreamsResponse> describe_log_streams(
      const CallContext& ctx, const aws::logs::DescribeLogStreamsRequest& request);
  core::Result<aws::logs::PutLogEventsResponse> put_log_events(const CallContext& ctx,
                                                               const aws::logs::PutLogEventsRequest& request);
  core::Result<aws::logs::GetLogEventsResponse> get_log_events(const CallContext& ctx,
                                                               const aws::logs::GetLogEventsRequest& request);
  core::Result<aws::logs::FilterLogEventsResponse> filter_log_events(const CallContext& ctx,
                                                                     const aws::logs::FilterLogEventsRequest& request);
  /// TagLogGroup/UntagLogGroup/ListTagsLogGroup and TagResource/UntagResource/ListTagsForResource
  /// reach these: a log group by name.
  core::Result<void> tag_log_group(const CallContext& ctx, const std::string& group,
                                   const std::map<std::string, std::string>& tags);
  core::Result<void> untag_log_group(const CallContext& ctx, const std::string& group,
                                     const std::vector<std::string>& keys);
  core::Result<aws::logs::ListTagsResponse> list_tags_log_group(const CallContext& ctx, const std::string& group);

 private:
  void add_routes();

  ServiceSpec spec_;
  JsonApi api_;
  ServiceContext& house_;
};

}  // namespace hoplite::local::logs
