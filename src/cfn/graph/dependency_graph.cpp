#include "hoplite/cfn/dependency_graph.hpp"

#include <algorithm>
#include <map>

#include "cfn/eval/references.hpp"
#include "hoplite/cfn/evaluator.hpp"

namespace hoplite::cfn {

std::size_t DependencyGraph::index_of(std::string_view logical_id) const {
  auto it = std::find(nodes.begin(), nodes.end(), logical_id);
  return static_cast<std::size_t>(it - nodes.begin());
}

namespace {

// Kahn's algorithm in waves; `forward` follows needs, otherwise needed_by. Returns the waves and
// leaves the nodes that never became ready (cycles and what hangs off them) in `stuck`.
std::vector<std::vector<std::size_t>> waves(const DependencyGraph& g, bool forward, std::vector<std::size_t>* stuck) {
  const auto& before = forward ? g.needs : g.needed_by;
  const auto& after = forward ? g.needed_by : g.needs;
  std::vector<std::size_t> waiting(g.nodes.size());
  std::vector<std::size_t> current;
  for (std::size_t i = 0; i < g.nodes.size(); ++i) {
    waiting[i] = before[i].size();
    if (waiting[i] == 0) current.push_back(i);
  }
  std::vector<std::vector<std::size_t>> out;
  std::size_t placed = 0;
  while (!current.empty()) {
    std::vector<std::size_t> next;
    for (std::size_t i : current) {
      for (std::size_t j : after[i]) {
        if (--waiting[j] == 0) next.push_back(j);
      }
    }
    placed += current.size();
    std::sort(next.begin(), next.end());
    out.push_back(std::move(current));
    current = std::move(next);
  }
  if (stuck != nullptr) {
    stuck->clear();
    for (std::size_t i = 0; i < g.nodes.size(); ++i) {
      if (waiting[i] != 0) stuck->push_back(i);
    }
  }
  (void)placed;
  return out;
}

std::vector<std::vector<std::string>> names(const DependencyGraph& g, const std::vector<std::vector<std::size_t>>& w,
                                            bool reverse_template_order) {
  std::vector<std::vector<std::string>> out;
  for (const auto& wave : w) {
    std::vector<std::size_t> sorted = wave;
    std::sort(sorted.begin(), sorted.end());
    if (reverse_template_order) std::reverse(sorted.begin(), sorted.end());
    std::vector<std::string> ids;
    for (std::size_t i : sorted) ids.push_back(g.nodes[i]);
    out.push_back(std::move(ids));
  }
  return out;
}

}  // namespace

std::vector<std::vector<std::string>> DependencyGraph::creation_waves() const {
  return names(*this, waves(*this, true, nullptr), false);
}

std::vector<std::vector<std::string>> DependencyGraph::deletion_waves() const {
  return names(*this, waves(*this, false, nullptr), true);
}

core::Result<DependencyGraph> build_dependency_graph(const TemplateDocument& doc, const Evaluator* evaluator) {
  DependencyGraph g;
  std::map<std::string, std::size_t, std::less<>> index;
  for (const TemplateResource& r : doc.resources) {
    if (evaluator != nullptr && !evaluator->active(r)) continue;
    index.emplace(r.logical_id, g.nodes.size());
    g.nodes.push_back(r.logical_id);
  }
  g.needs.resize(g.nodes.size());
  g.needed_by.resize(g.nodes.size());
  detail::BranchChooser choose = [evaluator](std::string_view c) -> std::optional<bool> {
    return evaluator->condition(c);
  };
  for (const TemplateResource& r : doc.resources) {
    auto self = index.find(r.logical_id);
    if (self == index.end()) continue;
    for (const std::string& dep : detail::resource_dependencies(doc, r, evaluator != nullptr ? &choose : nullptr)) {
      auto target = index.find(dep);
      if (target == index.end()) continue;
      g.needs[self->second].push_back(target->second);
      g.needed_by[target->second].push_back(self->second);
    }
  }
  for (auto& list : g.needs) std::sort(list.begin(), list.end());
  for (auto& list : g.needed_by) std::sort(list.begin(), list.end());
  std::vector<std::size_t> stuck;
  waves(g, true, &stuck);
  if (!stuck.empty()) {
    std::string list;
    for (std::size_t i : stuck) list += (list.empty() ? "" : ", ") + g.nodes[i];
    return core::fail(validation_error("Template format error: Circular dependency between resources: [" + list + "]"));
  }
  return g;
}

Schedule::Schedule(const DependencyGraph& graph, Direction direction)
    : graph_(graph), direction_(direction), waiting_(graph.nodes.size()), finished_(graph.nodes.size(), false) {
  const auto& before = direction == Direction::create ? graph.needs : graph.needed_by;
  for (std::size_t i = 0; i < graph.nodes.size(); ++i) waiting_[i] = before[i].size();
}

std::vector<std::string> Schedule::ready() const {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < graph_.nodes.size(); ++i) {
    if (waiting_[i] == 0 && !finished_[i]) out.push_back(graph_.nodes[i]);
  }
  if (direction_ == Direction::remove) std::reverse(out.begin(), out.end());
  return out;
}

std::vector<std::string> Schedule::complete(std::string_view logical_id) {
  std::size_t i = graph_.index_of(logical_id);
  if (i >= graph_.nodes.size() || finished_[i] || waiting_[i] != 0) return {};
  finished_[i] = true;
  ++completed_;
  const auto& after = direction_ == Direction::create ? graph_.needed_by : graph_.needs;
  std::vector<std::size_t> now;
  for (std::size_t j : after[i]) {
    if (--waiting_[j] == 0) now.push_back(j);
  }
  std::sort(now.begin(), now.end());
  if (direction_ == Direction::remove) std::reverse(now.begin(), now.end());
  std::vector<std::string> out;
  for (std::size_t j : now) out.push_back(graph_.nodes[j]);
  return out;
}

}  // namespace hoplite::cfn
