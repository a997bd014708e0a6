#pragma once
/// \file
/// The describe page: the whole service as one self-contained HTML file — resource graph,
/// state machine graphs, permissions, image, tasks and (when given) live status. No request ever
/// leaves the page (a Content-Security-Policy with hashes of the inline style and script says so
/// to the browser), it has light and dark colour schemes, and prints.
///
/// Graphs are laid out by Graphviz's `dot`, run as a program (Debian package graphviz), so the
/// service binary links nothing new. Without live data the page depends only on its inputs: the
/// same service gives the same bytes.
///
/// **Example**:
/// \code
///   describe::PageInput in{.service_name = svc.name(), .template_text = synthesize_text(svc, ctx)};
///   auto html = describe::render_page(in);
///   if (!html) return html.failure("describing the service");
///   core::write_file_atomic("service.html", *html);
/// \endcode

#include <optional>
#include <string>
#include <vector>

#include "hoplite/core/process.hpp"
#include "hoplite/core/result.hpp"
#include "hoplite/describe/image_summary.hpp"
#include "hoplite/describe/live.hpp"

namespace hoplite::describe {

/// A task of the service binary (`servicefull fargateTask`).
struct TaskInfo {
  std::string name;     ///< the task's subcommand
  std::string summary;  ///< its line in --help
};

/// Everything describe's page is made from.
struct PageInput {
  std::string service_name;           ///< the stack name; required
  std::string description;            ///< default: the template's Description
  std::string template_text;          ///< the synthesized template (JSON); required
  std::vector<TaskInfo> tasks;        ///< default: none
  std::string build_id;               ///< default: not shown
  std::string generator;              ///< e.g. "hoplite 0.1.0"; default: not shown
  std::optional<ImageSummary> image;  ///< default: the image section says why there is none
  std::string image_note;             ///< why there is no image (when `image` is empty)
  std::optional<LiveStatus> live;     ///< default: offline page
};

/// How the page is rendered (the layout runs Graphviz's dot).
struct PageOptions {
  core::ProcessRunner* runner = nullptr;  ///< runs dot; default: a PosixProcessRunner
  std::string dot_program = "dot";        ///< default: `dot` on PATH
};

/// The page's HTML. Errors: `describe.template` (the template cannot be read), `describe.dot`
/// (Graphviz missing or failing), `describe.layout`.
[[nodiscard]] core::Result<std::string> render_page(const PageInput& input, const PageOptions& options = {});

}  // namespace hoplite::describe
