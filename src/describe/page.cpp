// The page: reads the template, lays out every graph with dot (in parallel when dot is the real
// program), and assembles the sections around one inline stylesheet and one inline script whose
// hashes are the only sources the Content-Security-Policy allows.
#include "hoplite/describe/page.hpp"

#include <algorithm>
#include <atomic>
#include <thread>

#include <fmt/format.h>

#include "describe/html.hpp"
#include "describe/page_context.hpp"
#include "hoplite/core/base64.hpp"
#include "hoplite/core/sha256.hpp"

namespace hoplite::describe {
namespace {

constexpr std::size_t kLayoutWorkers = 4;

std::string csp_hash(std::string_view text) { return "'sha256-" + core::base64_encode(core::sha256(text)) + "'"; }

core::Result<std::vector<std::string>> lay_out(const std::vector<Graph>& graphs, const PageOptions& options) {
  std::vector<std::string> svgs(graphs.size());
  auto one = [&](std::size_t i, core::ProcessRunner& runner) -> core::Result<void> {
    if (graphs[i].nodes.empty()) return core::ok();
    auto layout = layout_with_dot(graphs[i], runner, options.dot_program);
    if (!layout) return layout.failure(graphs[i].label);
    svgs[i] = render_svg(graphs[i], *layout);
    return core::ok();
  };
  if (options.runner != nullptr) {  // an injected runner may not be thread-safe: one graph at a time
    for (std::size_t i = 0; i < graphs.size(); ++i)
      if (auto r = one(i, *options.runner); !r) return r.failure();
    return svgs;
  }
  // dot is single-threaded and the graphs are independent: a few workers lay them out side by
  // side (a few, not one per graph: a template may hold many state machines).
  std::atomic<std::size_t> next{0};
  std::vector<std::optional<core::Error>> errors(graphs.size());  // by graph: the first is reported
  auto worker = [&] {
    core::PosixProcessRunner runner;
    for (std::size_t i = next++; i < graphs.size(); i = next++) {
      if (auto r = one(i, runner); !r) errors[i] = r.error();
    }
  };
  std::vector<std::thread> workers;
  const std::size_t count = std::min<std::size_t>(graphs.size(), kLayoutWorkers);
  for (std::size_t w = 1; w < count; ++w) workers.emplace_back(worker);
  worker();
  for (auto& t : workers) t.join();
  for (auto& e : errors)
    if (e) return core::fail(*e);
  return svgs;
}

}  // namespace

core::Result<std::string> render_page(const PageInput& input, const PageOptions& options) {
  auto model = read_template(input.template_text);
  if (!model) return model.failure();
  const std::vector<MachineInfo> machines = read_machines(*model);
  const PageContext ctx(input, *model, machines);
  const std::vector<RoleInfo> roles = read_roles(*model, machines, ctx.task_names());

  std::vector<Graph> graphs{resource_graph(ctx)};
  for (std::size_t k = 0; k < machines.size(); ++k) graphs.push_back(machine_graph(ctx, k));
  auto svgs = lay_out(graphs, options);
  if (!svgs) return svgs.failure();

  const std::string_view css = page_css();
  const std::string_view js = page_js();
  std::string out;
  out.reserve(64 * 1024 + svgs->front().size() * 2);
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  // No request may leave the page: nothing but the inline style and script below is allowed.
  out += fmt::format(
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src {}; script-src {}; "
      "img-src data:; base-uri 'none'; form-action 'none'\">\n",
      csp_hash(css), csp_hash(js));
  out += "<meta name=\"color-scheme\" content=\"light dark\">\n";
  if (!input.generator.empty()) {
    out += "<meta name=\"generator\" content=\"";
    append_escaped(out, input.generator);
    out += "\">\n";
  }
  out += "<title>";
  append_escaped(out, input.service_name);
  out += " — hoplite describe</title>\n<style>";
  out += css;
  out += "</style>\n</head>\n<body>\n";
  append_header(out, ctx);
  out += "<main>\n";
  append_resources_section(out, ctx, svgs->front());
  append_machines_section(out, ctx, std::vector<std::string>(svgs->begin() + 1, svgs->end()));
  append_permissions_section(out, ctx, roles);
  append_image_section(out, ctx);
  append_live_section(out, ctx);
  out += "</main>\n<footer>";
  if (!input.generator.empty()) {
    out += "Made by ";
    append_escaped(out, input.generator);
    out += " <code>describe</code>. ";
  }
  out += "Graphs laid out by Graphviz dot. This file makes no network requests.</footer>\n<script>";
  out += js;
  out += "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace hoplite::describe
