// The resource graph: what the template creates and how each resource refers to the others.
#include <fmt/format.h>

#include <map>
#include <set>
#include <tuple>

#include "describe/page_context.hpp"
#include "describe/palette.hpp"

namespace hoplite::describe {
namespace {

const char* edge_class(RefKind kind) {
  switch (kind) {
    case RefKind::ref:
      return "ref";
    case RefKind::get_att:
      return "getatt";
    case RefKind::sub:
      return "sub";
    case RefKind::depends_on:
      return "dep";
  }
  return "ref";
}

}  // namespace

Graph resource_graph(const PageContext& ctx) {
  Graph g;
  g.id = "g-res";
  g.label = "Resources of " + ctx.input.service_name;
  g.left_to_right = true;
  std::map<std::string, int, std::less<>> cluster_of;  // service → cluster
  std::map<std::string, std::size_t, std::less<>> count;
  for (const Resource& r : ctx.model.resources) ++count[r.service];
  for (std::size_t i = 0; i < ctx.model.resources.size(); ++i) {
    const Resource& r = ctx.model.resources[i];
    auto [it, added] = cluster_of.emplace(r.service, static_cast<int>(g.clusters.size()));
    const std::string color = fmt::format("c{}", palette_index(r.service));
    if (added) g.clusters.push_back({fmt::format("{} · {}", r.service, count[r.service]), -1, "svc " + color});
    GraphNode n{.title = r.logical_id,
                .subtitle = r.type,
                .tooltip = r.logical_id + " (" + r.type + ")",
                .css_class = "res " + color,
                .detail = ctx.resource_detail(r.logical_id),
                .cluster = it->second};
    if (const LiveResource* live = ctx.live(r.logical_id)) {
      n.css_class += std::string(" st-") + status_class(live->status);
      n.tooltip += " — " + live->status;
    }
    g.nodes.push_back(std::move(n));
  }
  // One edge per (from, to, kind); references to parameters and to oneself are not edges.
  std::set<std::tuple<std::size_t, std::size_t, RefKind>> seen;
  for (std::size_t i = 0; i < ctx.model.resources.size(); ++i) {
    const Resource& r = ctx.model.resources[i];
    for (const Reference& ref : r.references) {
      const std::size_t to = ctx.model.index_of(ref.target);
      if (to == std::string::npos || to == i || !seen.emplace(i, to, ref.kind).second) continue;
      std::string what = ref.kind == RefKind::depends_on ? "DependsOn" : to_string(ref.kind);
      std::string target = ref.attribute.empty() ? ref.target : ref.target + "." + ref.attribute;
      g.edges.push_back({.from = i,
                         .to = to,
                         .css_class = edge_class(ref.kind),
                         .tooltip = fmt::format("{} → {} ({})", r.logical_id, target, what),
                         .reversed = true});
    }
  }
  return g;
}

}  // namespace hoplite::describe
