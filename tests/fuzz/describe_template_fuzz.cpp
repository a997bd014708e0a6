// Fuzz target: describe's readers of a template (resources, references, state machine definitions,
// roles) and everything drawn from them short of running dot — the dot input, the JSON views.
// Seeds: tests/fuzz/corpus/describe_template/ (the example's template and variants).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "describe/graph.hpp"
#include "describe/json_html.hpp"
#include "describe/machines.hpp"
#include "describe/page_context.hpp"
#include "describe/permissions.hpp"
#include "describe/template_model.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hoplite::describe;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto model = read_template(text);
  if (!model) return 0;
  const auto machines = read_machines(*model);
  PageInput input{.service_name = "Fuzz", .tasks = {{"work", "a task"}}};
  const PageContext ctx(input, *model, machines);
  (void)read_roles(*model, machines, ctx.task_names());
  (void)to_dot(resource_graph(ctx));
  for (std::size_t k = 0; k < machines.size(); ++k) (void)to_dot(machine_graph(ctx, k));
  std::string out;
  for (const Resource& r : model->resources)
    append_json_html(out, r.definition, [&](std::string_view id) { return ctx.resource_detail(id); });
  return 0;
}
