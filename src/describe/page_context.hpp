#pragma once
/// \file What every section of the page reads: the inputs, the template model, the state machines,
/// live data by logical id, and the DOM ids of detail views (made from indexes, never from names).

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "describe/graph.hpp"
#include "describe/machines.hpp"
#include "describe/permissions.hpp"
#include "describe/template_model.hpp"
#include "hoplite/describe/page.hpp"

namespace hoplite::describe {

struct PageContext {
  PageContext(const PageInput& in, const TemplateModel& m, const std::vector<MachineInfo>& ms);

  const PageInput& input;
  const TemplateModel& model;
  const std::vector<MachineInfo>& machines;
  std::map<std::string, const LiveResource*, std::less<>> live_resources;
  std::map<std::string, const LiveMachine*, std::less<>> live_machines;

  /// "d-r<i>" for a resource of the template, "" for anything else (parameters, pseudo parameters).
  [[nodiscard]] std::string resource_detail(std::string_view logical_id) const;
  /// "d-m<k>-s<i>" for state i of machine k.
  [[nodiscard]] static std::string state_detail(std::size_t machine, std::size_t state);
  /// The live resource, or nullptr when offline or unknown.
  [[nodiscard]] const LiveResource* live(std::string_view logical_id) const;
  /// The tasks' names, for permissions.
  [[nodiscard]] std::vector<std::string> task_names() const;
};

/// "ok", "busy" or "bad" for a CloudFormation status (…_COMPLETE, …_IN_PROGRESS, …_FAILED and rollbacks).
[[nodiscard]] const char* status_class(std::string_view status);

/// "succeeded", "failed" or "running": the CSS word for a LiveVisit outcome (anything else is "running").
[[nodiscard]] const char* visit_class(std::string_view outcome);

/// The resource graph: one node per resource, grouped by service, edges per reference kind.
[[nodiscard]] Graph resource_graph(const PageContext& ctx);
/// State machine `k`'s graph: one node per state (plus start, end and join markers), scopes as
/// nested clusters, transitions by kind.
[[nodiscard]] Graph machine_graph(const PageContext& ctx, std::size_t k);

void append_header(std::string& out, const PageContext& ctx);
void append_resources_section(std::string& out, const PageContext& ctx, const std::string& svg);
void append_machines_section(std::string& out, const PageContext& ctx, const std::vector<std::string>& svgs);
void append_permissions_section(std::string& out, const PageContext& ctx, const std::vector<RoleInfo>& roles);
void append_image_section(std::string& out, const PageContext& ctx);
void append_live_section(std::string& out, const PageContext& ctx);

/// The page's stylesheet and script (src/describe/assets/, embedded at build time).
[[nodiscard]] std::string_view page_css();
[[nodiscard]] std::string_view page_js();

}  // namespace hoplite::describe
