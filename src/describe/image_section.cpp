// The image and the tasks: what runs in the container, and which tasks the binary offers.
#include <fmt/format.h>

#include "describe/html.hpp"
#include "describe/json_html.hpp"
#include "describe/page_context.hpp"

namespace hoplite::describe {
namespace {

std::string bytes(std::int64_t n) {
  if (n < 1024) return fmt::format("{} B", n);
  if (n < 1024 * 1024) return fmt::format("{:.1f} KiB", static_cast<double>(n) / 1024);
  return fmt::format("{:.1f} MiB", static_cast<double>(n) / (1024.0 * 1024.0));
}

void append_argv(std::string& out, const std::vector<std::string>& argv) {
  out += "<code>[";
  for (std::size_t i = 0; i < argv.size(); ++i) {
    if (i > 0) out += ", ";
    append_tag(out, "\"", argv[i], "\"");
  }
  out += "]</code>";
}

/// Task definitions whose container command starts with `task`.
std::vector<std::string> run_by(const PageContext& ctx, const std::string& task) {
  std::vector<std::string> out;
  for (const Resource& r : ctx.model.resources) {
    if (r.type != "AWS::ECS::TaskDefinition" || !r.definition.contains("Properties")) continue;
    const Json& props = r.definition["Properties"];
    if (!props.is_object() || !props.contains("ContainerDefinitions") || !props["ContainerDefinitions"].is_array())
      continue;
    for (const Json& c : props["ContainerDefinitions"]) {
      if (!c.is_object() || !c.contains("Command") || !c["Command"].is_array() || c["Command"].empty()) continue;
      if (c["Command"][0].is_string() && c["Command"][0].get<std::string>() == task) {
        out.push_back(r.logical_id);
        break;
      }
    }
  }
  return out;
}

}  // namespace

void append_image_section(std::string& out, const PageContext& ctx) {
  out += "<section id=\"image\"><h2>Image</h2>\n";
  if (!ctx.input.image) {
    append_tag(out, "<p class=\"none\">", ctx.input.image_note.empty() ? "No image information." : ctx.input.image_note,
               "</p>\n");
  } else {
    const ImageSummary& img = *ctx.input.image;
    out += "<dl class=\"facts\">";
    append_tag(out, "<dt>Reference</dt><dd><code>", img.reference, "</code></dd>");
    append_tag(out, "<dt>Digest</dt><dd><code>", img.digest, "</code></dd>");
    append_tag(out, "<dt>Platform</dt><dd>", img.platform, "</dd>");
    append_tag(out, "<dt>Manifest</dt><dd><code>", img.media_type, "</code></dd>");
    if (!ctx.input.build_id.empty()) append_tag(out, "<dt>Build id</dt><dd><code>", ctx.input.build_id, "</code></dd>");
    out += "<dt>Entrypoint</dt><dd>";
    append_argv(out, img.entrypoint);
    out += "</dd><dt>Command</dt><dd>";
    append_argv(out, img.cmd);
    out += "</dd>";
    append_tag(out, "<dt>User</dt><dd><code>", img.user.empty() ? "root" : img.user, "</code></dd>");
    if (!img.working_dir.empty())
      append_tag(out, "<dt>Working directory</dt><dd><code>", img.working_dir, "</code></dd>");
    if (!img.env.empty()) {
      out += "<dt>Environment</dt><dd><ul class=\"refs\">";
      for (const auto& e : img.env) append_tag(out, "<li><code>", e, "</code></li>");
      out += "</ul></dd>";
    }
    if (!img.labels.empty()) {
      out += "<dt>Labels</dt><dd><ul class=\"refs\">";
      for (const auto& [k, v] : img.labels) {
        append_tag(out, "<li><code>", k, "</code> = ");
        append_tag(out, "<code>", v, "</code></li>");
      }
      out += "</ul></dd>";
    }
    out +=
        "</dl>\n<table class=\"layers\"><thead><tr><th>#</th><th>Layer</th><th>Size</th><th>Files</th><th>Largest "
        "files</th></tr></thead><tbody>\n";
    std::int64_t total = 0;
    for (std::size_t i = 0; i < img.layers.size(); ++i) {
      const LayerSummary& l = img.layers[i];
      total += l.size;
      out += fmt::format("<tr><td>{}</td><td><code>", i + 1);
      append_escaped(out, l.digest);
      out += "</code>";
      if (!l.created_by.empty()) append_tag(out, "<div class=\"how\">", l.created_by, "</div>");
      out += fmt::format("</td><td>{} <span class=\"how\">({} unpacked)</span></td><td>{}</td><td>", bytes(l.size),
                         bytes(l.uncompressed_size), l.files);
      for (const auto& [path, size] : l.largest) {
        append_tag(out, "<div><code>", path, "</code> ");
        out += bytes(size) + "</div>";
      }
      out += "</td></tr>\n";
    }
    out += fmt::format("</tbody><tfoot><tr><td></td><td>total</td><td>{}</td><td></td><td></td></tr></tfoot></table>\n",
                       bytes(total));
  }
  out += "</section>\n<section id=\"tasks\"><h2>Tasks</h2>\n";
  if (ctx.input.tasks.empty()) {
    out += "<p class=\"none\">The binary offers no tasks.</p>\n";
  } else {
    out += "<table><thead><tr><th>Task</th><th>What it does</th><th>Run by</th></tr></thead><tbody>\n";
    for (const TaskInfo& t : ctx.input.tasks) {
      append_tag(out, "<tr><td><code>", t.name, "</code>");
      if (ctx.input.image && !ctx.input.image->cmd.empty() && ctx.input.image->cmd.front() == t.name)
        out += " <span class=\"badge\">image default</span>";
      append_tag(out, "</td><td>", t.summary, "</td><td>");
      for (const auto& id : run_by(ctx, t.name)) {
        append_link(out, ctx.resource_detail(id), id);
        out += " ";
      }
      out += "</td></tr>\n";
    }
    out += "</tbody></table>\n";
  }
  out += "</section>\n";
}

}  // namespace hoplite::describe
