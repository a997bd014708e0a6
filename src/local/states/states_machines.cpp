// State machine operations: create (idempotent), describe, update, delete, list.
#include "hoplite/sfn/asl.hpp"
#include "local/ids.hpp"
#include "local/paging.hpp"
#include "local/states/states_names.hpp"
#include "local/states/states_runner.hpp"
#include "local/states/states_service.hpp"
#include "local/states/states_store.hpp"
#include "local/validation.hpp"

namespace hoplite::local::states {
namespace {

using namespace aws::sfn;

constexpr std::string_view kListMachines = "states.ListStateMachines";
constexpr int kDefaultMachinePage = 100;

core::Result<void> check_role(const std::string& role_arn) {
  if (!is_role_arn(role_arn)) return invalid_arn("Invalid ARN prefix: " + role_arn.substr(0, 256));
  return core::ok();
}

core::Result<std::optional<MachineRecord>> load_machine(store::Database& db, const std::string& arn) {
  return db.transaction<std::optional<MachineRecord>>(
      [&](store::Tx& tx) -> core::Result<std::optional<MachineRecord>> { return StatesTable(tx).machine(arn); });
}

}  // namespace

core::Result<CreateStateMachineResponse> StatesService::create_state_machine(const CallContext& ctx,
                                                                             const CreateStateMachineRequest& r) {
  Violations v;
  v.length("name", r.name, 1, 80);
  v.length("definition", r.definition, 1, sfn::kMaxDefinitionBytes);
  v.length("roleArn", r.role_arn, 1, 256);
  v.one_of("type", r.type, {"STANDARD", "EXPRESS"});
  for (std::size_t i = 0; i < r.tags.size(); ++i) {
    v.length("tags." + std::to_string(i + 1) + ".member.key", r.tags[i].key, 1, 128);
    v.length("tags." + std::to_string(i + 1) + ".member.value", r.tags[i].value, 0, 256);
  }
  if (auto ok = v.finish(); !ok) return ok.failure();
  if (!is_valid_name(r.name)) return invalid_name(r.name);
  if (auto ok = check_role(r.role_arn); !ok) return ok.failure();
  if (auto def = definition(r.definition); !def) return def.failure();

  MachineRecord m{.account = ctx.principal.account_id,
                  .region = ctx.region,
                  .name = r.name,
                  .arn = state_machine_arn(ctx, r.name),
                  .type = r.type.value_or("STANDARD"),
                  .definition = r.definition,
                  .role_arn = r.role_arn,
                  .created = ctx.now,
                  // A machine has a revision once it is updated (recorded: DescribeStateMachine
                  // shows no revisionId before the first UpdateStateMachine).
                  .revision_id = ""};
  return house_.db.transaction<CreateStateMachineResponse>(
      [&](store::Tx& tx) -> core::Result<CreateStateMachineResponse> {
        StatesTable table(tx);
        auto existing = table.machine(m.arn);
        if (!existing) return existing.failure();
        if (*existing) {
          const MachineRecord& e = **existing;
          if (e.definition == m.definition && e.role_arn == m.role_arn && e.type == m.type)
            return CreateStateMachineResponse{.state_machine_arn = e.arn, .creation_date = e.created};
          return aws_error("StateMachineAlreadyExists", "State Machine Already Exists: '" + m.arn + "'");
        }
        if (auto ok = table.insert_machine(m); !ok) return ok.failure();
        return CreateStateMachineResponse{.state_machine_arn = m.arn, .creation_date = m.created};
      });
}

core::Result<DescribeStateMachineResponse> StatesService::describe_state_machine(const CallContext& ctx,
                                                                                 const DescribeStateMachineRequest& r) {
  if (auto arn = parse_state_machine_arn(ctx, r.state_machine_arn); !arn) return arn.failure();
  auto m = load_machine(house_.db, r.state_machine_arn);
  if (!m) return m.failure();
  if (!*m) return state_machine_does_not_exist(r.state_machine_arn);
  return DescribeStateMachineResponse{
      .state_machine_arn = (*m)->arn,
      .name = (*m)->name,
      .status = "ACTIVE",
      .definition = (*m)->definition,
      .role_arn = (*m)->role_arn,
      .type = (*m)->type,
      .creation_date = (*m)->created,
      .revision_id = (*m)->revision_id.empty() ? std::nullopt : std::optional<std::string>((*m)->revision_id)};
}

core::Result<UpdateStateMachineResponse> StatesService::update_state_machine(const CallContext& ctx,
                                                                             const UpdateStateMachineRequest& r) {
  Violations v;
  v.length("definition", r.definition, 1, sfn::kMaxDefinitionBytes);
  v.length("roleArn", r.role_arn, 1, 256);
  if (auto ok = v.finish(); !ok) return ok.failure();
  if (auto arn = parse_state_machine_arn(ctx, r.state_machine_arn); !arn) return arn.failure();
  if (!r.definition && !r.role_arn)
    return aws_error("MissingRequiredParameter", "Either the definition or the role ARN must be specified");
  if (r.role_arn)
    if (auto ok = check_role(*r.role_arn); !ok) return ok.failure();
  if (r.definition)
    if (auto def = definition(*r.definition); !def) return def.failure();
  return house_.db.transaction<UpdateStateMachineResponse>(
      [&](store::Tx& tx) -> core::Result<UpdateStateMachineResponse> {
        StatesTable table(tx);
        auto existing = table.machine(r.state_machine_arn);
        if (!existing) return existing.failure();
        if (!*existing) return state_machine_does_not_exist(r.state_machine_arn);
        MachineRecord m = std::move(**existing);
        if (r.definition) m.definition = *r.definition;
        if (r.role_arn) m.role_arn = *r.role_arn;
        m.revision_id = request_id();
        if (auto ok = table.update_machine(m); !ok) return ok.failure();
        return UpdateStateMachineResponse{.update_date = ctx.now, .revision_id = m.revision_id};
      });
}

core::Result<void> StatesService::delete_state_machine(const CallContext& ctx, const DeleteStateMachineRequest& r) {
  if (auto arn = parse_state_machine_arn(ctx, r.state_machine_arn); !arn) return arn.failure();
  // Running executions are stopped first (outside any transaction: stopping persists a step).
  auto running = house_.db.transaction<std::vector<ExecutionRecord>>(
      [&](store::Tx& tx) -> core::Result<std::vector<ExecutionRecord>> {
        return StatesTable(tx).executions(r.state_machine_arn, std::string("RUNNING"), 0, SIZE_MAX >> 1);
      });
  if (!running) return running.failure();
  for (const auto& e : *running)
    (void)runner_->stop(ctx.principal.account_id, ctx.region, e.arn, std::nullopt,
                        std::string("The state machine was deleted."));
  return house_.db.transaction([&](store::Tx& tx) { return StatesTable(tx).delete_machine(r.state_machine_arn); });
}

core::Result<ListStateMachinesResponse> StatesService::list_state_machines(const CallContext& ctx,
                                                                           const ListStateMachinesRequest& r) {
  Violations v;
  v.range("maxResults", r.max_results, 0, 1000);
  v.length("nextToken", r.next_token, 1, 1024);
  if (auto ok = v.finish(); !ok) return ok.failure();
  std::string listing = std::string(kListMachines) + ":" + ctx.principal.account_id + ":" + ctx.region;
  std::string after;
  if (r.next_token) {
    auto position = read_page_token(listing, *r.next_token);
    if (!position) return aws_error("InvalidToken", "Invalid Token: 'Invalid token'");
    after = *position;
  }
  std::size_t limit = r.max_results.value_or(0) == 0 ? kDefaultMachinePage : static_cast<std::size_t>(*r.max_results);
  auto page =
      house_.db.transaction<std::vector<MachineRecord>>([&](store::Tx& tx) -> core::Result<std::vector<MachineRecord>> {
        return StatesTable(tx).machines(ctx.principal.account_id, ctx.region, after, limit + 1);
      });
  if (!page) return page.failure();
  ListStateMachinesResponse out;
  for (std::size_t i = 0; i < page->size() && i < limit; ++i) {
    const auto& m = (*page)[i];
    out.state_machines.push_back(
        StateMachineListItem{.state_machine_arn = m.arn, .name = m.name, .type = m.type, .creation_date = m.created});
  }
  if (page->size() > limit) out.next_token = page_token(listing, out.state_machines.back().name);
  return out;
}

}  // namespace hoplite::local::states
