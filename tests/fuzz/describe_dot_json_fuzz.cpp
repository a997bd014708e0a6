// Fuzz target: reading dot's JSON output back (positions, splines, clusters) and drawing the SVG.
// dot is our own subprocess, but its output is parsed like any input: capped, checked, no throw.
// Seeds: tests/fuzz/corpus/describe_dot_json/ (real `dot -Tjson0` output for the graph below).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "describe/graph.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hoplite::describe;
  static const Graph graph = [] {
    Graph g;
    g.id = "g";
    g.clusters.push_back({"EC2 · 2", -1, "svc c0"});
    g.nodes.push_back({.title = "Vpc", .subtitle = "AWS::EC2::VPC", .cluster = 0});
    g.nodes.push_back({.title = "Subnet", .subtitle = "AWS::EC2::Subnet", .cluster = 0});
    g.nodes.push_back({.title = "start", .shape = GraphNode::Shape::start});
    g.edges.push_back({.from = 1, .to = 0, .css_class = "ref", .reversed = true});
    g.edges.push_back({.from = 2, .to = 1, .css_class = "choice", .label = "$.x == 1"});
    g.edges.push_back({.from = 1, .to = 1, .css_class = "retry", .label = "retry ×3"});
    return g;
  }();
  auto layout = read_dot_json(std::string_view(reinterpret_cast<const char*>(data), size), graph);
  if (layout) (void)render_svg(graph, *layout);
  return 0;
}
