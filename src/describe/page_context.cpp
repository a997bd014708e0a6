#include "describe/page_context.hpp"

#include <fmt/format.h>

namespace hoplite::describe {

PageContext::PageContext(const PageInput& in, const TemplateModel& m, const std::vector<MachineInfo>& ms)
    : input(in), model(m), machines(ms) {
  if (input.live) {
    for (const auto& r : input.live->resources) live_resources.emplace(r.logical_id, &r);
    for (const auto& lm : input.live->machines) live_machines.emplace(lm.logical_id, &lm);
  }
}

std::string PageContext::resource_detail(std::string_view logical_id) const {
  const std::size_t i = model.index_of(logical_id);
  return i == std::string::npos ? std::string() : fmt::format("d-r{}", i);
}

std::string PageContext::state_detail(std::size_t machine, std::size_t state) {
  return fmt::format("d-m{}-s{}", machine, state);
}

const LiveResource* PageContext::live(std::string_view logical_id) const {
  auto it = live_resources.find(logical_id);
  return it == live_resources.end() ? nullptr : it->second;
}

std::vector<std::string> PageContext::task_names() const {
  std::vector<std::string> names;
  for (const auto& t : input.tasks) names.push_back(t.name);
  return names;
}

const char* visit_class(std::string_view outcome) {
  if (outcome == "succeeded") return "succeeded";
  if (outcome == "failed") return "failed";
  return "running";
}

const char* status_class(std::string_view status) {
  for (std::string_view bad : {"FAILED", "ROLLBACK", "TIMED_OUT", "ABORTED"})
    if (status.find(bad) != std::string_view::npos) return "bad";
  if (status.ends_with("IN_PROGRESS") || status.ends_with("PENDING") || status == "RUNNING") return "busy";
  if (status.ends_with("COMPLETE") || status == "SUCCEEDED") return "ok";
  return "other";
}

}  // namespace hoplite::describe
