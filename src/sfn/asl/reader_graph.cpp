// Links transitions by name and checks the graph of one scope.
#include <fmt/format.h>

#include "sfn/asl/reader.hpp"

namespace hoplite::sfn::asl {

void Reader::link(StateGraph& g, const Json& /*states*/, const std::string& at) {
  auto resolve = [&](const std::string& name, const std::string& where, const char* field) -> const StateNode* {
    if (name.empty()) return nullptr;
    auto found = g.by_name.find(name);
    if (found != g.by_name.end()) return found->second;
    problem(DefinitionRule::kDanglingTarget, "MISSING_TRANSITION_TARGET",
            fmt::format("Missing '{}' target: {}", field, name), where);
    return nullptr;
  };
  for (auto& n : g.states) {
    n->next = resolve(n->next_name, n->pointer + "/Next", "Next");
    n->default_next = resolve(n->default_name, n->pointer + "/Default", "Default");
    for (auto& c : n->choices) c.next = resolve(c.next_name, c.pointer + "/Next", "Next");
    for (std::size_t i = 0; i < n->catchers.size(); ++i)
      n->catchers[i].next = resolve(n->catchers[i].next_name, fmt::format("{}/Catch/{}/Next", n->pointer, i), "Next");
  }
  // Reachability from StartAt, iteratively.
  if (g.start == nullptr) return;
  std::unordered_map<const StateNode*, bool> seen;
  std::vector<const StateNode*> todo{g.start};
  while (!todo.empty()) {
    const StateNode* n = todo.back();
    todo.pop_back();
    if (n == nullptr || seen[n]) continue;
    seen[n] = true;
    todo.push_back(n->next);
    todo.push_back(n->default_next);
    for (const auto& c : n->choices) todo.push_back(c.next);
    for (const auto& c : n->catchers) todo.push_back(c.next);
  }
  bool terminal = false;
  for (const auto& n : g.states) {
    if (!seen[n.get()])
      problem(DefinitionRule::kUnreachable, "MISSING_TRANSITION_TARGET",
              fmt::format("State \"{}\" is not reachable.", n->name), n->pointer);
    terminal = terminal || n->end || n->type == StateType::kSucceed || n->type == StateType::kFail;
  }
  if (!terminal)
    schema(DefinitionRule::kNoTerminal, "The workflow has no terminal state (End: true, Succeed or Fail)",
           at.empty() ? "/States" : at + "/States");
}

}  // namespace hoplite::sfn::asl
