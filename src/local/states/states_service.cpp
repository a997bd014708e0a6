// Step Functions' handler table: each operation decoded and encoded by the shared shapes
// (sfn_wire.hpp); the runner started once the tables are there.
#include "local/states/states_service.hpp"

#include <stdexcept>

#include "hoplite/aws/sfn_wire.hpp"
#include "hoplite/core/sha256.hpp"
#include "hoplite/sfn/asl.hpp"
#include "local/protocol/routes.hpp"
#include "local/states/states_integration.hpp"
#include "local/states/states_runner.hpp"
#include "local/states/states_store.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::states {
namespace {

// Parsed definitions kept in memory; past this many the cache starts again (it is a cache).
constexpr std::size_t kMaxCachedDefinitions = 256;

}  // namespace

namespace wire = aws::sfn::wire;

StatesService::StatesService(ServiceContext& house) : StatesService(house, StatesPeers{}) {}

StatesService::StatesService(ServiceContext& house, const StatesPeers& peers)
    : spec_{.signing_name = "states", .protocol = Protocol::json_1_0, .target_prefix = "AWSStepFunctions"},
      api_(spec_),
      house_(house) {
  if (auto m = house_.db.migrate("states", migrations()); !m)
    throw std::runtime_error("local states: " + m.error().to_string());
  add_routes();
  integrations_ = std::make_unique<Integrations>(*this, house_, peers);
  runner_ = std::make_unique<Runner>(house_.db, house_.clock, integrations_.get());
  integrations_->set_poster([runner = runner_.get()](std::function<void()> job) { runner->post(std::move(job)); });
  runner_->on_finished(
      [integrations = integrations_.get()](const sfn::ExecutionInfo& info) { integrations->execution_finished(info); });
  if (auto started = runner_->start([this](const std::string& text) { return definition(text); }); !started)
    throw std::runtime_error("local states: " + started.error().to_string());
}

StatesService::~StatesService() {
  // The peers' threads (ECS's stop notices) must not post to the runner once it is going.
  integrations_->detach();
}

core::Result<std::shared_ptr<const sfn::Definition>> StatesService::definition(const std::string& text) {
  std::string key = core::sha256(text);
  {
    std::lock_guard lock(definitions_mu_);
    if (auto it = definitions_.find(key); it != definitions_.end()) return it->second;
  }
  auto read = sfn::read_definition(text);
  if (!read) return read.failure();
  std::lock_guard lock(definitions_mu_);
  if (definitions_.size() >= kMaxCachedDefinitions) definitions_.clear();
  definitions_[key] = *read;
  return *read;
}

void StatesService::add_routes() {
  auto encode = [](const auto& r) { return wire::encode_response(r); };
  api_.add("CreateStateMachine", json_route(
                                     wire::decode_create_state_machine_request,
                                     [this](auto& ctx, auto& r) { return create_state_machine(ctx, r); }, encode));
  api_.add("DescribeStateMachine", json_route(
                                       wire::decode_describe_state_machine_request,
                                       [this](auto& ctx, auto& r) { return describe_state_machine(ctx, r); }, encode));
  api_.add("UpdateStateMachine", json_route(
                                     wire::decode_update_state_machine_request,
                                     [this](auto& ctx, auto& r) { return update_state_machine(ctx, r); }, encode));
  api_.add("DeleteStateMachine", json_route(wire::decode_delete_state_machine_request,
                                            [this](auto& ctx, auto& r) { return delete_state_machine(ctx, r); }));
  api_.add("ListStateMachines", json_route(
                                    wire::decode_list_state_machines_request,
                                    [this](auto& ctx, auto& r) { return list_state_machines(ctx, r); }, encode));
  api_.add("StartExecution", json_route(
                                 wire::decode_start_execution_request,
                                 [this](auto& ctx, auto& r) { return start_execution(ctx, r); }, encode));
  api_.add("StartSyncExecution", json_route(
                                     wire::decode_start_execution_request,
                                     [this](auto& ctx, auto& r) { return start_sync_execution(ctx, r); }, encode));
  api_.add("DescribeExecution", json_route(
                                    wire::decode_describe_execution_request,
                                    [this](auto& ctx, auto& r) { return describe_execution(ctx, r); }, encode));
  api_.add("StopExecution", json_route(
                                wire::decode_stop_execution_request,
                                [this](auto& ctx, auto& r) { return stop_execution(ctx, r); }, encode));
  api_.add("ListExecutions", json_route(
                                 wire::decode_list_executions_request,
                                 [this](auto& ctx, auto& r) { return list_executions(ctx, r); }, encode));
  api_.add("GetExecutionHistory", json_route(
                                      wire::decode_get_execution_history_request,
                                      [this](auto& ctx, auto& r) { return get_execution_history(ctx, r); }, encode));
  api_.add("SendTaskSuccess", json_route(wire::decode_send_task_success_request,
                                         [this](auto& ctx, auto& r) { return send_task_success(ctx, r); }));
  api_.add("SendTaskFailure", json_route(wire::decode_send_task_failure_request,
                                         [this](auto& ctx, auto& r) { return send_task_failure(ctx, r); }));
  api_.add("SendTaskHeartbeat", json_route(wire::decode_send_task_heartbeat_request,
                                           [this](auto& ctx, auto& r) { return send_task_heartbeat(ctx, r); }));
  api_.add("TestState",
           json_route(
               wire::decode_test_state_request, [this](auto& ctx, auto& r) { return test_state(ctx, r); }, encode));
}

nlohmann::json StatesService::inspect() {
  nlohmann::json out = nlohmann::json::object();
  auto rows = house_.db.transaction<std::vector<store::Row>>(
      [](store::Tx& tx) -> core::Result<std::vector<store::Row>> { return StatesTable(tx).counts(); });
  if (!rows) return out;
  for (const auto& r : *rows)
    out[r.text(0)][r.text(1)] = nlohmann::json{{"stateMachines", r.integer(2)}, {"executions", r.integer(3)}};
  return out;
}

}  // namespace hoplite::local::states
