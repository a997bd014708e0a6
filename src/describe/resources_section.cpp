// Resources: the graph, a detail view per resource (properties with intrinsics readable, who it
// refers to and who refers to it, its live status) and the same list as a printable table.
#include <fmt/format.h>

#include "describe/html.hpp"
#include "describe/json_html.hpp"
#include "describe/page_context.hpp"
#include "describe/palette.hpp"

namespace hoplite::describe {
namespace {

void append_ref_list(std::string& out, const PageContext& ctx,
                     const std::vector<std::pair<std::string, std::string>>& items) {
  out += "<ul class=\"refs\">";
  for (const auto& [id, how] : items) {
    out += "<li>";
    append_link(out, ctx.resource_detail(id), id);
    append_tag(out, " <span class=\"how\">", how, "</span>");
    out += "</li>";
  }
  out += "</ul>";
}

/// Outputs whose value is a Ref/GetAtt of `id`: with live data their values are the resource's.
std::vector<std::string> outputs_of(const PageContext& ctx, const std::string& id) {
  std::vector<std::string> names;
  for (const auto& [name, output] : ctx.model.outputs.items()) {
    if (!output.is_object() || !output.contains("Value")) continue;
    for (const Reference& r : collect_references(output["Value"]))
      if (r.target == id && r.kind != RefKind::sub) names.push_back(name);
  }
  return names;
}

void append_detail(std::string& out, const PageContext& ctx, std::size_t i) {
  const Resource& r = ctx.model.resources[i];
  out += fmt::format("<section class=\"detail\" id=\"d-r{}\">", i);
  out += fmt::format("<h3><span class=\"swatch c{}\"></span>", palette_index(r.service));
  append_escaped(out, r.logical_id);
  append_tag(out, "</h3><p class=\"type\">", r.type, "</p><dl>");
  if (const LiveResource* live = ctx.live(r.logical_id)) {
    out += fmt::format("<dt>Status</dt><dd><span class=\"status {}\">", status_class(live->status));
    append_escaped(out, live->status);
    out += "</span>";
    if (!live->reason.empty()) append_tag(out, " <span class=\"reason\">", live->reason, "</span>");
    out += "</dd>";
    if (!live->physical_id.empty()) append_tag(out, "<dt>Ref value</dt><dd><code>", live->physical_id, "</code></dd>");
  }
  const auto outputs = outputs_of(ctx, r.logical_id);
  if (!outputs.empty()) {
    out += "<dt>Outputs</dt><dd>";
    for (const auto& name : outputs) {
      out += "<div>";
      append_tag(out, "<code>", name, "</code>");
      if (ctx.input.live) {
        for (const auto& o : ctx.input.live->outputs)
          if (o.key == name) append_tag(out, " = <code>", o.value, "</code>");
      }
      out += "</div>";
    }
    out += "</dd>";
  }
  std::vector<std::pair<std::string, std::string>> to, from;
  for (const Reference& ref : r.references) {
    if (ctx.model.find(ref.target) == nullptr || ref.target == r.logical_id) continue;
    to.emplace_back(ref.target, ref.attribute.empty() ? to_string(ref.kind)
                                                      : std::string(to_string(ref.kind)) + " ." + ref.attribute);
  }
  for (const Resource& other : ctx.model.resources) {
    if (other.logical_id == r.logical_id) continue;
    std::string how;
    for (const Reference& ref : other.references) {
      if (ref.target != r.logical_id) continue;
      if (!how.empty()) how += ", ";
      how += to_string(ref.kind);
    }
    if (!how.empty()) from.emplace_back(other.logical_id, how);
  }
  if (!to.empty()) {
    out += "<dt>Refers to</dt><dd>";
    append_ref_list(out, ctx, to);
    out += "</dd>";
  }
  if (!from.empty()) {
    out += "<dt>Referred to by</dt><dd>";
    append_ref_list(out, ctx, from);
    out += "</dd>";
  }
  out += "</dl><pre class=\"json\">";
  Json shown = r.definition;
  shown.erase("Type");
  append_json_html(out, shown, [&](std::string_view name) { return ctx.resource_detail(name); });
  out += "</pre></section>\n";
}

}  // namespace

void append_resources_section(std::string& out, const PageContext& ctx, const std::string& svg) {
  out += fmt::format("<section id=\"resources\"><h2>Resources <span class=\"count\">{}</span></h2>\n",
                     ctx.model.resources.size());
  out +=
      "<p class=\"legend\"><span class=\"key ref\">Ref</span><span class=\"key getatt\">Fn::GetAtt</span>"
      "<span class=\"key sub\">Fn::Sub</span><span class=\"key dep\">DependsOn</span>"
      "<span class=\"note\">Arrows point at what a resource uses; resources are grouped by service. "
      "Drag to pan, wheel or +/− to zoom, click a resource for its properties.</span></p>\n";
  out +=
      "<div class=\"explorer\">\n<div class=\"canvas\"><div class=\"tools\"><button type=\"button\" "
      "data-zoom=\"in\" aria-label=\"zoom in\">+</button><button type=\"button\" data-zoom=\"out\" "
      "aria-label=\"zoom out\">−</button><button type=\"button\" data-zoom=\"fit\">fit</button></div>\n";
  out += svg;
  out +=
      "</div>\n<aside class=\"details\" aria-live=\"polite\"><p class=\"hint\">Click a resource to see its "
      "properties.</p>\n";
  for (std::size_t i = 0; i < ctx.model.resources.size(); ++i) append_detail(out, ctx, i);
  out += "</aside>\n</div>\n";

  if (!ctx.model.parameters.empty()) {
    out += "<h3>Parameters</h3><table><thead><tr><th>Name</th><th>Type</th><th>Description</th></tr></thead><tbody>";
    for (const auto& [name, p] : ctx.model.parameters.items()) {
      append_tag(out, "<tr><td><code>", name, "</code></td>");
      append_tag(out, "<td>", str_or(p, "Type"), "</td>");
      append_tag(out, "<td>", str_or(p, "Description"), "</td></tr>");
    }
    out += "</tbody></table>\n";
  }
  out += "<h3>All resources</h3><table class=\"resources\"><thead><tr><th>Logical id</th><th>Type</th><th>Uses</th>";
  if (ctx.input.live) out += "<th>Status</th>";
  out += "</tr></thead><tbody>\n";
  for (std::size_t i = 0; i < ctx.model.resources.size(); ++i) {
    const Resource& r = ctx.model.resources[i];
    out += "<tr><td>";
    append_link(out, fmt::format("d-r{}", i), r.logical_id);
    append_tag(out, "</td><td>", r.type, "</td><td>");
    bool first = true;
    for (const Reference& ref : r.references) {
      if (ctx.model.find(ref.target) == nullptr || ref.target == r.logical_id) continue;
      if (!first) out += ", ";
      first = false;
      append_link(out, ctx.resource_detail(ref.target), ref.target);
    }
    out += "</td>";
    if (ctx.input.live) {
      const LiveResource* live = ctx.live(r.logical_id);
      out += fmt::format("<td><span class=\"status {}\">", live ? status_class(live->status) : "other");
      append_escaped(out, live ? live->status : "not in the stack");
      out += "</span></td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody></table>\n</section>\n";
}

}  // namespace hoplite::describe
