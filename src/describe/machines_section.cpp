// State machines: per machine its graph, a detail view per state (definition with placeholders
// linked to the resources they stand for, transitions, resources used), what `${Name}` means, and
// with live data the last execution's path.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "describe/html.hpp"
#include "describe/json_html.hpp"
#include "describe/page_context.hpp"

namespace hoplite::describe {
namespace {

/// Resolves a `${Name}` of machine `m` to the resource detail it stands for.
DetailLink placeholder_link(const PageContext& ctx, const MachineInfo& m) {
  return [&ctx, &m](std::string_view name) -> std::string {
    auto it = m.substitutions.find(name);
    if (it != m.substitutions.end()) {
      for (const Reference& r : collect_references(*it))
        if (std::string id = ctx.resource_detail(r.target); !id.empty()) return id;
      return {};
    }
    return ctx.resource_detail(name);
  };
}

void append_state_detail(std::string& out, const PageContext& ctx, std::size_t k, std::size_t i,
                         const std::map<std::string, std::string, std::less<>>& outcome) {
  const MachineInfo& m = ctx.machines[k];
  const AslMachine& asl = *m.asl;
  const AslState& s = asl.states[i];
  out += fmt::format("<section class=\"detail\" id=\"{}\">", PageContext::state_detail(k, i));
  append_tag(out, "<h3>", s.name, "</h3><p class=\"type\">");
  append_escaped(out, s.type);
  if (!s.integration.empty()) append_tag(out, " · ", s.integration, "");
  out += "</p><dl>";
  if (s.scope != 0) {
    const AslScope& scope = asl.scopes[s.scope];
    out += "<dt>In</dt><dd>";
    append_escaped(out, scope.label);
    out += " of ";
    append_link(out, PageContext::state_detail(k, *scope.owner), asl.states[*scope.owner].name);
    out += "</dd>";
  }
  if (auto o = outcome.find(s.name); o != outcome.end())
    append_tag(out, std::string("<dt>Last execution</dt><dd><span class=\"status v-") + visit_class(o->second) + "\">",
               o->second, "</span></dd>");
  bool any = false;
  for (const Transition& t : asl.transitions) {
    if (t.from != i || !t.to) continue;
    if (!any) out += "<dt>Transitions</dt><dd><ul class=\"refs\">";
    any = true;
    out += fmt::format("<li><span class=\"key {}\">{}</span> ", to_string(t.kind), to_string(t.kind));
    append_link(out, PageContext::state_detail(k, *t.to), asl.states[*t.to].name);
    if (!t.text.empty() && t.kind != TransitionKind::choice_default)
      append_tag(out, " <span class=\"how\">", t.text, "</span>");
    out += "</li>";
  }
  if (s.end) out += any ? "<li>end</li>" : "<dt>Transitions</dt><dd><ul class=\"refs\"><li>end</li>";
  if (any || s.end) out += "</ul></dd>";
  std::vector<std::string> used;
  for (const Reference& r : m.state_references[i])
    if (ctx.model.find(r.target) != nullptr && std::find(used.begin(), used.end(), r.target) == used.end())
      used.push_back(r.target);
  if (!used.empty()) {
    out += "<dt>Uses</dt><dd><ul class=\"refs\">";
    for (const auto& id : used) {
      out += "<li>";
      append_link(out, ctx.resource_detail(id), id);
      out += "</li>";
    }
    out += "</ul></dd>";
  }
  out += "</dl><pre class=\"json\">";
  append_json_html(out, s.definition, placeholder_link(ctx, m));
  out += "</pre></section>\n";
}

void append_live(std::string& out, const LiveMachine& live) {
  out += "<div class=\"lastrun\">";
  if (live.recent.empty()) {
    out += "<p>No executions yet.</p></div>\n";
    return;
  }
  const LiveExecution& last = live.recent.front();
  out += fmt::format("<p>Last execution <code>");
  append_escaped(out, last.name);
  out += fmt::format("</code>: <span class=\"status {}\">", status_class(last.status));
  append_escaped(out, last.status);
  out += "</span>";
  if (last.start) append_tag(out, " started ", core::format_iso8601(*last.start), "");
  out += "</p>";
  if (!live.last_error.empty() || !live.last_cause.empty()) {
    append_tag(out, "<p class=\"reason\">", live.last_error, "");
    if (!live.last_cause.empty()) append_tag(out, ": ", live.last_cause, "");
    out += "</p>";
  }
  if (!live.last_path.empty()) {
    out += "<ol class=\"path\">";
    for (const LiveVisit& v : live.last_path) {
      out += std::string("<li class=\"v-") + visit_class(v.outcome) + "\">";
      append_escaped(out, v.state);
      out += "</li>";
    }
    out += "</ol>";
  }
  out += "</div>\n";
}

}  // namespace

void append_machines_section(std::string& out, const PageContext& ctx, const std::vector<std::string>& svgs) {
  out += fmt::format("<section id=\"machines\"><h2>State machines <span class=\"count\">{}</span></h2>\n",
                     ctx.machines.size());
  if (ctx.machines.empty())
    out += "<p>The template has no state machine.</p>\n";
  else
    out +=
        "<p class=\"legend\"><span class=\"key next\">Next</span><span class=\"key choice\">Choice rule</span>"
        "<span class=\"key default\">Default</span><span class=\"key catch\">Catch</span><span class=\"key "
        "retry\">Retry</span><span class=\"key branch\">Parallel branch / Map items</span></p>\n";
  for (std::size_t k = 0; k < ctx.machines.size(); ++k) {
    const MachineInfo& m = ctx.machines[k];
    out += fmt::format("<article class=\"machine\" id=\"m{}\"><h3>", k);
    append_link(out, ctx.resource_detail(m.logical_id), m.logical_id);
    out += " <span class=\"type\">";
    append_escaped(out, m.machine_type);
    if (m.asl) out += fmt::format(" · {} states", m.asl->states.size());
    if (!m.role.empty()) append_tag(out, " · role ", m.role, "");
    out += "</span></h3>\n";
    if (!m.error.empty()) {
      append_tag(out, "<p class=\"problem\">The definition cannot be drawn: ", m.error, "</p></article>\n");
      continue;
    }
    if (!m.asl->comment.empty()) append_tag(out, "<p>", m.asl->comment, "</p>");
    for (const auto& problem : m.asl->problems) append_tag(out, "<p class=\"problem\">", problem, "</p>");
    std::map<std::string, std::string, std::less<>> outcome;
    if (auto it = ctx.live_machines.find(m.logical_id); it != ctx.live_machines.end()) {
      append_live(out, *it->second);
      for (const LiveVisit& v : it->second->last_path) outcome[v.state] = v.outcome;
    }
    out +=
        "<div class=\"explorer\">\n<div class=\"canvas\"><div class=\"tools\"><button type=\"button\" "
        "data-zoom=\"in\" aria-label=\"zoom in\">+</button><button type=\"button\" data-zoom=\"out\" "
        "aria-label=\"zoom out\">−</button><button type=\"button\" data-zoom=\"fit\">fit</button></div>\n";
    out += k < svgs.size() ? svgs[k] : std::string();
    out +=
        "</div>\n<aside class=\"details\" aria-live=\"polite\"><p class=\"hint\">Click a state to see its "
        "definition.</p>\n";
    for (std::size_t i = 0; i < m.asl->states.size(); ++i) append_state_detail(out, ctx, k, i, outcome);
    out += "</aside>\n</div>\n";
    if (!m.substitutions.empty()) {
      out += "<table class=\"subs\"><thead><tr><th>Placeholder</th><th>Stands for</th></tr></thead><tbody>";
      for (const auto& [name, value] : m.substitutions.items()) {
        append_tag(out, "<tr><td><code>${", name, "}</code></td><td><code>");
        append_json_html(out, value, [&](std::string_view id) { return ctx.resource_detail(id); });
        out += "</code></td></tr>";
      }
      out += "</tbody></table>\n";
    }
    out += "</article>\n";
  }
  out += "</section>\n";
}

}  // namespace hoplite::describe
