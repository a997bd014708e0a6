#pragma once
/// \file A graph to draw (nodes, edges, nested clusters), its layout, and the three steps between
/// them: to_dot() writes Graphviz input that holds no text from the template at all (nodes are
/// `n<i>`, labels are fixed-size boxes sized here), layout_with_dot() runs `dot -Tjson0` and reads
/// the positions back, render_svg() draws the SVG with our own escaping. So a name from the
/// template can never change what dot parses, and the layout does not depend on installed fonts.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "hoplite/core/process.hpp"
#include "hoplite/core/result.hpp"

namespace hoplite::describe {

struct GraphNode {
  enum class Shape { box, start, end, join };
  std::string title;      ///< first line, e.g. the logical id (cut to fit; the tooltip has it whole)
  std::string subtitle;   ///< second line, e.g. the resource type; "" for one line
  std::string tooltip;    ///< SVG <title>; default: title
  std::string css_class;  ///< classes of the node's <g>, e.g. "res c3" (fixed words, never names)
  std::string detail;     ///< DOM id of the detail block a click shows; "" = not selectable
  int cluster = -1;       ///< index into Graph::clusters; -1 = top level
  Shape shape = Shape::box;
};

struct GraphEdge {
  std::size_t from = 0;
  std::size_t to = 0;
  std::string css_class;  ///< e.g. "ref", "catch"
  std::string label;      ///< short label drawn on the edge; "" = none
  std::string tooltip;    ///< SVG <title> of the edge; default: label
  bool reversed = false;  ///< rank `to` above `from` (dependencies on top), arrow still points at `to`
};

struct GraphCluster {
  std::string label;
  int parent = -1;        ///< enclosing cluster; -1 = top level
  std::string css_class;  ///< e.g. "svc c3", "scope"
};

struct Graph {
  std::string id;              ///< DOM id prefix of the SVG, e.g. "g-res"
  std::string label;           ///< aria-label of the SVG
  bool left_to_right = false;  ///< rankdir LR instead of TB
  std::vector<GraphNode> nodes;
  std::vector<GraphEdge> edges;
  std::vector<GraphCluster> clusters;
};

struct Point {
  double x = 0;
  double y = 0;
};

/// Positions in SVG user units (y grows downwards), origin at the top left.
struct Layout {
  double width = 0;
  double height = 0;
  struct Box {
    double x = 0, y = 0, w = 0, h = 0;  ///< centre, width, height
  };
  struct Path {
    std::vector<Point> bezier;            ///< cubic B-spline points: p0, then 3 per segment
    std::optional<Point> arrow_at_end;    ///< arrow tip after the last point
    std::optional<Point> arrow_at_start;  ///< arrow tip before the first point (reversed edges)
    std::optional<Point> label;           ///< label centre
  };
  struct Frame {
    double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    Point label;
  };
  std::vector<Box> nodes;       ///< same order as Graph::nodes
  std::vector<Path> edges;      ///< same order as Graph::edges
  std::vector<Frame> clusters;  ///< same order as Graph::clusters
};

/// Sizes used for nodes and labels (SVG px): monospace text, so width = cells × advance.
struct TextMetrics {
  static constexpr double kTitleAdvance = 8.0;     ///< 13px monospace is 7.8px per cell
  static constexpr double kSubtitleAdvance = 6.8;  ///< 11px monospace is 6.6px per cell
  static constexpr double kLabelAdvance = 6.8;     ///< edge labels: 11px monospace
  static constexpr double kClusterAdvance = 7.6;   ///< cluster labels: 12px bold monospace is 7.2px
  static constexpr std::size_t kMaxTitleCells = 44;
  static constexpr std::size_t kMaxLabelCells = 48;
  static constexpr double kBoxPad = 12;    ///< left and right padding inside a box
  static constexpr double kBoxStripe = 6;  ///< the coloured stripe at the left of a box
};

/// A node's drawn size (width, height) from its text: what dot is told and what the SVG draws.
[[nodiscard]] Point node_size(const GraphNode& node);
/// An edge label's reserved size (`advance` per cell; cluster labels pass kClusterAdvance).
[[nodiscard]] Point label_size(std::string_view label, double advance = TextMetrics::kLabelAdvance);
/// The texts as drawn: cut to TextMetrics' cells.
[[nodiscard]] std::string drawn_title(const GraphNode& node);
[[nodiscard]] std::string drawn_label(std::string_view label);

/// Graphviz input for `graph` (deterministic: the same graph gives the same text).
[[nodiscard]] std::string to_dot(const Graph& graph);

/// Reads `dot -Tjson0` output for a graph written by to_dot(). Errors `describe.layout` when the
/// text is not dot's JSON or misses a node, edge or cluster of `graph`.
[[nodiscard]] core::Result<Layout> read_dot_json(std::string_view json, const Graph& graph);

/// to_dot() → `dot -Tjson0` (through `runner`) → read_dot_json(). Errors `describe.dot` when dot
/// is missing (naming the Debian package) or fails.
[[nodiscard]] core::Result<Layout> layout_with_dot(const Graph& graph, core::ProcessRunner& runner,
                                                   const std::string& dot_program = "dot");

/// The SVG element for a laid-out graph; every text escaped; numbers with one decimal.
[[nodiscard]] std::string render_svg(const Graph& graph, const Layout& layout);

}  // namespace hoplite::describe
