// Live status: the stack, its outputs and resources, and each state machine's recent executions.
#include <fmt/format.h>

#include "describe/html.hpp"
#include "describe/json_html.hpp"
#include "describe/page_context.hpp"

namespace hoplite::describe {
namespace {

std::string when(const std::optional<core::TimePoint>& t) { return t ? core::format_iso8601(*t) : std::string(); }

void append_status(std::string& out, std::string_view status) {
  out += fmt::format("<span class=\"status {}\">", status_class(status));
  append_escaped(out, status);
  out += "</span>";
}

}  // namespace

void append_live_section(std::string& out, const PageContext& ctx) {
  out += "<section id=\"live\"><h2>Live status</h2>\n";
  if (!ctx.input.live) {
    out +=
        "<p class=\"none\">This page was made offline. <code>describe --live</code> (AWS) or <code>describe "
        "--local</code> (the local cloud) adds the stack's status, its resources' statuses and the last "
        "executions.</p>\n</section>\n";
    return;
  }
  const LiveStatus& live = *ctx.input.live;
  if (!live.stack_exists) {
    out += "<p class=\"none\">Stack <code>";
    append_escaped(out, live.stack_name);
    out += "</code> does not exist in ";
    append_escaped(out, live.where.empty() ? "AWS" : live.where);
    out += " (run <code>provision</code> first).</p>\n</section>\n";
    return;
  }
  out += "<dl class=\"facts\"><dt>Stack</dt><dd><code>";
  append_escaped(out, live.stack_name);
  out += "</code> in ";
  append_escaped(out, live.where.empty() ? "AWS" : live.where);
  out += "</dd><dt>Status</dt><dd>";
  append_status(out, live.stack_status);
  if (!live.stack_status_reason.empty())
    append_tag(out, " <span class=\"reason\">", live.stack_status_reason, "</span>");
  out += "</dd>";
  if (live.created) append_tag(out, "<dt>Created</dt><dd>", when(live.created), "</dd>");
  if (live.updated) append_tag(out, "<dt>Updated</dt><dd>", when(live.updated), "</dd>");
  out += "</dl>\n";
  for (const auto& w : live.warnings) append_tag(out, "<p class=\"problem\">", w, "</p>\n");

  out += "<h3>Outputs</h3>";
  if (live.outputs.empty()) {
    out += "<p class=\"none\">none</p>\n";
  } else {
    out += "<table><thead><tr><th>Output</th><th>Value</th><th>Description</th></tr></thead><tbody>\n";
    for (const auto& o : live.outputs) {
      append_tag(out, "<tr><td><code>", o.key, "</code></td>");
      append_tag(out, "<td><code>", o.value, "</code></td>");
      append_tag(out, "<td>", o.description, "</td></tr>\n");
    }
    out += "</tbody></table>\n";
  }
  out +=
      "<h3>Resources</h3><table><thead><tr><th>Logical id</th><th>Type</th><th>Status</th><th>Physical id</th>"
      "</tr></thead><tbody>\n";
  for (const auto& r : live.resources) {
    out += "<tr><td>";
    std::string detail = ctx.resource_detail(r.logical_id);
    if (detail.empty()) {
      append_escaped(out, r.logical_id);
    } else {
      out += "<a class=\"ref\" href=\"#" + detail + "\" data-detail=\"" + detail + "\">";
      append_escaped(out, r.logical_id);
      out += "</a>";
    }
    append_tag(out, "</td><td>", r.type, "</td><td>");
    append_status(out, r.status);
    if (!r.reason.empty()) append_tag(out, "<div class=\"reason\">", r.reason, "</div>");
    append_tag(out, "</td><td><code>", r.physical_id, "</code></td></tr>\n");
  }
  out += "</tbody></table>\n";
  for (const auto& m : live.machines) {
    out += "<h3>Executions of ";
    append_escaped(out, m.logical_id);
    out += "</h3>";
    if (m.recent.empty()) {
      out += "<p class=\"none\">No executions yet.</p>\n";
      continue;
    }
    out += "<table><thead><tr><th>Execution</th><th>Status</th><th>Started</th><th>Stopped</th></tr></thead><tbody>\n";
    for (const auto& e : m.recent) {
      append_tag(out, "<tr><td><code>", e.name, "</code></td><td>");
      append_status(out, e.status);
      append_tag(out, "</td><td>", when(e.start), "</td>");
      append_tag(out, "<td>", when(e.stop), "</td></tr>\n");
    }
    out += "</tbody></table>\n";
  }
  out += "</section>\n";
}

}  // namespace hoplite::describe
