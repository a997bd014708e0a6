#include "local/task_logs_to_cloudwatch.hpp"

#include <chrono>
#include <utility>

#include "hoplite/core/log.hpp"
#include "local/logs/logs_service.hpp"

namespace hoplite::local {
namespace {

class CloudWatchSink final : public ecs::TaskLogSink {
 public:
  CloudWatchSink(logs::LogsService& logs, core::Clock& clock) : logs_(logs), clock_(clock) {}

  void put(const ecs::LogDestination& to, bool create_group, std::vector<ecs::LogLine> lines) override {
    CallContext ctx;
    ctx.request_id = "ecs-awslogs";
    ctx.region = to.region;
    ctx.principal.account_id = to.account;
    ctx.principal.arn = "arn:aws:iam::" + to.account + ":root";
    ctx.principal.user_id = to.account;
    ctx.now = clock_.now();
    if (create_group) {
      auto made = logs_.create_log_group(ctx, {.log_group_name = to.group, .kms_key_id = {}, .tags = {}});
      if (!made && made.error().code != "ResourceAlreadyExistsException") return report(to, made.error());
    }
    auto stream = logs_.create_log_stream(ctx, {.log_group_name = to.group, .log_stream_name = to.stream});
    if (!stream && stream.error().code != "ResourceAlreadyExistsException") return report(to, stream.error());

    // PutLogEvents takes at most 10,000 events per call; awslogs sends smaller batches anyway.
    constexpr std::size_t kBatch = 10000;
    for (std::size_t at = 0; at < lines.size(); at += kBatch) {
      aws::logs::PutLogEventsRequest request{.log_group_name = to.group, .log_stream_name = to.stream};
      for (std::size_t i = at; i < lines.size() && i < at + kBatch; ++i) {
        auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(lines[i].time.time_since_epoch()).count();
        request.log_events.push_back({.timestamp_ms = ms, .message = std::move(lines[i].message)});
      }
      auto put = logs_.put_log_events(ctx, request);
      if (!put) return report(to, put.error());
    }
  }

 private:
  static void report(const ecs::LogDestination& to, const core::Error& error) {
    core::log::warn("ecs: awslogs: dropped output for {}/{}: {}", to.group, to.stream, error.to_string());
  }

  logs::LogsService& logs_;
  core::Clock& clock_;
};

}  // namespace

std::shared_ptr<ecs::TaskLogSink> task_logs_to_cloudwatch(logs::LogsService& logs, core::Clock& clock) {
  return std::make_shared<CloudWatchSink>(logs, clock);
}

}  // namespace hoplite::local
