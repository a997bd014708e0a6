// Permissions: each IAM role, who may assume it, who uses it, and its statements with what needs
// each one.
#include <fmt/format.h>

#include "describe/html.hpp"
#include "describe/json_html.hpp"
#include "describe/page_context.hpp"

namespace hoplite::describe {
namespace {

void append_list(std::string& out, const std::vector<std::string>& items, std::string_view empty) {
  if (items.empty()) {
    append_tag(out, "<span class=\"none\">", empty, "</span>");
    return;
  }
  out += "<ul class=\"refs\">";
  for (const auto& item : items) append_tag(out, "<li>", item, "</li>");
  out += "</ul>";
}

}  // namespace

void append_permissions_section(std::string& out, const PageContext& ctx, const std::vector<RoleInfo>& roles) {
  const DetailLink link = [&](std::string_view id) { return ctx.resource_detail(id); };
  out += fmt::format("<section id=\"permissions\"><h2>Permissions <span class=\"count\">{} role{}</span></h2>\n",
                     roles.size(), roles.size() == 1 ? "" : "s");
  if (roles.empty()) out += "<p>The template has no IAM role.</p>\n";
  for (const RoleInfo& role : roles) {
    out += "<article class=\"role\"><h3>";
    append_link(out, ctx.resource_detail(role.logical_id), role.logical_id);
    out += "</h3><dl><dt>Trusted by</dt><dd>";
    append_list(out, role.trusted, "nobody (no trust policy)");
    out += "</dd><dt>Used by</dt><dd>";
    append_list(out, role.used_by, "no resource of the template");
    out += "</dd>";
    if (!role.managed_policies.empty()) {
      out += "<dt>Managed policies</dt><dd><ul class=\"refs\">";
      for (const Json& p : role.managed_policies) {
        out += "<li><code>";
        append_json_html(out, p, link);
        out += "</code></li>";
      }
      out += "</ul></dd>";
    }
    out += "</dl>";
    if (role.statements.empty()) {
      out += "<p class=\"none\">No inline statements.</p></article>\n";
      continue;
    }
    out +=
        "<table class=\"statements\"><thead><tr><th>Policy</th><th>Effect</th><th>Actions</th><th>Resources</th>"
        "<th>Condition</th><th>Needed by</th></tr></thead><tbody>\n";
    for (const StatementInfo& st : role.statements) {
      append_tag(out, "<tr><td>", st.policy, "</td>");
      append_tag(out, st.effect == "Deny" ? "<td class=\"deny\">" : "<td>", st.effect, "</td><td>");
      for (const auto& a : st.actions) append_tag(out, "<code class=\"action\">", a, "</code> ");
      out += "</td><td>";
      for (const Json& r : st.resources) {
        out += "<div><code>";
        append_json_html(out, r, link);
        out += "</code></div>";
      }
      out += "</td><td>";
      if (!st.condition.is_null()) {
        out += "<pre class=\"json\">";
        append_json_html(out, st.condition, link);
        out += "</pre>";
      }
      out += "</td><td>";
      append_list(out, st.needed_by, "not matched to a state or task");
      out += "</td></tr>\n";
    }
    out += "</tbody></table></article>\n";
  }
  out += "</section>\n";
}

}  // namespace hoplite::describe
