#include "sfn/run/task_inbox.hpp"

namespace hoplite::sfn {

using asl::TaskReport;

TaskHandle::TaskHandle(std::shared_ptr<asl::TaskInbox> inbox, std::string execution_arn, std::string task_id)
    : inbox_(std::move(inbox)), execution_arn_(std::move(execution_arn)), task_id_(std::move(task_id)) {}

void TaskHandle::submitted(std::string output_json) const {
  if (inbox_) inbox_->post({TaskReport::Kind::kSubmitted, execution_arn_, task_id_, std::move(output_json), {}, {}});
}

void TaskHandle::succeeded(std::string output_json) const {
  if (inbox_) inbox_->post({TaskReport::Kind::kSucceeded, execution_arn_, task_id_, std::move(output_json), {}, {}});
}

void TaskHandle::failed(std::string error, std::string cause) const {
  if (inbox_)
    inbox_->post({TaskReport::Kind::kFailed, execution_arn_, task_id_, {}, std::move(error), std::move(cause)});
}

void TaskHandle::heartbeat() const {
  if (inbox_) inbox_->post({TaskReport::Kind::kHeartbeat, execution_arn_, task_id_, {}, {}, {}});
}

}  // namespace hoplite::sfn
