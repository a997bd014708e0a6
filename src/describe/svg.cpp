// A laid-out graph as inline SVG. Every text goes through html_escape; class names are fixed words
// chosen by describe, and data-detail values are ids describe made (d-r12), never names.
#include <cmath>

#include <fmt/format.h>

#include "describe/graph.hpp"
#include "describe/html.hpp"

namespace hoplite::describe {
namespace {

std::string num(double v) {
  if (std::fabs(v) < 0.05) v = 0;  // never "-0.0"
  return fmt::format("{:.1f}", v);
}

std::string pt(Point p) { return num(p.x) + "," + num(p.y); }

/// A filled triangle with its tip at `tip`, pointing away from `base`.
std::string arrow_head(Point base, Point tip) {
  const double dx = tip.x - base.x, dy = tip.y - base.y;
  const double len = std::hypot(dx, dy);
  if (len < 0.01) return {};
  const double nx = -dy * 0.45, ny = dx * 0.45;  // half the base is 0.45 of the length
  return fmt::format("<path class=\"head\" d=\"M{}L{}L{}Z\"/>", pt(tip), pt({base.x + nx, base.y + ny}),
                     pt({base.x - nx, base.y - ny}));
}

}  // namespace

std::string render_svg(const Graph& g, const Layout& layout) {
  std::string out;
  out.reserve(512 + 400 * g.nodes.size() + 300 * g.edges.size());
  out += fmt::format(
      "<svg id=\"{}\" class=\"graph\" data-flow=\"{}\" viewBox=\"0 0 {} {}\" width=\"{}\" "
      "height=\"{}\" role=\"group\" aria-label=\"",
      g.id, g.left_to_right ? "lr" : "tb", num(layout.width), num(layout.height), num(layout.width),
      num(layout.height));
  append_escaped(out, g.label);
  out += "\"><g class=\"viewport\">\n<g class=\"clusters\">\n";
  for (std::size_t c = 0; c < g.clusters.size() && c < layout.clusters.size(); ++c) {
    const Layout::Frame& f = layout.clusters[c];
    if (f.x2 <= f.x1) continue;  // a cluster without nodes is not drawn
    const Point size = label_size(g.clusters[c].label, TextMetrics::kClusterAdvance);
    out += fmt::format("<g class=\"cluster {}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"8\"/>",
                       g.clusters[c].css_class, num(f.x1), num(f.y1), num(f.x2 - f.x1), num(f.y2 - f.y1));
    out +=
        fmt::format("<text class=\"clabel\" x=\"{}\" y=\"{}\">", num(f.label.x - size.x / 2 + 4), num(f.label.y + 4));
    append_escaped(out, drawn_label(g.clusters[c].label));
    out += "</text></g>\n";
  }
  out += "</g>\n<g class=\"edges\">\n";
  for (std::size_t e = 0; e < g.edges.size() && e < layout.edges.size(); ++e) {
    const GraphEdge& edge = g.edges[e];
    const Layout::Path& p = layout.edges[e];
    out += fmt::format("<g class=\"edge {}\" data-from=\"n{}\" data-to=\"n{}\">", edge.css_class, edge.from, edge.to);
    const std::string& tip = edge.tooltip.empty() ? edge.label : edge.tooltip;
    if (!tip.empty()) {
      out += "<title>";
      append_escaped(out, tip);
      out += "</title>";
    }
    out += "<path class=\"line\" d=\"M" + pt(p.bezier.front());
    for (std::size_t i = 1; i + 2 < p.bezier.size(); i += 3)
      out += "C" + pt(p.bezier[i]) + " " + pt(p.bezier[i + 1]) + " " + pt(p.bezier[i + 2]);
    out += "\"/>";
    if (p.arrow_at_end) out += arrow_head(p.bezier.back(), *p.arrow_at_end);
    if (p.arrow_at_start) out += arrow_head(p.bezier.front(), *p.arrow_at_start);
    if (!edge.label.empty() && p.label) {
      out += fmt::format("<text class=\"elabel\" x=\"{}\" y=\"{}\">", num(p.label->x), num(p.label->y + 4));
      append_escaped(out, drawn_label(edge.label));
      out += "</text>";
    }
    out += "</g>\n";
  }
  out += "</g>\n<g class=\"nodes\">\n";
  for (std::size_t i = 0; i < g.nodes.size() && i < layout.nodes.size(); ++i) {
    const GraphNode& n = g.nodes[i];
    const Layout::Box& b = layout.nodes[i];
    out += fmt::format("<g id=\"{}-n{}\" class=\"node {}\"", g.id, i, n.css_class);
    if (!n.detail.empty()) out += fmt::format(" data-detail=\"{}\" tabindex=\"0\" role=\"button\"", n.detail);
    out += "><title>";
    append_escaped(out, n.tooltip.empty() ? n.title : n.tooltip);
    out += "</title>";
    const double left = b.x - b.w / 2, top = b.y - b.h / 2;
    switch (n.shape) {
      case GraphNode::Shape::start:
        out += fmt::format("<circle class=\"box\" cx=\"{}\" cy=\"{}\" r=\"{}\"/>", num(b.x), num(b.y), num(b.w / 2));
        break;
      case GraphNode::Shape::end:
        out += fmt::format(
            "<circle class=\"box\" cx=\"{}\" cy=\"{}\" r=\"{}\"/><circle class=\"inner\" cx=\"{}\" "
            "cy=\"{}\" r=\"{}\"/>",
            num(b.x), num(b.y), num(b.w / 2), num(b.x), num(b.y), num(b.w / 2 - 4));
        break;
      case GraphNode::Shape::join:
        out += fmt::format("<circle class=\"box\" cx=\"{}\" cy=\"{}\" r=\"{}\"/>", num(b.x), num(b.y), num(b.w / 2));
        break;
      case GraphNode::Shape::box: {
        out += fmt::format("<rect class=\"box\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"5\"/>", num(left),
                           num(top), num(b.w), num(b.h));
        out += fmt::format("<rect class=\"stripe\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"2\"/>", num(left),
                           num(top), num(TextMetrics::kBoxStripe), num(b.h));
        const double x = left + TextMetrics::kBoxStripe + TextMetrics::kBoxPad;
        if (n.subtitle.empty()) {
          out += fmt::format("<text class=\"t1\" x=\"{}\" y=\"{}\">", num(x), num(b.y + 4.5));
          append_escaped(out, drawn_title(n));
          out += "</text>";
        } else {
          out += fmt::format("<text class=\"t1\" x=\"{}\" y=\"{}\">", num(x), num(top + 19));
          append_escaped(out, drawn_title(n));
          out += fmt::format("</text><text class=\"t2\" x=\"{}\" y=\"{}\">", num(x), num(top + 35));
          append_escaped(out, truncate_display(n.subtitle, TextMetrics::kMaxTitleCells + 8));
          out += "</text>";
        }
        break;
      }
    }
    out += "</g>\n";
  }
  out += "</g></g></svg>\n";
  return out;
}

}  // namespace hoplite::describe
