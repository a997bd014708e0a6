// The status machine of one stack (see stack_run.hpp). Statuses, event sequences and reasons are
// AWS's, as its recorded responses show them (tests/testdata/cfn/aws-recorded):
//   create:  CREATE_IN_PROGRESS "User Initiated" -> per resource CREATE_IN_PROGRESS,
//            CREATE_IN_PROGRESS "Resource creation Initiated", CREATE_COMPLETE -> CREATE_COMPLETE;
//            a failure -> ROLLBACK_IN_PROGRESS "The following resource(s) failed to create: [X].
//            Rollback requested by user." -> DELETE_* per resource -> ROLLBACK_COMPLETE.
//   update:  UPDATE_IN_PROGRESS -> per resource UPDATE_* (or CREATE_*) ->
//            UPDATE_COMPLETE_CLEANUP_IN_PROGRESS (removed and replaced resources deleted) ->
//            UPDATE_COMPLETE; a failure -> UPDATE_ROLLBACK_IN_PROGRESS -> previous properties and
//            physical resources restored -> UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS (what the
//            update created is deleted) -> UPDATE_ROLLBACK_COMPLETE.
//   delete:  DELETE_IN_PROGRESS -> per resource DELETE_IN_PROGRESS, DELETE_COMPLETE (or
//            DELETE_SKIPPED for DeletionPolicy Retain), reverse dependency order -> DELETE_COMPLETE.
#include "local/cloudformation/stack_run.hpp"

#include "hoplite/cfn/spec_validation.hpp"
#include "hoplite/core/time_format.hpp"
#include "local/cloudformation/cfn_names.hpp"
#include "local/cloudformation/engine.hpp"
#include "local/cloudformation/template_prep.hpp"
#include "local/ids.hpp"
#include "local/sql_values.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::cloudformation {
namespace {

const nlohmann::json kEmpty = nlohmann::json::object();

nlohmann::json to_json(const cfn::TemplateValue& v) { return nlohmann::json::parse(v.dump()); }

std::string policy(const cfn::TemplateValue& v) { return v.is_string() ? v.get<std::string>() : "Delete"; }

std::string id_list(const std::vector<std::string>& ids) {
  std::string out = "[";
  for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? ", " : "") + ids[i];
  return out + "]";
}

/// A provider's failure as the resource's status reason.
std::string handler_message(const core::Error& e) {
  std::string text = e.message.empty() ? e.code : e.message;
  return "Resource handler returned message: \"" + text + "\"";
}

std::string output_text(const cfn::TemplateValue& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array()) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i)
      out += (i ? "," : "") + (v[i].is_string() ? v[i].get<std::string>() : v[i].dump());
    return out;
  }
  return v.dump();
}

}  // namespace

// ================= phases =================

void StackRun::begin() {
  std::lock_guard lock(mutex_);
  if (engine_.stopping()) return;
  if (auto loaded = load_locked(); !loaded) {
    engine_.finished(stack_id_);
    return;
  }
  start_pass_locked();
}

core::Result<void> StackRun::load_locked() {
  auto loaded = engine_.house_.db.transaction<bool>([&](store::Tx& tx) -> core::Result<bool> {
    StackTable table(tx);
    auto s = table.stack(stack_id_);
    if (!s) return s.failure();
    if (!*s) return false;
    stack_ = std::move(**s);
    auto rows = table.resources(stack_id_);
    if (!rows) return rows.failure();
    rows_.clear();
    for (auto& r : *rows) rows_.emplace(r.logical_id, std::move(r));
    return true;
  });
  if (!loaded) return loaded.failure();
  if (!*loaded) return core::fail("local.cloudformation", "stack " + stack_id_ + " is gone");
  call_ = engine_call(stack_, engine_.house_.clock.now());
  context_ = stack_context(stack_);
  return core::ok();
}

void StackRun::start_pass_locked() {
  const std::string& s = stack_.status;
  std::optional<Pass> pass;
  if (s == "CREATE_IN_PROGRESS") pass = Pass::create;
  if (s == "UPDATE_IN_PROGRESS") pass = Pass::update;
  if (s == "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS") pass = Pass::cleanup;
  if (s == "ROLLBACK_IN_PROGRESS") pass = Pass::rollback;
  if (s == "DELETE_IN_PROGRESS") pass = Pass::remove;
  if (s == "UPDATE_ROLLBACK_IN_PROGRESS") pass = Pass::update_rollback;
  if (s == "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS") pass = Pass::update_rollback_cleanup;
  if (!pass) {
    engine_.finished(stack_id_);
    return;
  }
  pass_ = *pass;
  ready_.clear();
  in_flight_ = 0;
  failed_.clear();
  failed_creates_.clear();
  stop_starting_ = false;
  pass_error_.clear();
  if (auto ok = setup_pass_locked(*pass); !ok) {
    pass_error_ = ok.error().message;
    end_pass_locked();
    return;
  }
  pump_locked();
}

core::Result<void> StackRun::setup_pass_locked(Pass pass) {
  bool previous = pass == Pass::cleanup || pass == Pass::update_rollback;
  const std::string& body = previous ? stack_.previous_template : stack_.template_body;
  if (body.empty() && pass == Pass::remove) {
    // A stack that never got a template (REVIEW_IN_PROGRESS): nothing to delete.
    doc_.reset();
    graph_ = cfn::DependencyGraph{};
    schedule_ = std::make_unique<cfn::Schedule>(*graph_, cfn::Schedule::Direction::remove);
    return core::ok();
  }
  auto doc = cfn::read_template(body, {.max_body_bytes = cfn::kMaxTemplateUrlBytes * 2});
  if (!doc) return doc.failure();
  doc_ = std::move(*doc);
  params_ = parameters_from_json(previous ? stack_.previous_parameters : stack_.parameters);
  new_doc_.reset();
  if (pass == Pass::cleanup) {
    auto kept = cfn::read_template(stack_.template_body, {.max_body_bytes = cfn::kMaxTemplateUrlBytes * 2});
    if (!kept) return kept.failure();
    new_doc_ = std::move(*kept);
  }
  resolver_ = std::make_unique<StackResolver>(engine_.house_, call_, &rows_, engine_.providers_.ssm);
  dropped_.clear();
  if (pass == Pass::cleanup) {
    // A resource the kept template still declares but whose Condition turned false is removed
    // with the rest (AWS shows its DELETE_IN_PROGRESS and DELETE_COMPLETE during the cleanup).
    auto kept_params = parameters_from_json(stack_.parameters);
    cfn::Evaluator kept(*new_doc_, context_, kept_params, *resolver_);
    if (auto ok = kept.evaluate_conditions(); !ok) return ok.failure();
    for (const auto& r : new_doc_->resources)
      if (!kept.active(r)) dropped_.insert(r.logical_id);
  }
  evaluator_ = std::make_unique<cfn::Evaluator>(*doc_, context_, params_, *resolver_);
  bool forward = pass == Pass::create || pass == Pass::update || pass == Pass::update_rollback;
  if (forward) {
    if (auto ok = evaluator_->evaluate_conditions(); !ok) return ok.failure();
    if (pass == Pass::create) {
      // AWS checks GetAtt attributes when the operation starts: the stack rolls back before any
      // resource is touched.
      if (auto ok = cfn::check_attributes(*doc_); !ok) return ok.failure();
    }
  }
  auto graph = cfn::build_dependency_graph(*doc_, forward ? evaluator_.get() : nullptr);
  if (!graph) return graph.failure();
  graph_ = std::move(*graph);
  schedule_ = std::make_unique<cfn::Schedule>(
      *graph_, forward ? cfn::Schedule::Direction::create : cfn::Schedule::Direction::remove);
  for (const auto& id : schedule_->ready()) ready_.push_back(id);
  return core::ok();
}

void StackRun::pump_locked() {
  std::size_t limit = engine_.options_.one_at_a_time ? 1 : static_cast<std::size_t>(-1);
  if (pass_ == Pass::update && cancel_) stop_starting_ = true;
  std::vector<std::pair<std::string, Work>> started;
  while (!stop_starting_ && !ready_.empty() && in_flight_ < limit) {
    std::string id = ready_.front();
    ready_.pop_front();
    Work work = prepare_locked(id);
    if (work.kind == Work::Kind::none || work.provider == nullptr) {
      record_locked(id, work, {});  // nothing for a provider to do: done now, its dependents ready
      continue;
    }
    ++in_flight_;
    started.emplace_back(std::move(id), std::move(work));
  }
  flush_locked();  // every step about to start is recorded before its provider runs
  for (auto& [id, work] : started) {
    engine_.queue_->submit([self = shared_from_this(), id = std::move(id), work = std::move(work)]() mutable {
      self->step(id, std::move(work));
    });
  }
  if (in_flight_ == 0 && (ready_.empty() || stop_starting_)) end_pass_locked();
}

void StackRun::step(const std::string& logical_id, Work work) {
  if (engine_.stopping()) {
    // Not started: its *_IN_PROGRESS stays in the state, for resume_interrupted.
    std::lock_guard lock(mutex_);
    --in_flight_;
    return;
  }
  Outcome outcome = call_provider(logical_id, work);
  if (outcome.interrupted) {
    // Cut short by the shutdown: left *_IN_PROGRESS like a step that never started.
    std::lock_guard lock(mutex_);
    --in_flight_;
    return;
  }
  finish(Finished{logical_id, std::move(work), std::move(outcome)});
}

StackRun::Outcome StackRun::call_provider(const std::string& logical_id, const Work& work) const {
  ProviderCall call = provider_call(logical_id, work.generated_name);
  auto failed = [](const core::Error& e) {
    return Outcome{.ok = false, .message = handler_message(e), .result = {}, .interrupted = is_interrupted(e)};
  };
  if (work.kind == Work::Kind::create) {
    auto r = work.provider->create(call, work.after);
    if (!r) return failed(r.error());
    return {.ok = true, .message = {}, .result = std::move(*r)};
  }
  if (work.kind == Work::Kind::update) {
    auto r = work.provider->update(call, work.current, work.before, work.after);
    if (!r) return failed(r.error());
    return {.ok = true, .message = {}, .result = std::move(*r)};
  }
  auto r = work.provider->remove(call, work.current, work.before);
  if (!r) return failed(r.error());
  return {};
}

void StackRun::finish(Finished finished) {
  {
    std::lock_guard guard(finished_mutex_);
    finished_.push_back(std::move(finished));
    if (recording_) return;  // the thread recording will take it with the next batch
    recording_ = true;
  }
  for (;;) {
    std::vector<Finished> batch;
    {
      std::lock_guard guard(finished_mutex_);
      if (finished_.empty()) {
        recording_ = false;
        return;
      }
      batch.swap(finished_);
    }
    std::lock_guard lock(mutex_);
    for (const Finished& f : batch) {
      record_locked(f.logical_id, f.work, f.outcome);
      --in_flight_;
    }
    if (engine_.stopping()) {
      flush_locked();
    } else {
      pump_locked();
    }
  }
}

void StackRun::end_pass_locked() {
  std::string reason;
  switch (pass_) {
    case Pass::create: {
      if (!pass_error_.empty()) {
        reason = pass_error_ + " ";
      } else if (failed_.empty()) {
        compute_outputs_locked(*doc_, params_);
        transition_locked("CREATE_COMPLETE", "");
        return;
      } else {
        reason = "The following resource(s) failed to create: " + id_list(failed_) + ". ";
      }
      if (stack_.disable_rollback || stack_.on_failure == "DO_NOTHING") {
        transition_locked("CREATE_FAILED", reason);
      } else if (stack_.on_failure == "DELETE") {
        transition_locked("DELETE_IN_PROGRESS", reason + "Delete requested by user.");
      } else {
        transition_locked("ROLLBACK_IN_PROGRESS", reason + "Rollback requested by user.");
      }
      return;
    }
    case Pass::update: {
      if (pass_error_.empty() && failed_.empty() && !cancel_) {
        transition_locked("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "");
        return;
      }
      if (cancel_) {
        reason = "Stack update cancelled";
        cancel_ = false;
        stack_.cancel_requested = false;
      } else if (!pass_error_.empty()) {
        reason = pass_error_;
      } else {
        bool creates_only = failed_creates_.size() == failed_.size();
        reason = std::string("The following resource(s) failed to ") + (creates_only ? "create" : "update") + ": " +
                 id_list(failed_) + ". ";
      }
      transition_locked(stack_.disable_rollback ? "UPDATE_FAILED" : "UPDATE_ROLLBACK_IN_PROGRESS", reason);
      return;
    }
    case Pass::cleanup: {
      for (auto& [id, row] : rows_) {
        if (row.touch == Touch::none && row.old_physical_id.empty()) continue;
        row.touch = Touch::none;
        row.old_physical_id.clear();
        row.old_properties = kEmpty;
        row.old_attributes = kEmpty;
        save_resource_locked(row, {});
      }
      compute_outputs_locked(*new_doc_, parameters_from_json(stack_.parameters));
      stack_.previous_template.clear();
      stack_.previous_parameters = nlohmann::json::array();
      transition_locked("UPDATE_COMPLETE", "");
      return;
    }
    case Pass::rollback:
      stack_.deleted = to_millis(engine_.house_.clock.now());
      if (!failed_.empty() || !pass_error_.empty()) {
        transition_locked("ROLLBACK_FAILED",
                          pass_error_.empty() ? "The following resource(s) failed to delete: " + id_list(failed_) + ". "
                                              : pass_error_);
      } else {
        stack_.outputs = nlohmann::json::array();
        transition_locked("ROLLBACK_COMPLETE", "");
      }
      return;
    case Pass::remove:
      if (!failed_.empty() || !pass_error_.empty()) {
        transition_locked("DELETE_FAILED",
                          pass_error_.empty() ? "The following resource(s) failed to delete: " + id_list(failed_) + ". "
                                              : pass_error_);
      } else {
        stack_.deleted = to_millis(engine_.house_.clock.now());
        stack_.outputs = nlohmann::json::array();
        transition_locked("DELETE_COMPLETE", "");
      }
      return;
    case Pass::update_rollback:
      if (!failed_.empty() || !pass_error_.empty()) {
        transition_locked("UPDATE_ROLLBACK_FAILED",
                          pass_error_.empty() ? "The following resource(s) failed to update: " + id_list(failed_) + ". "
                                              : pass_error_);
      } else {
        transition_locked("UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", "");
      }
      return;
    case Pass::update_rollback_cleanup: {
      stack_.template_body = stack_.previous_template;
      stack_.parameters = stack_.previous_parameters;
      stack_.previous_template.clear();
      stack_.previous_parameters = nlohmann::json::array();
      for (auto& [id, row] : rows_) {
        if (row.touch == Touch::none && row.old_physical_id.empty()) continue;
        row.touch = Touch::none;
        row.old_physical_id.clear();
        row.old_properties = kEmpty;
        row.old_attributes = kEmpty;
        save_resource_locked(row, {});
      }
      auto doc = cfn::read_template(stack_.template_body, {.max_body_bytes = cfn::kMaxTemplateUrlBytes * 2});
      if (doc) compute_outputs_locked(*doc, parameters_from_json(stack_.parameters));
      transition_locked("UPDATE_ROLLBACK_COMPLETE", "");
      return;
    }
  }
}

void StackRun::transition_locked(const std::string& status, const std::string& reason) {
  auto now = engine_.house_.clock.now();
  stack_.status = status;
  stack_.reason = reason;
  // LastUpdatedTime moves with updates (and change set executions, which set it when they start);
  // a stack made by CreateStack has none until it is updated.
  if (status.starts_with("UPDATE_")) stack_.updated = to_millis(now);
  EventRow event{.seq = 0,
                 .event_id = request_id(),
                 .stack_id = stack_.id,
                 .stack_name = stack_.name,
                 .logical_id = stack_.name,
                 .physical_id = stack_.id,
                 .type = "AWS::CloudFormation::Stack",
                 .status = status,
                 .reason = reason,
                 .properties = std::nullopt,
                 .time = to_millis(now),
                 .token = stack_.token};
  bool terminal = !is_in_progress(status);
  // One transaction: the resources' last events, then the stack's.
  (void)engine_.house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    StackTable table(tx);
    if (auto ok = write_pending(table); !ok) return ok;
    if (auto ok = table.put_stack(stack_); !ok) return ok;
    if (auto ok = table.add_event(event); !ok) return ok;
    if (terminal && stack_.change_set_id) {
      auto cs = table.change_set(*stack_.change_set_id);
      if (!cs) return cs.failure();
      if (*cs && (*cs)->execution_status == "EXECUTE_IN_PROGRESS") {
        bool good = status == "CREATE_COMPLETE" || status == "UPDATE_COMPLETE";
        (*cs)->execution_status = good ? "EXECUTE_COMPLETE" : "EXECUTE_FAILED";
        return table.put_change_set(**cs);
      }
    }
    return core::ok();
  });
  pending_.clear();
  if (terminal) {
    engine_.finished(stack_id_);
    return;
  }
  start_pass_locked();
}

// ================= one resource =================

const cfn::TemplateResource* StackRun::in_doc(const std::string& logical_id) const {
  return doc_ ? doc_->find_resource(logical_id) : nullptr;
}

ProviderCall StackRun::provider_call(const std::string& logical_id, const std::string& generated) const {
  return ProviderCall{.context = call_,
                      .stack_name = stack_.name,
                      .stack_id = stack_.id,
                      .logical_id = logical_id,
                      .generated_name = generated,
                      .stopping = [&engine = engine_] { return engine.stopping(); }};
}

StackRun::Work StackRun::prepare_locked(const std::string& logical_id) {
  const cfn::TemplateResource* r = in_doc(logical_id);
  switch (pass_) {
    case Pass::create:
      return r ? prepare_create_locked(*r, false) : Work{};
    case Pass::update: {
      if (!r) return {};
      auto it = rows_.find(logical_id);
      if (it == rows_.end() || it->second.status.empty() || it->second.status == "DELETE_COMPLETE")
        return prepare_create_locked(*r, true);
      return prepare_update_locked(*r, it->second);
    }
    case Pass::cleanup:
      return prepare_cleanup_locked(logical_id);
    case Pass::rollback:
    case Pass::remove:
      return prepare_delete_locked(logical_id, r);
    case Pass::update_rollback:
      return prepare_update_rollback_locked(logical_id);
    case Pass::update_rollback_cleanup:
      return prepare_update_rollback_cleanup_locked(logical_id);
  }
  return {};
}

void StackRun::fail_locked(const std::string& logical_id, const std::string& type, const std::string& status,
                           const std::string& reason, const std::optional<nlohmann::json>& properties) {
  ResourceRow& row = rows_[logical_id];
  row.stack_id = stack_.id;
  row.logical_id = logical_id;
  row.type = type;
  row.status = status;
  row.reason = reason;
  row.updated = to_millis(engine_.house_.clock.now());
  // The failure event shows the properties the resource was to get, as its *_IN_PROGRESS did
  // (recorded: cfn-template_engine-invalid_stack_deploy).
  save_resource_locked(row, {resource_event(logical_id, type, row.physical_id, status, reason, properties)});
  failed_.push_back(logical_id);
  if (status == "CREATE_FAILED") failed_creates_.push_back(logical_id);
  stop_starting_ = true;
}

StackRun::Work StackRun::prepare_create_locked(const cfn::TemplateResource& r, bool in_update) {
  auto existing = rows_.find(r.logical_id);
  if (existing != rows_.end() && existing->second.status == "CREATE_COMPLETE") return {};  // resumed
  if (!evaluator_->active(r)) return {};
  auto props = evaluator_->properties(r);
  if (props) props = evaluator_->resolve_dynamic_references(*props);
  std::optional<nlohmann::json> shown;
  if (props) {
    shown = to_json(*props);
    if (auto ok = cfn::validate_properties(r.type, *props); !ok) props = ok.failure();
  }
  ResourceRow& row = rows_[r.logical_id] =
      ResourceRow{.stack_id = stack_.id, .logical_id = r.logical_id, .type = r.type};
  EventRow started = resource_event(r.logical_id, r.type, "", "CREATE_IN_PROGRESS", "", shown);
  Provider* provider = props ? engine_.providers_.find(r.type) : nullptr;
  if (provider == nullptr) {
    save_resource_locked(row, {started});
    fail_locked(r.logical_id, r.type, "CREATE_FAILED",
                props ? "The local cloud has no provider for resource type " + r.type + " yet." : props.error().message,
                shown);
    return {};
  }
  Work work{.kind = Work::Kind::create,
            .provider = provider,
            .generated_name = provider->generated_name(stack_.name, r.logical_id, random_alnum(13)),
            .current = {},
            .before = kEmpty,
            .after = *shown};
  // The physical ID is recorded with the CREATE_IN_PROGRESS event (one transaction), before the
  // provider runs: a crash in between leaves a row that rollback deletes, never a resource the
  // stack does not know.
  row.physical_id = provider->planned_physical_id(provider_call(r.logical_id, work.generated_name), *shown);
  row.status = "CREATE_IN_PROGRESS";
  row.properties = *shown;
  row.touch = in_update ? Touch::created : Touch::none;
  row.metadata = r.metadata.is_null() ? "" : r.metadata.dump();
  row.updated = to_millis(engine_.house_.clock.now());
  save_resource_locked(row, {started});
  return work;
}

StackRun::Work StackRun::prepare_update_locked(const cfn::TemplateResource& r, ResourceRow& row) {
  if (row.touch != Touch::none) return {};  // done earlier in this update
  if (!evaluator_->active(r)) return {};
  auto props = evaluator_->properties(r);
  if (props) props = evaluator_->resolve_dynamic_references(*props);
  if (props) {
    if (auto ok = cfn::validate_properties(r.type, *props); !ok) props = ok.failure();
  }
  if (!props) {
    save_resource_locked(
        row, {resource_event(r.logical_id, r.type, row.physical_id, "UPDATE_IN_PROGRESS", "", std::nullopt)});
    fail_locked(r.logical_id, r.type, "UPDATE_FAILED", props.error().message);
    return {};
  }
  nlohmann::json after = to_json(*props);
  if (after == row.properties) return {};
  Provider* provider = engine_.providers_.find(r.type);
  if (provider == nullptr) {
    fail_locked(r.logical_id, r.type, "UPDATE_FAILED",
                "The local cloud has no provider for resource type " + r.type + " yet.");
    return {};
  }
  auto now = to_millis(engine_.house_.clock.now());
  row.old_physical_id = row.physical_id;
  row.old_properties = row.properties;
  row.old_attributes = row.attributes;
  row.metadata = r.metadata.is_null() ? "" : r.metadata.dump();
  row.updated = now;
  if (provider->needs_replacement(row.properties, after)) {
    std::string generated = provider->generated_name(stack_.name, r.logical_id, random_alnum(13));
    std::string planned = provider->planned_physical_id(provider_call(r.logical_id, generated), after);
    if (!planned.empty() && planned == row.physical_id) {
      row.old_physical_id.clear();
      fail_locked(r.logical_id, r.type, "UPDATE_FAILED",
                  "CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename " +
                      planned + " and update the stack again.");
      return {};
    }
    EventRow first = resource_event(r.logical_id, r.type, row.physical_id, "UPDATE_IN_PROGRESS",
                                    "Requested update requires the creation of a new physical resource; hence "
                                    "creating one.",
                                    after);
    row.physical_id = planned;
    row.properties = after;
    row.attributes = kEmpty;
    row.status = "UPDATE_IN_PROGRESS";
    row.reason.clear();
    row.touch = Touch::replaced;
    save_resource_locked(row, {first});
    return Work{.kind = Work::Kind::create,
                .provider = provider,
                .generated_name = generated,
                .current = {},
                .before = row.old_properties,
                .after = after};
  }
  row.status = "UPDATE_IN_PROGRESS";
  row.reason.clear();
  row.properties = after;
  row.touch = Touch::updated;
  save_resource_locked(row, {resource_event(r.logical_id, r.type, row.physical_id, "UPDATE_IN_PROGRESS", "", after)});
  return Work{.kind = Work::Kind::update,
              .provider = provider,
              .generated_name = "",
              .current = {.physical_id = row.physical_id, .attributes = row.old_attributes},
              .before = row.old_properties,
              .after = after};
}

StackRun::Work StackRun::prepare_delete_locked(const std::string& logical_id, const cfn::TemplateResource* r) {
  auto it = rows_.find(logical_id);
  if (it == rows_.end()) return {};
  ResourceRow& row = it->second;
  if (row.status.empty() || row.status == "DELETE_COMPLETE" || row.status == "DELETE_SKIPPED") return {};
  if (r != nullptr && policy(r->deletion_policy) == "Retain") {
    row.status = "DELETE_SKIPPED";
    row.updated = to_millis(engine_.house_.clock.now());
    save_resource_locked(row,
                         {resource_event(logical_id, row.type, row.physical_id, "DELETE_SKIPPED", "", row.properties)});
    return {};
  }
  row.status = "DELETE_IN_PROGRESS";
  row.updated = to_millis(engine_.house_.clock.now());
  save_resource_locked(
      row, {resource_event(logical_id, row.type, row.physical_id, "DELETE_IN_PROGRESS", "", row.properties)});
  return Work{.kind = Work::Kind::remove,
              .provider = engine_.providers_.find(row.type),
              .generated_name = "",
              .current = {.physical_id = row.physical_id, .attributes = row.attributes},
              .before = row.properties,
              .after = kEmpty};
}

StackRun::Work StackRun::prepare_cleanup_locked(const std::string& logical_id) {
  auto it = rows_.find(logical_id);
  if (it == rows_.end()) return {};
  ResourceRow& row = it->second;
  const cfn::TemplateResource* before = in_doc(logical_id);
  bool removed = new_doc_->find_resource(logical_id) == nullptr || dropped_.contains(logical_id) ||
                 (row.touch == Touch::none && row.status == "DELETE_COMPLETE");
  if (removed) {
    if (row.status.empty() || row.status == "DELETE_COMPLETE" || row.status == "CREATE_FAILED") {
      erase_resource_locked(logical_id, {});
      return {};
    }
    if (before != nullptr && policy(before->deletion_policy) == "Retain") {
      erase_resource_locked(
          logical_id, {resource_event(logical_id, row.type, row.physical_id, "DELETE_SKIPPED", "", row.properties)});
      return {};
    }
    save_resource_locked(
        row, {resource_event(logical_id, row.type, row.physical_id, "DELETE_IN_PROGRESS", "", row.properties)});
    return Work{.kind = Work::Kind::remove,
                .provider = engine_.providers_.find(row.type),
                .generated_name = "",
                .current = {.physical_id = row.physical_id, .attributes = row.attributes},
                .before = row.properties,
                .after = kEmpty};
  }
  if (row.touch != Touch::replaced || row.old_physical_id.empty()) return {};
  if (before != nullptr && policy(before->update_replace_policy) == "Retain") {
    std::string old = row.old_physical_id;
    row.old_physical_id.clear();
    save_resource_locked(row, {resource_event(logical_id, row.type, old, "DELETE_SKIPPED", "", row.old_properties)});
    return {};
  }
  save_resource_locked(
      row, {resource_event(logical_id, row.type, row.old_physical_id, "DELETE_IN_PROGRESS", "", row.old_properties)});
  return Work{.kind = Work::Kind::remove,
              .provider = engine_.providers_.find(row.type),
              .generated_name = "",
              .current = {.physical_id = row.old_physical_id, .attributes = row.old_attributes},
              .before = row.old_properties,
              .after = kEmpty};
}

StackRun::Work StackRun::prepare_update_rollback_locked(const std::string& logical_id) {
  auto it = rows_.find(logical_id);
  if (it == rows_.end()) return {};
  ResourceRow& row = it->second;
  if (row.touch == Touch::replaced) {
    // The previous physical resource still exists (cleanup never ran): it comes back, and the
    // new one becomes the one to delete.
    std::swap(row.physical_id, row.old_physical_id);
    std::swap(row.properties, row.old_properties);
    std::swap(row.attributes, row.old_attributes);
    row.status = "UPDATE_COMPLETE";
    row.reason.clear();
    row.updated = to_millis(engine_.house_.clock.now());
    save_resource_locked(
        row, {resource_event(logical_id, row.type, row.physical_id, "UPDATE_IN_PROGRESS", "", row.properties),
              resource_event(logical_id, row.type, row.physical_id, "UPDATE_COMPLETE", "", row.properties)});
    return {};
  }
  if (row.touch != Touch::updated) return {};
  row.status = "UPDATE_IN_PROGRESS";
  row.reason.clear();
  row.updated = to_millis(engine_.house_.clock.now());
  save_resource_locked(
      row, {resource_event(logical_id, row.type, row.physical_id, "UPDATE_IN_PROGRESS", "", row.old_properties)});
  return Work{.kind = Work::Kind::update,
              .provider = engine_.providers_.find(row.type),
              .generated_name = "",
              .current = {.physical_id = row.physical_id, .attributes = row.attributes},
              .before = row.properties,
              .after = row.old_properties};
}

StackRun::Work StackRun::prepare_update_rollback_cleanup_locked(const std::string& logical_id) {
  auto it = rows_.find(logical_id);
  if (it == rows_.end()) return {};
  ResourceRow& row = it->second;
  if (row.touch == Touch::created) {
    if (row.status == "DELETE_COMPLETE") {
      erase_resource_locked(logical_id, {});
      return {};
    }
    row.status = "DELETE_IN_PROGRESS";
    save_resource_locked(
        row, {resource_event(logical_id, row.type, row.physical_id, "DELETE_IN_PROGRESS", "", row.properties)});
    return Work{.kind = Work::Kind::remove,
                .provider = engine_.providers_.find(row.type),
                .generated_name = "",
                .current = {.physical_id = row.physical_id, .attributes = row.attributes},
                .before = row.properties,
                .after = kEmpty};
  }
  if (row.touch != Touch::replaced || row.old_physical_id.empty()) return {};
  save_resource_locked(
      row, {resource_event(logical_id, row.type, row.old_physical_id, "DELETE_IN_PROGRESS", "", row.old_properties)});
  return Work{.kind = Work::Kind::remove,
              .provider = engine_.providers_.find(row.type),
              .generated_name = "",
              .current = {.physical_id = row.old_physical_id, .attributes = row.old_attributes},
              .before = row.old_properties,
              .after = kEmpty};
}

void StackRun::record_locked(const std::string& logical_id, const Work& work, const Outcome& outcome) {
  auto done = [&] {
    for (const auto& id : schedule_->complete(logical_id)) ready_.push_back(id);
  };
  if (work.kind == Work::Kind::none) {
    done();
    return;
  }
  auto it = rows_.find(logical_id);
  if (it == rows_.end()) {
    done();
    return;
  }
  ResourceRow& row = it->second;
  auto now = to_millis(engine_.house_.clock.now());
  row.updated = now;
  bool deleting = work.kind == Work::Kind::remove;
  if (deleting) {
    const std::string& physical = work.current.physical_id;
    if (!outcome.ok) {
      row.status = "DELETE_FAILED";
      row.reason = outcome.message;
      save_resource_locked(
          row, {resource_event(logical_id, row.type, physical, "DELETE_FAILED", outcome.message, work.before)});
      failed_.push_back(logical_id);
      // What this resource needs stays: its dependencies are never handed out.
      return;
    }
    EventRow event = resource_event(logical_id, row.type, physical, "DELETE_COMPLETE", "", work.before);
    bool old_copy = physical == row.old_physical_id && !row.old_physical_id.empty() && physical != row.physical_id;
    if (old_copy) {
      row.old_physical_id.clear();
      row.old_properties = kEmpty;
      row.old_attributes = kEmpty;
      row.touch = Touch::none;
      save_resource_locked(row, {event});
    } else if (pass_ == Pass::cleanup || pass_ == Pass::update_rollback_cleanup) {
      erase_resource_locked(logical_id, {event});
    } else {
      row.status = "DELETE_COMPLETE";
      row.reason.clear();
      save_resource_locked(row, {event});
    }
    done();
    return;
  }
  bool creating = work.kind == Work::Kind::create;
  bool replacing = creating && row.touch == Touch::replaced;
  std::string prefix = creating && !replacing ? "CREATE" : "UPDATE";
  if (!outcome.ok) {
    fail_locked(logical_id, row.type, prefix + "_FAILED", outcome.message, work.after);
    if (creating && !replacing && !row.physical_id.empty()) {
      // The provider answered that it made nothing: the planned name may be someone else's (the
      // create failed because it exists), which rollback must not delete as the stack's own.
      row.physical_id.clear();
      save_resource_locked(row, {});
    }
    return;
  }
  row.physical_id = outcome.result.physical_id;
  row.attributes = outcome.result.attributes;
  row.status = prefix + "_COMPLETE";
  row.reason.clear();
  std::vector<EventRow> events;
  if (creating)
    events.push_back(resource_event(logical_id, row.type, row.physical_id, prefix + "_IN_PROGRESS",
                                    "Resource creation Initiated", work.after));
  events.push_back(resource_event(logical_id, row.type, row.physical_id, prefix + "_COMPLETE", "", work.after));
  if (pass_ == Pass::update_rollback) {
    row.properties = work.after;
    row.touch = Touch::none;
    row.old_physical_id.clear();
    row.old_properties = kEmpty;
    row.old_attributes = kEmpty;
  }
  save_resource_locked(row, events);
  done();
}

// ================= state =================

EventRow StackRun::resource_event(const std::string& logical_id, const std::string& type,
                                  const std::string& physical_id, const std::string& status, const std::string& reason,
                                  const std::optional<nlohmann::json>& properties) const {
  std::optional<std::string> props;
  if (properties && !properties->empty()) props = properties->dump();
  auto now = to_millis(engine_.house_.clock.now());
  // AWS's resource event IDs: `<logical id>-<status>-<timestamp>`, but `<logical id>-<uuid>` for
  // DELETE_* (recorded throughout; e.g. cfn-change_set_conditions-condition_update_removes_resource).
  std::string event_id = status.starts_with("DELETE_")
                             ? logical_id + "-" + request_id()
                             : logical_id + "-" + status + "-" + core::format_iso8601_millis(from_millis(now));
  return EventRow{.seq = 0,
                  .event_id = event_id,
                  .stack_id = stack_.id,
                  .stack_name = stack_.name,
                  .logical_id = logical_id,
                  .physical_id = physical_id,
                  .type = type,
                  .status = status,
                  .reason = reason,
                  .properties = props,
                  .time = now,
                  .token = stack_.token};
}

void StackRun::save_resource_locked(const ResourceRow& row, const std::vector<EventRow>& events) {
  pending_.emplace_back([row, events](StackTable& table) -> core::Result<void> {
    if (auto ok = table.put_resource(row); !ok) return ok;
    for (const auto& e : events)
      if (auto ok = table.add_event(e); !ok) return ok;
    return core::ok();
  });
}

void StackRun::erase_resource_locked(const std::string& logical_id, const std::vector<EventRow>& events) {
  pending_.emplace_back([stack_id = stack_.id, logical_id, events](StackTable& table) -> core::Result<void> {
    if (auto ok = table.remove_resource(stack_id, logical_id); !ok) return ok;
    for (const auto& e : events)
      if (auto ok = table.add_event(e); !ok) return ok;
    return core::ok();
  });
  rows_.erase(logical_id);
}

void StackRun::flush_locked() {
  if (pending_.empty()) return;
  // A failed write leaves the run's view ahead of the state; the next restart resumes from the
  // state, which is consistent (each flush is one transaction).
  (void)engine_.house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    StackTable table(tx);
    return write_pending(table);
  });
  pending_.clear();
}

core::Result<void> StackRun::write_pending(StackTable& table) const {
  for (const auto& write : pending_)
    if (auto ok = write(table); !ok) return ok;
  return core::ok();
}

void StackRun::compute_outputs_locked(const cfn::TemplateDocument& doc,
                                      const std::vector<cfn::ParameterValue>& params) {
  StackResolver resolver(engine_.house_, call_, &rows_, engine_.providers_.ssm);
  cfn::Evaluator eval(doc, context_, params, resolver);
  nlohmann::json out = nlohmann::json::array();
  if (eval.evaluate_conditions()) {
    if (auto outputs = eval.outputs()) {
      for (const auto& o : *outputs) {
        nlohmann::json j = {{"key", o.key}, {"value", output_text(o.value)}};
        if (!o.description.empty()) j["description"] = o.description;
        if (o.export_name) j["export"] = *o.export_name;
        out.push_back(std::move(j));
      }
    }
  }
  stack_.outputs = std::move(out);
}

}  // namespace hoplite::local::cloudformation
