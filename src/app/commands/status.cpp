#include "app/commands/status.hpp"

#include <algorithm>
#include <ostream>

#include <fmt/format.h>

#include "app/commands.hpp"
#include "hoplite/app/run.hpp"
#include "hoplite/aws/credentials.hpp"
#include "hoplite/aws/region.hpp"
#include "hoplite/core/log.hpp"
#include "hoplite/core/terminal_text.hpp"
#include "hoplite/http/curl_client.hpp"

namespace hoplite::app {
namespace {

std::optional<std::string> flag(const std::string& value) {
  if (value.empty()) return std::nullopt;
  return value;
}

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

int run_status(CommandEnv& env, const StatusOptions& /*options*/) {
  const GlobalOptions& g = env.globals;
  if (g.local && g.endpoint_url.empty()) {
    core::log::error("status: --local needs the local cloud, which this build does not have yet; use --endpoint-url");
    return kExitUsage;
  }
  auto region = aws::resolve_region(flag(g.region), flag(g.profile));
  if (!region) {
    core::log::error("status: {}", region.error().to_string());
    return kExitFailure;
  }
  http::CurlClient http;
  // The chain owns its clients: metadata endpoints get their short timeouts (docs/aws.md).
  auto credentials = aws::default_credentials_chain({.profile = flag(g.profile)});
  aws::ClientConfig config{.region = *region,
                           .credentials = *credentials,
                           .http = http,
                           .clock = core::system_clock(),
                           .endpoint_url = flag(g.endpoint_url),
                           .profile = flag(g.profile),
                           .timeout = g.timeout};
  aws::cloudformation::Client cfn(config);
  const std::string& stack_name = env.service.name();

  auto stacks = cfn.describe_stacks({.stack_name = stack_name});
  if (!stacks) {
    const core::Error& e = stacks.error();
    if (e.code == "ValidationError" && e.message.find("does not exist") != std::string::npos) {
      core::log::error("status: stack {} does not exist in {} (run provision first)", stack_name, *region);
    } else {
      core::log::error("status: {}", e.context("reading stack " + stack_name).to_string());
    }
    return kExitFailure;
  }
  if (stacks->stacks.empty()) {
    core::log::error("status: stack {} does not exist in {}", stack_name, *region);
    return kExitFailure;
  }
  auto resources = cfn.describe_stack_resources({.stack_name = stack_name});
  if (!resources) {
    core::log::error("status: {}", resources.error().context("listing the resources of " + stack_name).to_string());
    return kExitFailure;
  }
  env.out << status_text(stacks->stacks.front(), *resources);
  return finish_output(env, "status");
}

}  // namespace hoplite::app
