#include "hoplite/provision/deploy.hpp"

#include <fmt/format.h>

#include "hoplite/core/log.hpp"
#include "hoplite/core/sha256.hpp"
#include "hoplite/core/terminal_text.hpp"

namespace hoplite::provision {

namespace cf = aws::cloudformation;

namespace {

bool change_set_missing(const core::Error& e) {
  return e.code == "ChangeSetNotFound" || e.code == "ChangeSetNotFoundException" || cf::is_stack_not_found(e);
}

// CloudFormation's reasons for a change set that changes nothing (the wording differs between a
// template that is the same and one whose differences have no effect).
bool says_no_changes(const std::string& reason) {
  return reason.find("didn't contain changes") != std::string::npos ||
         reason.find("No updates are to be performed") != std::string::npos;
}

std::vector<cf::Parameter> parameters_of(const StackTarget& t) {
  std::vector<cf::Parameter> out;
  for (const auto& [k, v] : t.parameters) out.push_back({.key = k, .value = v});
  return out;
}

cf::TemplateSource source_of(const StackTarget& t) {
  if (t.template_url) return {.template_url = t.template_url};
  return {.template_body = t.template_body};
}

// Waits until CloudFormation has computed the change set.
core::Result<cf::DescribeChangeSetResponse> settle(cf::Client& cfn, const std::string& id, const WaitOptions& w,
                                                   bool values) {
  core::Clock& clock = w.clock != nullptr ? *w.clock : core::system_clock();
  const auto deadline = clock.now() + w.timeout;
  auto interval = std::chrono::milliseconds(std::min<long long>(w.first_interval.count(), 20));
  for (;;) {
    auto d = cfn.describe_change_set_all(
        {.change_set_name = id, .stack_name = {}, .next_token = {}, .include_property_values = values});
    if (!d) return d.failure("describing change set " + id);
    if (d->status != "CREATE_PENDING" && d->status != "CREATE_IN_PROGRESS") return d;
    if (w.interrupted && w.interrupted()) return core::fail("provision.interrupted", "interrupted");
    if (clock.now() >= deadline) return core::fail("provision.timeout", "change set " + id + " still " + d->status);
    clock.sleep_for(interval);
    interval = std::min(interval * 2, w.interval);
  }
}

}  // namespace

std::string change_set_name(const StackTarget& t) {
  core::Sha256 h;
  h.update(t.template_url.value_or(""));
  h.update(std::string(1, '\0'));
  h.update(t.template_body);
  for (const auto& [k, v] : t.parameters) {
    h.update(std::string(1, '\0') + k + '=' + v);
  }
  return "hoplite-" + h.finish_hex().substr(0, 16);
}

core::Result<StackBefore> prepare_stack(cf::Client& cfn, const std::string& name, const WaitOptions& wait,
                                        bool read_only) {
  StackBefore before;
  auto found = cfn.find_stack(name);
  if (!found) return found.failure("reading stack " + name);
  before.stack = std::move(*found);
  if (!before.stack) return before;
  if (!is_terminal_stack_status(before.stack->stack_status) && before.stack->stack_status != "REVIEW_IN_PROGRESS") {
    // An earlier run (or someone else) is still at it: wait for the stack to settle first.
    core::log::info("stack {} is {}; waiting for it to settle", name, before.stack->stack_status);
    StackEventStream stream(cfn, before.stack->stack_id);
    if (auto s = stream.start(); !s) return s.failure();
    auto settled = wait_for_stack(cfn, stream, before.stack->stack_id, wait);
    if (!settled) return settled.failure();
    before.stack = std::move(*settled);
    if (!before.stack) return before;
  }
  if (before.stack->stack_status == "ROLLBACK_COMPLETE" && !read_only) {
    // AWS accepts no update of a stack whose creation failed: it has to go first.
    core::log::info("stack {} is ROLLBACK_COMPLETE (its creation failed): deleting it first", name);
    auto gone = delete_stack(cfn, before.stack->stack_id, wait);
    if (!gone) return gone.failure("deleting the failed stack " + name);
    if (!gone->succeeded)
      return core::fail("provision.stack", "cannot delete the failed stack: " + failure_text(*gone));
    before.stack.reset();
    before.deleted_failed_create = true;
  }
  return before;
}

core::Result<bool> already_deployed(cf::Client& cfn, const cf::Stack& stack, const StackTarget& target) {
  const std::string& s = stack.stack_status;
  if (s != "CREATE_COMPLETE" && s != "UPDATE_COMPLETE" && s != "UPDATE_ROLLBACK_COMPLETE") return false;
  std::map<std::string, std::string> params;
  for (const auto& p : stack.parameters) params[p.key] = p.value;
  if (params != target.parameters) return false;
  auto body = cfn.get_template({.stack_name = stack.stack_id});
  if (!body) return body.failure("reading the template of " + stack.stack_name);
  return *body == target.template_body;
}

core::Result<Plan> plan(cf::Client& cfn, const StackBefore& before, const StackTarget& target, const WaitOptions& wait,
                        bool values) {
  Plan out;
  const bool review = before.stack && before.stack->stack_status == "REVIEW_IN_PROGRESS";
  out.create = !before.stack || review;
  const std::string name = change_set_name(target);
  const std::string stack_ref = before.stack ? before.stack->stack_id : target.stack_name;

  // Describe before create: a change set of this name left by an interrupted run is reused.
  std::string id;
  if (before.stack) {
    auto existing = cfn.describe_change_set({.change_set_name = name, .stack_name = stack_ref});
    if (existing) {
      const bool usable = existing->execution_status == "AVAILABLE" || existing->status == "CREATE_PENDING" ||
                          existing->status == "CREATE_IN_PROGRESS";
      if (usable) {
        id = existing->change_set_id;
        core::log::debug("reusing change set {}", name);
      } else {
        if (auto d = cfn.delete_change_set({.change_set_name = existing->change_set_id}); !d)
          return d.failure("deleting the stale change set " + name);
      }
    } else if (!change_set_missing(existing.error())) {
      return existing.failure("looking for change set " + name);
    }
  }
  if (id.empty()) {
    auto created = cfn.create_change_set({.stack_name = target.stack_name,
                                          .change_set_name = name,
                                          .source = source_of(target),
                                          .parameters = parameters_of(target),
                                          .capabilities = target.capabilities,
                                          .change_set_type = out.create ? "CREATE" : "UPDATE",
                                          .description = std::string("hoplite provision")});
    if (!created) return created.failure("creating change set " + name);
    id = created->id;
  }
  auto described = settle(cfn, id, wait, values);
  if (!described) return described.failure();
  out.change_set_id = described->change_set_id.empty() ? id : described->change_set_id;
  out.stack_id = described->stack_id;
  if (described->status == "FAILED") {
    if (says_no_changes(described->status_reason)) {
      out.no_changes = true;
      if (auto d = cfn.delete_change_set({.change_set_name = out.change_set_id}); !d)
        core::log::warn("could not delete the empty change set {}: {}", name, d.error().to_string());
      out.change_set_id.clear();
      return out;
    }
    return core::fail("provision.change_set",
                      "change set " + name + " failed: " + core::terminal_safe(described->status_reason, 2048));
  }
  out.changes = std::move(described->changes);
  return out;
}

void discard_plan(cf::Client& cfn, const Plan& p) {
  if (p.change_set_id.empty()) return;
  if (auto d = cfn.delete_change_set({.change_set_name = p.change_set_id}); !d)
    core::log::warn("could not delete change set {}: {}", p.change_set_id, d.error().to_string());
  if (p.create && !p.stack_id.empty()) {
    // A CREATE change set made an empty stack in REVIEW_IN_PROGRESS; leave nothing behind.
    if (auto d = cfn.delete_stack({.stack_name = p.stack_id}); !d)
      core::log::warn("could not delete the stack the change set made: {}", d.error().to_string());
  }
}

core::Result<Outcome> execute_plan(cf::Client& cfn, const Plan& p, const WaitOptions& wait) {
  StackEventStream stream(cfn, p.stack_id);
  if (auto s = stream.start(); !s) return s.failure();
  if (auto e = cfn.execute_change_set({.change_set_name = p.change_set_id}); !e)
    return e.failure("executing change set " + p.change_set_id);
  auto settled = wait_for_stack(cfn, stream, p.stack_id, wait);
  if (!settled) return settled.failure();
  Outcome out;
  out.stack = std::move(*settled);
  out.events = stream.events();
  out.succeeded = out.stack && !is_failed_stack_status(out.stack->stack_status);
  if (!out.succeeded) out.first_failure = first_failure(out.events);
  return out;
}

core::Result<Outcome> delete_stack(cf::Client& cfn, const std::string& stack_name, const WaitOptions& wait) {
  Outcome out;
  auto found = cfn.find_stack(stack_name);
  if (!found) return found.failure("reading stack " + stack_name);
  if (!*found) {
    out.succeeded = true;
    return out;
  }
  const std::string id = (*found)->stack_id;
  StackEventStream stream(cfn, id);
  if (auto s = stream.start(); !s) return s.failure();
  if ((*found)->stack_status != "DELETE_IN_PROGRESS") {
    if (auto d = cfn.delete_stack({.stack_name = id}); !d) return d.failure("deleting stack " + stack_name);
  }
  auto settled = wait_for_stack(cfn, stream, id, wait);
  if (!settled) return settled.failure();
  out.stack = std::move(*settled);
  out.events = stream.events();
  out.succeeded = !out.stack;
  if (!out.succeeded) out.first_failure = first_failure(out.events);
  return out;
}

std::string failure_text(const Outcome& o) {
  auto safe = [](const std::string& s) { return core::terminal_safe(s, 2048); };
  std::string status = o.stack ? o.stack->stack_status : "DELETED";
  if (!o.first_failure) {
    std::string reason = o.stack ? o.stack->stack_status_reason : "";
    return reason.empty() ? "stack ended " + safe(status) : "stack ended " + safe(status) + ": " + safe(reason);
  }
  const auto& f = *o.first_failure;
  return fmt::format("stack ended {}; first failure: {} ({}) {}: {}", safe(status), safe(f.logical_resource_id),
                     safe(f.resource_type), safe(f.resource_status), safe(f.resource_status_reason));
}

}  // namespace hoplite::provision
