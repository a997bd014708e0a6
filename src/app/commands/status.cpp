#include "app/commands/status.hpp"

#include <algorithm>
#include <ostream>

#include <fmt/format.h>

#include "app/commands.hpp"
#include "hoplite/app/run.hpp"
#include "hoplite/aws/sfn.hpp"
#include "hoplite/core/log.hpp"
#include "hoplite/core/terminal_text.hpp"
#include "hoplite/fargate/task.hpp"

namespace hoplite::app {
namespace {

/// Rows of cells, each column padded to its widest cell, two spaces apart, no trailing blanks.
std::string table(const std::vector<std::vector<std::string>>& rows, std::string_view indent) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line(indent);
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - row[i].size() + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + '\n';
  }
  return out;
}

}  // namespace

std::string status_text(const aws::cloudformation::Stack& stack,
                        const std::vector<aws::cloudformation::StackResource>& resources) {
  // Every field comes from the endpoint: made terminal-safe (and shortened) before it is shown.
  auto safe = [](const std::string& s) { return core::terminal_safe(s, 2048); };
  std::string out = fmt::format("stack:   {}\nstatus:  {}\n", safe(stack.stack_name), safe(stack.stack_status));
  if (!stack.stack_status_reason.empty()) out += fmt::format("reason:  {}\n", safe(stack.stack_status_reason));
  if (stack.last_updated_time) {
    out += fmt::format("updated: {}\n", core::format_iso8601(*stack.last_updated_time));
  } else if (stack.creation_time) {
    out += fmt::format("created: {}\n", core::format_iso8601(*stack.creation_time));
  }
  std::vector<std::vector<std::string>> outputs;
  for (const auto& o : stack.outputs) outputs.push_back({safe(o.key), safe(o.value)});
  std::sort(outputs.begin(), outputs.end());
  out += outputs.empty() ? "outputs: none\n" : "outputs:\n" + table(outputs, "  ");
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : resources) {
    std::vector<std::string> row{safe(r.logical_resource_id), safe(r.resource_type), safe(r.resource_status),
                                 safe(r.physical_resource_id)};
    if (!r.resource_status_reason.empty()) row.push_back(safe(r.resource_status_reason));
    rows.push_back(std::move(row));
  }
  std::sort(rows.begin(), rows.end());
  out += rows.empty() ? "resources: none\n" : "resources:\n" + table(rows, "  ");
  return out;
}

void add_status(CLI::App& app, CommandEnv& env) {
  CLI::App* sub = app.add_subcommand("status", "Show the service stack's status, outputs and resources");
  sub->group(kCommandsGroup);
  sub->fallthrough();
  env.on_run(sub, CommandKind::deploy, [&env] { return run_status(env, StatusOptions{}); });
}

CommandResult run_status(CommandEnv& env, const StatusOptions& /*options*/) {
  auto session = env.aws();
  if (!session) return session.failure();
  aws::cloudformation::Client cfn((*session)->config());
  const std::string& stack_name = env.service.name();

  auto stack = cfn.find_stack(stack_name);
  if (!stack) return stack.failure("reading stack " + stack_name);
  if (!*stack) {
    return core::fail("app.stack.not_found", fmt::format("stack {} does not exist in {} (run provision first)",
                                                         stack_name, (*session)->where()));
  }
  auto resources = cfn.describe_stack_resources({.stack_name = stack_name});
  if (!resources) return resources.failure("listing the resources of " + stack_name);
  env.out << status_text(**stack, *resources);

  // The image it runs and the last executions of its state machines.
  for (const auto& p : (*stack)->parameters) {
    if (p.key == fargate::kImageParameter) env.out << "image:   " << core::terminal_safe(p.value, 1024) << '\n';
  }
  aws::sfn::Client sfn((*session)->config());
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : *resources) {
    if (r.resource_type != "AWS::StepFunctions::StateMachine" || r.physical_resource_id.empty()) continue;
    auto list = sfn.list_executions({.state_machine_arn = r.physical_resource_id, .max_results = 5});
    if (!list) {
      core::log::warn("status: listing the executions of {}: {}", r.logical_resource_id, list.error().to_string());
      continue;
    }
    for (const auto& e : list->executions) {
      rows.push_back({core::terminal_safe(r.logical_resource_id, 256), core::terminal_safe(e.name, 256),
                      core::terminal_safe(e.status, 64),
                      e.start_date ? core::format_iso8601(*e.start_date) : std::string("-")});
    }
  }
  if (!rows.empty()) env.out << "executions:\n" << table(rows, "  ");
  return finish_output(env, "status");
}

}  // namespace hoplite::app
