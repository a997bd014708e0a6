// A state machine's graph: states in their scopes, transitions by kind, and the path of the last
// execution when live data is there.
#include <array>
#include <map>

#include <fmt/format.h>

#include "describe/page_context.hpp"

#include "hoplite/core/ascii.hpp"

namespace hoplite::describe {
namespace {

std::string type_class(const std::string& type) {
  static constexpr std::array<std::string_view, 8> kKnown{"Task",     "Choice", "Pass",    "Wait",
                                                          "Parallel", "Map",    "Succeed", "Fail"};
  for (std::string_view known : kKnown) {
    if (known != type) continue;
    return core::ascii_lower("t-" + std::string(known));
  }
  return "t-other";
}

}  // namespace

Graph machine_graph(const PageContext& ctx, std::size_t k) {
  const MachineInfo& m = ctx.machines[k];
  Graph g;
  g.id = fmt::format("g-m{}", k);
  g.label = "State machine " + m.logical_id;
  if (!m.asl) return g;
  const AslMachine& asl = *m.asl;

  // The last execution's outcome per state name (the latest visit wins).
  std::map<std::string, std::string, std::less<>> outcome;
  if (auto it = ctx.live_machines.find(m.logical_id); it != ctx.live_machines.end()) {
    for (const LiveVisit& v : it->second->last_path) outcome[v.state] = v.outcome;
  }

  std::vector<int> scope_cluster(asl.scopes.size(), -1);
  for (std::size_t sc = 1; sc < asl.scopes.size(); ++sc) {
    const AslScope& scope = asl.scopes[sc];
    const AslState& owner = asl.states[*scope.owner];
    // Scopes are created after their owner's scope, so the parent cluster already exists.
    g.clusters.push_back({owner.name + " · " + scope.label, scope_cluster[owner.scope],
                          owner.type == "Map" ? "scope map" : "scope parallel"});
    scope_cluster[sc] = static_cast<int>(g.clusters.size() - 1);
  }

  g.nodes.push_back({.title = "start", .tooltip = "Start", .css_class = "start", .shape = GraphNode::Shape::start});
  const std::size_t start = 0;
  const std::size_t first_state = g.nodes.size();
  for (std::size_t i = 0; i < asl.states.size(); ++i) {
    const AslState& s = asl.states[i];
    std::string subtitle = s.type;
    if (s.type == "Task") subtitle += " · " + (s.integration.empty() ? s.resource : s.integration);
    GraphNode n{.title = s.name,
                .subtitle = subtitle,
                .tooltip = s.name + " (" + subtitle + ")",
                .css_class = "state " + type_class(s.type),
                .detail = PageContext::state_detail(k, i),
                .cluster = scope_cluster[s.scope]};
    if (auto o = outcome.find(s.name); o != outcome.end()) n.css_class += std::string(" v-") + visit_class(o->second);
    g.nodes.push_back(std::move(n));
  }
  const std::size_t end = g.nodes.size();
  g.nodes.push_back({.title = "end", .tooltip = "End", .css_class = "end", .shape = GraphNode::Shape::end});
  std::map<std::size_t, std::size_t> join_of;  // Parallel/Map state → its join marker
  for (std::size_t i = 0; i < asl.states.size(); ++i) {
    const AslState& s = asl.states[i];
    if (s.children.empty()) continue;
    join_of[i] = g.nodes.size();
    g.nodes.push_back({.title = "join",
                       .tooltip = s.name + ": all branches done",
                       .css_class = "join",
                       .cluster = scope_cluster[s.scope],
                       .shape = GraphNode::Shape::join});
  }
  auto node = [&](std::size_t state) { return first_state + state; };

  if (asl.scopes[0].start) g.edges.push_back({.from = start, .to = node(*asl.scopes[0].start), .css_class = "next"});
  for (std::size_t sc = 1; sc < asl.scopes.size(); ++sc) {
    const AslScope& scope = asl.scopes[sc];
    if (scope.start)
      g.edges.push_back(
          {.from = node(*scope.owner), .to = node(*scope.start), .css_class = "branch", .tooltip = scope.label});
  }
  for (std::size_t i = 0; i < asl.states.size(); ++i) {
    const AslState& s = asl.states[i];
    if (!s.end) continue;
    const std::size_t to = s.scope == 0 ? end : join_of.at(*asl.scopes[s.scope].owner);
    g.edges.push_back({.from = node(i), .to = to, .css_class = s.type == "Fail" ? "next fail" : "next"});
  }
  for (const Transition& t : asl.transitions) {
    if (!t.to) continue;
    std::size_t from = node(t.from);
    if (t.kind != TransitionKind::retry) {
      if (auto j = join_of.find(t.from); j != join_of.end()) from = j->second;  // after the branches
    }
    g.edges.push_back(
        {.from = from, .to = node(*t.to), .css_class = to_string(t.kind), .label = t.label, .tooltip = t.text});
  }
  return g;
}

}  // namespace hoplite::describe
