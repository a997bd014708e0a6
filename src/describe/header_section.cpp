// The top of the page: what the service is, where the data comes from, and the table of contents.
#include <fmt/format.h>

#include "describe/html.hpp"
#include "describe/page_context.hpp"

namespace hoplite::describe {

void append_header(std::string& out, const PageContext& ctx) {
  const PageInput& in = ctx.input;
  std::size_t states = 0;
  for (const auto& m : ctx.machines)
    if (m.asl) states += m.asl->states.size();
  out += "<header>\n<div class=\"title\">";
  append_tag(out, "<h1>", in.service_name, "</h1>");
  const std::string& description = in.description.empty() ? ctx.model.description : in.description;
  if (!description.empty()) append_tag(out, "<p class=\"description\">", description, "</p>");
  out += "</div>\n<div class=\"facts\">";
  if (in.live) {
    out += "<span class=\"badge live\">live · ";
    append_escaped(out, in.live->where.empty() ? "AWS" : in.live->where);
    out += "</span>";
  } else {
    out += "<span class=\"badge\">offline</span>";
  }
  if (!in.build_id.empty()) append_tag(out, "<span class=\"badge\">build <code>", in.build_id, "</code></span>");
  out +=
      fmt::format("<span class=\"badge\">{} resources</span><span class=\"badge\">{} state machine{}, {} states</span>",
                  ctx.model.resources.size(), ctx.machines.size(), ctx.machines.size() == 1 ? "" : "s", states);
  out +=
      "<button id=\"theme\" type=\"button\" title=\"Colour scheme: follow the system, light or dark\">theme: "
      "auto</button>";
  out +=
      "</div>\n</header>\n<nav><a href=\"#resources\">Resources</a><a href=\"#machines\">State machines</a>"
      "<a href=\"#permissions\">Permissions</a><a href=\"#image\">Image</a><a href=\"#tasks\">Tasks</a>"
      "<a href=\"#live\">Live status</a></nav>\n";
}

}  // namespace hoplite::describe
