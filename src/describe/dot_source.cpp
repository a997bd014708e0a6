// Graph → Graphviz input. No text from the graph reaches dot: nodes are n<i>, clusters c<i>, edges
// e<i>, and labels are empty fixed-size table cells that only reserve room for the text the SVG
// draws later. So dot's own string syntax and fonts never matter.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "describe/graph.hpp"
#include "describe/html.hpp"

namespace hoplite::describe {
namespace {

constexpr double kDotPointsPerInch = 72;

std::string fixed_label(Point size) {
  return fmt::format(
      R"(<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR><TD FIXEDSIZE="TRUE" WIDTH="{:.0f}" HEIGHT="{:.0f}"></TD></TR></TABLE>>)",
      size.x, size.y);
}

}  // namespace

std::string drawn_title(const GraphNode& node) { return truncate_display(node.title, TextMetrics::kMaxTitleCells); }

std::string drawn_label(std::string_view label) { return truncate_display(label, TextMetrics::kMaxLabelCells); }

Point node_size(const GraphNode& node) {
  switch (node.shape) {
    case GraphNode::Shape::start:
    case GraphNode::Shape::end:
      return {22, 22};
    case GraphNode::Shape::join:
      return {10, 10};
    case GraphNode::Shape::box:
      break;
  }
  const double title = static_cast<double>(display_width(drawn_title(node))) * TextMetrics::kTitleAdvance;
  const double subtitle =
      static_cast<double>(display_width(truncate_display(node.subtitle, TextMetrics::kMaxTitleCells + 8))) *
      TextMetrics::kSubtitleAdvance;
  const double width =
      std::max(72.0, std::ceil(std::max(title, subtitle) + 2 * TextMetrics::kBoxPad + TextMetrics::kBoxStripe));
  return {width, node.subtitle.empty() ? 30.0 : 44.0};
}

Point label_size(std::string_view label, double advance) {
  return {std::ceil(static_cast<double>(display_width(drawn_label(label))) * advance + 8), 16};
}

std::string to_dot(const Graph& g) {
  std::string out = "digraph g {\n";
  out += fmt::format(
      "  graph [rankdir={}, newrank=true, nodesep=0.35, ranksep=0.55, fontsize=10, margin=0.1, "
      "outputorder=edgesfirst];\n",
      g.left_to_right ? "LR" : "TB");
  out += "  node [shape=box, fixedsize=true, label=\"\"];\n  edge [arrowsize=0.7];\n";

  auto node_line = [&](std::size_t i, std::string_view indent) {
    const GraphNode& n = g.nodes[i];
    const Point size = node_size(n);
    const char* shape = n.shape == GraphNode::Shape::box ? "box" : "circle";
    return fmt::format("{}n{} [shape={}, width={:.4f}, height={:.4f}];\n", indent, i, shape, size.x / kDotPointsPerInch,
                       size.y / kDotPointsPerInch);
  };

  // Clusters nest; write them depth-first from an explicit stack (open, nodes, children, close).
  std::vector<std::vector<std::size_t>> children(g.clusters.size());
  std::vector<std::size_t> roots;
  for (std::size_t c = 0; c < g.clusters.size(); ++c) {
    const int parent = g.clusters[c].parent;
    if (parent >= 0 && static_cast<std::size_t>(parent) < g.clusters.size() && static_cast<std::size_t>(parent) != c) {
      children[static_cast<std::size_t>(parent)].push_back(c);
    } else {
      roots.push_back(c);
    }
  }
  std::vector<std::vector<std::size_t>> members(g.clusters.size());
  for (std::size_t i = 0; i < g.nodes.size(); ++i) {
    const int c = g.nodes[i].cluster;
    if (c >= 0 && static_cast<std::size_t>(c) < g.clusters.size()) {
      members[static_cast<std::size_t>(c)].push_back(i);
    } else {
      out += node_line(i, "  ");
    }
  }
  struct Frame {
    std::size_t cluster;
    bool open;
  };
  std::vector<Frame> stack;
  for (auto it = roots.rbegin(); it != roots.rend(); ++it) stack.push_back({*it, false});
  std::vector<bool> seen(g.clusters.size(), false);
  while (!stack.empty()) {
    Frame f = stack.back();
    stack.pop_back();
    const std::string indent(2 + 2 * std::min<std::size_t>(stack.size(), 16), ' ');
    if (f.open) {
      out += indent + "}\n";
      continue;
    }
    if (seen[f.cluster]) continue;  // a parent cycle: draw each cluster once
    seen[f.cluster] = true;
    out += fmt::format("{}subgraph cluster_c{} {{\n{}  label={}; labeljust=l;\n", indent, f.cluster, indent,
                       fixed_label(label_size(g.clusters[f.cluster].label, TextMetrics::kClusterAdvance)));
    for (std::size_t n : members[f.cluster]) out += node_line(n, indent + "  ");
    stack.push_back({f.cluster, true});
    const auto& kids = children[f.cluster];
    for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.push_back({*it, false});
  }
  for (std::size_t c = 0; c < g.clusters.size(); ++c) {
    if (seen[c]) continue;
    for (std::size_t n : members[c]) out += node_line(n, "  ");  // a cluster in a parent cycle
  }
  for (std::size_t e = 0; e < g.edges.size(); ++e) {
    const GraphEdge& edge = g.edges[e];
    std::string attrs = fmt::format("id=\"e{}\"", e);
    if (!edge.label.empty()) attrs += ", label=" + fixed_label(label_size(edge.label));
    if (edge.reversed) {
      out += fmt::format("  n{} -> n{} [{}, dir=back];\n", edge.to, edge.from, attrs);
    } else {
      out += fmt::format("  n{} -> n{} [{}];\n", edge.from, edge.to, attrs);
    }
  }
  out += "}\n";
  return out;
}

}  // namespace hoplite::describe
