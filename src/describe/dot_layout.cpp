// Running Graphviz's dot and reading its JSON back. dot is a separate program (Debian package
// graphviz) rather than a linked library so the service binary and its image stay as small as
// they are: describe runs on a developer's machine, never in the container.
#include <algorithm>
#include <charconv>
#include <chrono>

#include <fmt/format.h>

#include "describe/graph.hpp"
#include "describe/json_input.hpp"

namespace hoplite::describe {
namespace {

constexpr double kPointsPerInch = 72;

core::Failure bad(std::string message) { return core::fail("describe.layout", "dot's output: " + std::move(message)); }

bool parse_number(std::string_view s, double& out) {
  const char* end = s.data() + s.size();
  auto [ptr, ec] = std::from_chars(s.data(), end, out);
  return ec == std::errc() && ptr == end;
}

/// "x,y" → Point (y not yet flipped).
bool parse_point(std::string_view s, Point& p) {
  const auto comma = s.find(',');
  if (comma == std::string_view::npos) return false;
  return parse_number(s.substr(0, comma), p.x) && parse_number(s.substr(comma + 1), p.y);
}

/// "x1,y1,x2,y2" → four numbers.
bool parse_box(std::string_view s, double (&v)[4]) {
  for (int i = 0; i < 4; ++i) {
    const auto comma = i < 3 ? s.find(',') : s.size();
    if (comma == std::string_view::npos || !parse_number(s.substr(0, comma), v[i])) return false;
    s.remove_prefix(i < 3 ? comma + 1 : comma);
  }
  return true;
}

/// The index in "n12" / "e3" / "cluster_c7" after `prefix`.
bool parse_index(std::string_view name, std::string_view prefix, std::size_t& out) {
  if (!name.starts_with(prefix)) return false;
  name.remove_prefix(prefix.size());
  auto [ptr, ec] = std::from_chars(name.data(), name.data() + name.size(), out);
  return ec == std::errc() && ptr == name.data() + name.size() && !name.empty();
}

}  // namespace

core::Result<Layout> read_dot_json(std::string_view text, const Graph& g) {
  auto parsed = parse_json(text, "dot's output", {.max_bytes = 256u << 20, .max_depth = 16});
  if (!parsed) return core::fail("describe.layout", parsed.error().message);
  const Json& doc = *parsed;
  double bb[4];
  if (!parse_box(str_or(doc, "bb"), bb)) return bad("no bounding box");
  const double x1 = bb[0], y1 = bb[1], x2 = bb[2], y2 = bb[3];
  Layout out;
  out.width = x2 - x1;
  out.height = y2 - y1;
  auto flip = [&](Point p) { return Point{p.x - x1, y2 - p.y}; };
  out.nodes.resize(g.nodes.size());
  out.edges.resize(g.edges.size());
  out.clusters.resize(g.clusters.size());
  std::vector<bool> have_node(g.nodes.size()), have_edge(g.edges.size()), have_cluster(g.clusters.size());

  if (doc.contains("objects") && doc["objects"].is_array()) {
    for (const Json& o : doc["objects"]) {
      const std::string name = str_or(o, "name");
      std::size_t i = 0;
      if (parse_index(name, "cluster_c", i) && i < g.clusters.size()) {
        double box[4];
        if (!parse_box(str_or(o, "bb"), box)) return bad("cluster without a bounding box");
        const Point lo = flip({box[0], box[3]}), hi = flip({box[2], box[1]});
        Layout::Frame f{lo.x, lo.y, hi.x, hi.y, {lo.x + 8, lo.y + 14}};
        Point lp;
        if (parse_point(str_or(o, "lp"), lp)) f.label = flip(lp);
        out.clusters[i] = f;
        have_cluster[i] = true;
      } else if (parse_index(name, "n", i) && i < g.nodes.size()) {
        Point p;
        if (!parse_point(str_or(o, "pos"), p)) return bad("node without a position");
        double w = 0, h = 0;
        if (!parse_number(str_or(o, "width"), w) || !parse_number(str_or(o, "height"), h))
          return bad("node without a size");
        const Point c = flip(p);
        out.nodes[i] = {c.x, c.y, w * kPointsPerInch, h * kPointsPerInch};
        have_node[i] = true;
      }
    }
  }
  if (doc.contains("edges") && doc["edges"].is_array()) {
    for (const Json& e : doc["edges"]) {
      std::size_t i = 0;
      if (!parse_index(str_or(e, "id"), "e", i) || i >= g.edges.size()) continue;
      Layout::Path path;
      const std::string pos = str_or(e, "pos");
      std::size_t start = 0;
      while (start < pos.size()) {
        std::size_t end = pos.find(' ', start);
        if (end == std::string::npos) end = pos.size();
        std::string_view token(pos.data() + start, end - start);
        start = end + 1;
        if (token.empty()) continue;
        Point p;
        if (token.starts_with("e,")) {
          if (!parse_point(token.substr(2), p)) return bad("bad edge end");
          path.arrow_at_end = flip(p);
        } else if (token.starts_with("s,")) {
          if (!parse_point(token.substr(2), p)) return bad("bad edge start");
          path.arrow_at_start = flip(p);
        } else {
          if (!parse_point(token, p)) return bad("bad edge point");
          path.bezier.push_back(flip(p));
        }
      }
      if (path.bezier.size() < 4 || (path.bezier.size() - 1) % 3 != 0) return bad("edge spline of a wrong length");
      Point lp;
      if (parse_point(str_or(e, "lp"), lp)) path.label = flip(lp);
      out.edges[i] = std::move(path);
      have_edge[i] = true;
    }
  }
  for (std::size_t i = 0; i < have_node.size(); ++i)
    if (!have_node[i]) return bad(fmt::format("node n{} is missing", i));
  for (std::size_t i = 0; i < have_edge.size(); ++i)
    if (!have_edge[i]) return bad(fmt::format("edge e{} is missing", i));
  for (std::size_t i = 0; i < have_cluster.size(); ++i)
    if (!have_cluster[i] && std::count_if(g.nodes.begin(), g.nodes.end(),
                                          [&](const GraphNode& n) { return n.cluster == static_cast<int>(i); }) > 0)
      return bad(fmt::format("cluster c{} is missing", i));
  return out;
}

core::Result<Layout> layout_with_dot(const Graph& graph, core::ProcessRunner& runner, const std::string& dot_program) {
  core::ProcessSpec spec{
      .argv = {dot_program, "-Tjson0"}, .stdin_data = to_dot(graph), .timeout = std::chrono::milliseconds(120'000)};
  auto ran = runner.run(spec);
  if (!ran) {
    if (ran.error().code == "process.spawn") {
      return core::fail("describe.dot",
                        fmt::format("cannot run Graphviz's '{}' to lay out the graphs ({}): install the Debian "
                                    "package graphviz (apt-get install graphviz)",
                                    dot_program, ran.error().message));
    }
    return ran.failure("running dot");
  }
  if (ran->timed_out) return core::fail("describe.dot", "dot did not finish laying out the graph within 120 s");
  if (ran->exit_code != 0) {
    std::string err = ran->err.substr(0, 500);
    return core::fail("describe.dot", fmt::format("dot failed with exit code {}: {}", ran->exit_code, err));
  }
  return read_dot_json(ran->out, graph);
}

}  // namespace hoplite::describe
