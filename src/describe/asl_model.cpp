#include "describe/asl_model.hpp"

#include <map>

#include <fmt/format.h>

namespace hoplite::describe {
namespace {

constexpr std::size_t kLabelCells = 48;

std::string join(const Json& list, std::string_view sep) {
  std::string out;
  if (!list.is_array()) return out;
  for (const auto& v : list) {
    if (!v.is_string()) continue;
    if (!out.empty()) out += sep;
    out += v.get<std::string>();
  }
  return out;
}

std::string shorten(std::string text) {
  // Graph labels stay short; the detail view shows the whole text.
  if (text.size() <= kLabelCells) return text;
  std::size_t cut = kLabelCells - 1;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8 sequences
  return text.substr(0, cut) + "\xE2\x80\xA6";
}

std::string retry_text(const Json& retrier) {
  const std::string errors = retrier.contains("ErrorEquals") ? join(retrier["ErrorEquals"], ", ") : "";
  const double attempts = num_or(retrier, "MaxAttempts", 3);
  const double interval = num_or(retrier, "IntervalSeconds", 1);
  const double backoff = num_or(retrier, "BackoffRate", 2.0);
  return fmt::format("retry {} ×{:g} (every {:g}s, backoff ×{:g})", errors.empty() ? "?" : errors, attempts, interval,
                     backoff);
}

/// A scope waiting to be read: its states object and the scope's index.
struct PendingScope {
  const Json* states;
  const Json* start_at;
  std::size_t scope;
};

}  // namespace

const char* to_string(TransitionKind kind) {
  switch (kind) {
    case TransitionKind::next:
      return "next";
    case TransitionKind::choice:
      return "choice";
    case TransitionKind::choice_default:
      return "default";
    case TransitionKind::catch_error:
      return "catch";
    case TransitionKind::retry:
      return "retry";
  }
  return "?";
}

std::string integration_of(std::string_view resource) {
  if (const auto at = resource.find(":states:::"); at != std::string_view::npos) {
    return std::string(resource.substr(at + 10));  // ecs:runTask.sync
  }
  if (resource.find(":lambda:") != std::string_view::npos && resource.find(":function:") != std::string_view::npos)
    return "lambda:invoke";
  if (resource.find(":states:") != std::string_view::npos && resource.find(":activity:") != std::string_view::npos)
    return "activity";
  return {};
}

core::Result<AslMachine> read_asl(const Json& definition) {
  if (!definition.is_object()) return core::fail("describe.asl", "the definition is not a JSON object");
  auto top_states = definition.find("States");
  if (top_states == definition.end() || !top_states->is_object())
    return core::fail("describe.asl", "the definition has no States object");
  AslMachine m;
  if (auto c = definition.find("Comment"); c != definition.end() && c->is_string()) m.comment = c->get<std::string>();
  m.scopes.push_back({});
  auto start_at = definition.find("StartAt");
  std::vector<PendingScope> pending{{&*top_states, start_at == definition.end() ? nullptr : &*start_at, 0}};
  // Parallel branches and Map processors become scopes of their own; reading them from a work list
  // keeps nesting off the call stack.
  for (std::size_t p = 0; p < pending.size(); ++p) {
    const PendingScope job = pending[p];
    std::map<std::string, std::size_t, std::less<>> by_name;
    for (const auto& item : job.states->items()) {
      // Named, not a structured binding: the lambda below captures them (clang 14 cannot).
      const std::string& name = item.key();
      const Json& body = item.value();
      if (m.states.size() >= kMaxStates)
        return core::fail("describe.asl", fmt::format("the definition has more than {} states", kMaxStates));
      AslState s;
      s.name = name;
      s.scope = job.scope;
      if (body.is_object()) {
        s.type = str_or(body, "Type", "?");
        s.end = bool_or(body, "End", false) || s.type == "Succeed" || s.type == "Fail";
        if (auto r = body.find("Resource"); r != body.end() && r->is_string()) {
          s.resource = r->get<std::string>();
          s.integration = integration_of(s.resource);
        }
        s.definition = body;
        s.definition.erase("Branches");
        s.definition.erase("Iterator");
        s.definition.erase("ItemProcessor");
      } else {
        s.type = "?";
        m.problems.push_back(fmt::format("state '{}' is not a JSON object", name));
      }
      const std::size_t index = m.states.size();
      by_name.emplace(name, index);
      m.scopes[job.scope].states.push_back(index);
      if (body.is_object()) {
        auto add_scope = [&](const Json& holder, std::string label) {
          auto states = holder.find("States");
          if (!holder.is_object() || states == holder.end() || !states->is_object()) {
            m.problems.push_back(fmt::format("state '{}': {} has no States object", name, label));
            return;
          }
          m.scopes.push_back({.owner = index, .label = std::move(label)});
          auto sa = holder.find("StartAt");
          pending.push_back({&*states, sa == holder.end() ? nullptr : &*sa, m.scopes.size() - 1});
          s.children.push_back(m.scopes.size() - 1);
        };
        if (auto b = body.find("Branches"); b != body.end() && b->is_array()) {
          for (std::size_t i = 0; i < b->size(); ++i) add_scope((*b)[i], fmt::format("Branch {}", i + 1));
        }
        if (auto it = body.find("ItemProcessor"); it != body.end()) add_scope(*it, "Item processor");
        if (auto it = body.find("Iterator"); it != body.end()) add_scope(*it, "Iterator");
      }
      m.states.push_back(std::move(s));
    }

    auto resolve = [&](const Json& target, const std::string& from, const char* field) -> std::optional<std::size_t> {
      if (!target.is_string()) {
        m.problems.push_back(fmt::format("state '{}': {} is not a state name", from, field));
        return std::nullopt;
      }
      auto it = by_name.find(target.get<std::string>());
      if (it == by_name.end()) {
        m.problems.push_back(fmt::format("state '{}': {} names '{}', which is not in its scope", from, field,
                                         target.get<std::string>()));
        return std::nullopt;
      }
      return it->second;
    };
    if (job.start_at != nullptr) {
      m.scopes[job.scope].start = resolve(
          *job.start_at, m.scopes[job.scope].label.empty() ? "(machine)" : m.scopes[job.scope].label, "StartAt");
    } else {
      m.problems.push_back("a scope has no StartAt");
    }
    for (std::size_t index : m.scopes[job.scope].states) {
      const AslState& s = m.states[index];
      const Json& d = s.definition;
      if (!d.is_object()) continue;
      if (auto next = d.find("Next"); next != d.end()) {
        if (auto to = resolve(*next, s.name, "Next"))
          m.transitions.push_back({index, to, TransitionKind::next, "", ""});
      }
      if (auto choices = d.find("Choices"); choices != d.end() && choices->is_array()) {
        for (const auto& rule : *choices) {
          if (!rule.is_object()) continue;
          std::string text = choice_rule_text(rule);
          auto to = rule.contains("Next") ? resolve(rule["Next"], s.name, "a Choice rule's Next") : std::nullopt;
          if (to) m.transitions.push_back({index, to, TransitionKind::choice, shorten(text), text});
        }
      }
      if (auto def = d.find("Default"); def != d.end()) {
        if (auto to = resolve(*def, s.name, "Default"))
          m.transitions.push_back({index, to, TransitionKind::choice_default, "default", "Default"});
      }
      if (auto catches = d.find("Catch"); catches != d.end() && catches->is_array()) {
        for (const auto& c : *catches) {
          if (!c.is_object()) continue;
          std::string errors = c.contains("ErrorEquals") ? join(c["ErrorEquals"], ", ") : "";
          std::string text = "catch " + errors;
          if (auto rp = c.find("ResultPath"); rp != c.end() && rp->is_string())
            text += " → ResultPath " + rp->get<std::string>();
          auto to = c.contains("Next") ? resolve(c["Next"], s.name, "a Catch's Next") : std::nullopt;
          if (to) m.transitions.push_back({index, to, TransitionKind::catch_error, shorten("catch " + errors), text});
        }
      }
      if (auto retries = d.find("Retry"); retries != d.end() && retries->is_array()) {
        for (const auto& r : *retries) {
          if (!r.is_object()) continue;
          // The graph shows only the count (a self-loop's label widens the graph); the policy is in the text.
          std::string label = fmt::format("retry ×{:g}", num_or(r, "MaxAttempts", 3));
          m.transitions.push_back({index, index, TransitionKind::retry, std::move(label), retry_text(r)});
        }
      }
    }
  }
  return m;
}

}  // namespace hoplite::describe
