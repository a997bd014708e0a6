#include "describe/graph.hpp"

#include <gtest/gtest.h>

#include "hoplite/core/process.hpp"

namespace hoplite::describe {
namespace {

Graph sample() {
  Graph g;
  g.id = "g-test";
  g.label = "a <test>";
  g.clusters.push_back({"EC2 · 2", -1, "svc c0"});
  g.clusters.push_back({"inner", 0, "scope"});
  g.nodes.push_back({.title = "Vpc\"]; evil [label=\"x",
                     .subtitle = "AWS::EC2::VPC",
                     .css_class = "res c0",
                     .detail = "d-r0",
                     .cluster = 0});
  g.nodes.push_back({.title = "<b>Subnet</b>",
                     .subtitle = "AWS::EC2::Subnet",
                     .css_class = "res c0",
                     .detail = "d-r1",
                     .cluster = 1});
  g.nodes.push_back({.title = "start", .css_class = "start", .shape = GraphNode::Shape::start});
  g.edges.push_back({.from = 1, .to = 0, .css_class = "ref", .tooltip = "Subnet → Vpc", .reversed = true});
  g.edges.push_back({.from = 2, .to = 1, .css_class = "choice", .label = "$.x == \"<y>\""});
  g.edges.push_back({.from = 1, .to = 1, .css_class = "retry", .label = "retry ×3"});
  return g;
}

TEST(ToDot, HoldsNoTextFromTheGraph) {
  const std::string dot = to_dot(sample());
  EXPECT_EQ(dot.find("evil"), std::string::npos);
  EXPECT_EQ(dot.find("Subnet"), std::string::npos);
  EXPECT_EQ(dot.find("$.x"), std::string::npos);
  EXPECT_NE(dot.find("subgraph cluster_c0 {"), std::string::npos);
  EXPECT_NE(dot.find("subgraph cluster_c1 {"), std::string::npos);
  EXPECT_NE(dot.find("n0 -> n1 [id=\"e0\", dir=back];"), std::string::npos);  // reversed: n1 refers to n0
  EXPECT_EQ(dot, to_dot(sample()));
}

TEST(NodeSize, GrowsWithTheLongerLineAndCapsLongTitles) {
  const Point small = node_size({.title = "A", .subtitle = "AWS::SNS::Topic"});
  const Point wide = node_size({.title = std::string(40, 'x'), .subtitle = "T"});
  EXPECT_GT(wide.x, small.x);
  EXPECT_EQ(node_size({.title = std::string(500, 'x')}).x, node_size({.title = std::string(44, 'x')}).x);
  EXPECT_EQ(drawn_title({.title = std::string(50, 'x')}), std::string(43, 'x') + "…");
  EXPECT_EQ(node_size({.title = "A"}).y, 30);
  EXPECT_EQ(small.y, 44);
}

TEST(LayoutWithDot, LaysOutEveryNodeEdgeAndClusterWithTheRealDot) {
  if (!core::find_on_path("dot")) GTEST_SKIP() << "Graphviz's dot is not installed (Debian package graphviz)";
  core::PosixProcessRunner runner;
  const Graph g = sample();
  auto layout = layout_with_dot(g, runner);
  ASSERT_TRUE(layout.ok()) << layout.error().to_string();
  ASSERT_EQ(layout->nodes.size(), 3u);
  ASSERT_EQ(layout->edges.size(), 3u);
  EXPECT_GT(layout->width, 0);
  EXPECT_GT(layout->height, 0);
  for (std::size_t i = 0; i < g.nodes.size(); ++i) {
    const Point size = node_size(g.nodes[i]);
    EXPECT_NEAR(layout->nodes[i].w, size.x, 1.0) << i;  // fixed sizes survive the layout
    EXPECT_GE(layout->nodes[i].x - layout->nodes[i].w / 2, -0.5);
    EXPECT_LE(layout->nodes[i].y + layout->nodes[i].h / 2, layout->height + 0.5);
  }
  EXPECT_TRUE(layout->edges[0].arrow_at_start);  // the reversed edge's arrow is at its tail
  EXPECT_TRUE(layout->edges[1].arrow_at_end);
  EXPECT_TRUE(layout->edges[1].label);
  // the inner cluster lies inside the outer one
  EXPECT_LE(layout->clusters[0].x1, layout->clusters[1].x1);
  EXPECT_GE(layout->clusters[0].y2, layout->clusters[1].y2);
  auto again = layout_with_dot(g, runner);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(render_svg(g, *layout), render_svg(g, *again));
}

class NoDot : public core::ProcessRunner {
 public:
  core::Result<core::ProcessResult> run(const core::ProcessSpec& spec) override {
    return core::fail("process.spawn", "program '" + spec.argv[0] + "' not found on PATH");
  }
};

class ScriptedDot : public core::ProcessRunner {
 public:
  explicit ScriptedDot(core::ProcessResult r) : result(std::move(r)) {}
  core::ProcessResult result;
  std::string input;
  core::Result<core::ProcessResult> run(const core::ProcessSpec& spec) override {
    input = spec.stdin_data.value_or("");
    return result;
  }
};

TEST(LayoutWithDot, NamesTheDebianPackageWhenDotIsMissing) {
  NoDot runner;
  auto r = layout_with_dot(sample(), runner);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "describe.dot");
  EXPECT_NE(r.error().message.find("apt-get install graphviz"), std::string::npos);
}

TEST(LayoutWithDot, ReportsDotFailuresAndBadOutput) {
  ScriptedDot failing({.exit_code = 1, .err = "syntax error in line 3"});
  auto r = layout_with_dot(sample(), failing);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("syntax error in line 3"), std::string::npos);
  EXPECT_NE(failing.input.find("digraph g"), std::string::npos);

  ScriptedDot garbage({.exit_code = 0, .out = "{\"bb\": \"0,0,10,10\", \"objects\": []}"});
  r = layout_with_dot(sample(), garbage);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "describe.layout");
  EXPECT_NE(r.error().message.find("node n0 is missing"), std::string::npos);
  EXPECT_FALSE(read_dot_json("not json", sample()).ok());
  EXPECT_FALSE(read_dot_json("{}", sample()).ok());
}

TEST(RenderSvg, EscapesEveryTextAndUsesOnlyItsOwnIds) {
  Graph g = sample();
  Layout layout;
  layout.width = 300;
  layout.height = 200;
  layout.nodes = {{50, 50, 100, 44}, {150, 120, 100, 44}, {10, 10, 22, 22}};
  layout.edges = {{{{150, 98}, {150, 80}, {50, 90}, {50, 72}}, std::nullopt, Point{150, 100}, std::nullopt},
                  {{{10, 21}, {10, 40}, {150, 60}, {150, 90}}, Point{150, 98}, std::nullopt, Point{80, 60}},
                  {{{200, 120}, {230, 100}, {230, 140}, {200, 125}}, Point{198, 125}, std::nullopt, Point{240, 120}}};
  layout.clusters = {{0, 0, 250, 180, {30, 10}}, {100, 90, 220, 170, {120, 95}}};
  const std::string svg = render_svg(g, layout);
  EXPECT_EQ(svg.find("<b>"), std::string::npos);
  EXPECT_NE(svg.find("&lt;b&gt;Subnet&lt;/b&gt;"), std::string::npos);
  EXPECT_NE(svg.find("Vpc&quot;]; evil"), std::string::npos);
  EXPECT_NE(svg.find("$.x == &quot;&lt;y&gt;&quot;"), std::string::npos);
  EXPECT_NE(svg.find("aria-label=\"a &lt;test&gt;\""), std::string::npos);
  EXPECT_NE(svg.find("id=\"g-test-n1\" class=\"node res c0\" data-detail=\"d-r1\""), std::string::npos);
  EXPECT_NE(svg.find("<circle"), std::string::npos);
  EXPECT_EQ(svg.find("-0.0"), std::string::npos);
}

}  // namespace
}  // namespace hoplite::describe
