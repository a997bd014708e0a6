// Parallel and Map states: branches and iterations run as child frames of the frame that runs the
// state; their ends come back through child_done.
#include <fmt/format.h>

#include <cmath>

#include "sfn/run/details.hpp"
#include "sfn/run/execution.hpp"

namespace hoplite::sfn::asl {
namespace {

std::string shown(const Json& v) { return v.is_string() ? v.get<std::string>() : to_text(v); }

// MaxConcurrencyPath, ToleratedFailureCountPath: a whole number >= 0.
core::Result<std::optional<std::int64_t>> count_field(const DynamicNumber& n, const char* field, const Json& input,
                                                      const Environment& env) {
  if (n.literal) return std::optional<std::int64_t>(static_cast<std::int64_t>(*n.literal));
  if (!n.path) return std::optional<std::int64_t>();
  auto v = n.path->evaluate(input, env);
  if (!v) return core::fail("States.Runtime", fmt::format("Invalid path '{}' : {}", n.path->text(), v.error().message));
  bool whole = v->is_number_integer() || (v->is_number_float() && v->get<double>() == std::floor(v->get<double>()));
  if (!whole)
    return core::fail("States.Runtime", fmt::format("The {}Path field refers to value \"{}\" which is not a valid "
                                                    "integer: {}",
                                                    field, shown(*v), n.path->text()));
  double d = v->get<double>();
  if (d < 0) return core::fail("States.Runtime", fmt::format("{} cannot be negative.", field));
  return std::optional<std::int64_t>(static_cast<std::int64_t>(std::min(d, 99999999.0)));
}

core::Result<std::optional<double>> percentage_field(const DynamicNumber& n, const Json& input,
                                                     const Environment& env) {
  std::optional<double> value = n.literal;
  if (n.path) {
    auto v = n.path->evaluate(input, env);
    if (!v)
      return core::fail("States.Runtime", fmt::format("Invalid path '{}' : {}", n.path->text(), v.error().message));
    if (!v->is_number())
      return core::fail("States.Runtime", fmt::format("The ToleratedFailurePercentagePath field refers to value "
                                                      "\"{}\" which is not a valid float: {}",
                                                      shown(*v), n.path->text()));
    value = v->get<double>();
  }
  if (value && (*value < 0 || *value > 100))
    return core::fail("States.Runtime", "ToleratedFailurePercentage must be between 0 and 100.");
  return value;
}

}  // namespace

void Execution::run_parallel(Frame& f) {
  ContextObject ctx = context_for(f);
  Environment env{ctx, engine_.random};
  auto effective = f.state->flow->effective_input(f.raw_input, env);
  if (!effective) return runtime_failure(f, effective.error());
  emit(&f, EventType::ParallelStateStarted, "");
  auto fan = std::make_unique<FanOut>();
  fan->total = f.state->branches.size();
  fan->next_index = fan->total;  // every branch starts now
  fan->results = Json::array();
  for (std::size_t i = 0; i < fan->total; ++i) fan->results.push_back(nullptr);
  fan->children.assign(fan->total, -1);
  f.fan = std::move(fan);
  f.phase = Phase::kChildren;
  for (std::size_t i = 0; i < f.fan->total; ++i) {
    const StateGraph* g = f.state->branches[i].get();
    Frame& child = new_frame(f.id, i, g, fmt::format("P:{}:{}", f.state->name, i), f.silent);
    child.last_event = f.last_event;
    f.fan->children[i] = child.id;
    ++f.fan->running;
    enter(child, g->start, *effective);
  }
}

void Execution::run_map(Frame& f) {
  const MapSpec& spec = *f.state->map;
  ContextObject ctx = context_for(f);
  Environment env{ctx, engine_.random};
  auto effective = f.state->flow->effective_input(f.raw_input, env);
  if (!effective) return runtime_failure(f, effective.error());
  Json items;
  if (spec.items_path) {
    auto v = spec.items_path->evaluate(*effective, env);
    if (!v)
      return runtime_failure(f, core::Error{"States.Runtime", fmt::format("Invalid path '{}' : {}",
                                                                          spec.items_path->text(), v.error().message)});
    items = std::move(*v);
  } else {
    items = *effective;
  }
  if (!items.is_array())
    return runtime_failure(
        f, core::Error{"States.Runtime", fmt::format("The Map state's items must be an array, not {}: {}",
                                                     type_name(items), to_text(items))});
  emit(&f, EventType::MapStateStarted, Details().num("length", static_cast<std::int64_t>(items.size())).done());
  auto fan = std::make_unique<FanOut>();
  fan->map = true;
  fan->distributed = spec.distributed;
  auto concurrency = count_field(spec.max_concurrency, "MaxConcurrency", *effective, env);
  if (!concurrency) return runtime_failure(f, concurrency.error());
  auto count = count_field(spec.tolerated_failure_count, "ToleratedFailureCount", *effective, env);
  if (!count) return runtime_failure(f, count.error());
  auto percentage = percentage_field(spec.tolerated_failure_percentage, *effective, env);
  if (!percentage) return runtime_failure(f, percentage.error());
  fan->max_concurrency = concurrency->value_or(0);
  fan->tolerated_count = *count;
  fan->tolerated_percentage = *percentage;
  fan->total = items.size();
  fan->results = Json::array();
  for (std::size_t i = 0; i < fan->total; ++i) fan->results.push_back(nullptr);
  fan->children.assign(fan->total, -1);
  fan->items = std::move(items);
  fan->selector_input = std::move(*effective);
  fan->last_child_event = f.last_event;
  f.fan = std::move(fan);
  f.phase = Phase::kChildren;
  if (f.fan->distributed) {
    auto uuid_part = [&] { return static_cast<std::uint32_t>(engine_.random()); };
    std::string machine = state_machine_context_.value("Name", "");
    f.fan->map_run_arn =
        fmt::format("arn:aws:states:{}:{}:mapRun:{}/{}:{:08x}-{:04x}-4{:03x}-a{:03x}-{:08x}{:04x}",
                    engine_.options.region, engine_.options.account, machine, f.state->name, uuid_part(),
                    uuid_part() & 0xffff, uuid_part() & 0xfff, uuid_part() & 0xfff, uuid_part(), uuid_part() & 0xffff);
    emit(&f, EventType::MapRunStarted, Details().str("mapRunArn", f.fan->map_run_arn).done());
  }
  if (f.fan->total == 0) return fan_out_done(f);
  start_children(f);
}

void Execution::start_children(Frame& f) {
  FanOut& fan = *f.fan;
  const MapSpec& spec = *f.state->map;
  bool first_batch = fan.next_index == 0;
  while (fan.next_index < fan.total &&
         (fan.max_concurrency == 0 || static_cast<std::int64_t>(fan.running) < fan.max_concurrency)) {
    std::size_t i = fan.next_index++;
    Json input;
    if (spec.item_selector) {
      ContextObject ctx = context_for(f);
      ctx.map_item = ContextObject::MapItem{static_cast<std::int64_t>(i), &fan.items[i]};
      Environment env{ctx, engine_.random};
      auto selected = spec.item_selector->select(fan.selector_input, env);
      if (!selected) return runtime_failure(f, selected.error());
      input = std::move(*selected);
    } else {
      input = fan.items[i];
    }
    const bool silent = f.silent || fan.distributed;
    // The first iterations follow MapStateStarted; later ones follow the event that freed a slot.
    std::int64_t started = 0;
    if (!silent)
      started = emit(&f, EventType::MapIterationStarted,
                     Details().num("index", static_cast<std::int64_t>(i)).str("name", f.state->name).done(),
                     first_batch ? f.last_event : fan.last_child_event, first_batch);
    Frame& child = new_frame(f.id, i, spec.processor.get(), "M:" + f.state->name, silent);
    child.last_event = started;
    fan.children[i] = child.id;
    ++fan.running;
    enter(child, spec.processor->start, std::move(input));
  }
}

void Execution::child_done(Frame& child) {
  auto it = frames_.find(child.parent);
  if (it == frames_.end() || !it->second->fan) return drop_frame(child.id);
  Frame& f = *it->second;
  FanOut& fan = *f.fan;
  const std::size_t slot = child.slot;
  fan.children[slot] = -1;
  --fan.running;
  const bool events = fan.map && !fan.distributed;
  if (!child.silent) {
    f.last_event = child.last_event;
    fan.last_child_event = child.last_event;
  }
  if (child.succeeded) {
    ++fan.succeeded;
    fan.results[slot] = std::move(child.output);
    if (events)
      emit(&f, EventType::MapIterationSucceeded,
           Details().num("index", static_cast<std::int64_t>(slot)).str("name", f.state->name).done(), child.last_event);
  } else {
    ++fan.failed;
    if (events)
      emit(&f, EventType::MapIterationFailed,
           Details().num("index", static_cast<std::int64_t>(slot)).str("name", f.state->name).done(), child.last_event,
           false);
    bool tolerated = false;
    if (fan.map) {
      if (fan.tolerated_count && static_cast<std::int64_t>(fan.failed) <= *fan.tolerated_count) tolerated = true;
      if (fan.tolerated_percentage && fan.total > 0 &&
          100.0 * static_cast<double>(fan.failed) / static_cast<double>(fan.total) <= *fan.tolerated_percentage)
        tolerated = true;
    }
    if (tolerated) {
      Json error_output = Json::object();
      if (child.error.error) error_output["Error"] = *child.error.error;
      if (child.error.cause) error_output["Cause"] = *child.error.cause;
      fan.results[slot] = std::move(error_output);
    } else if (!fan.failure) {
      fan.failure = fan.distributed && (fan.tolerated_count || fan.tolerated_percentage)
                        ? StateError{"States.ExceedToleratedFailureThreshold",
                                     "The specified tolerated failure threshold was exceeded"}
                        : child.error;
    }
  }
  drop_frame(child.id);
  if (fan.failure) {
    // Siblings still running are aborted; then the state fails.
    for (int other : fan.children)
      if (auto o = frames_.find(other); o != frames_.end()) abort_frame(*o->second);
    fan.running = 0;
    return fan_out_done(f);
  }
  if (fan.map && fan.next_index < fan.total) start_children(f);
  if (finished()) return;
  if (fan.running == 0 && fan.next_index >= fan.total) fan_out_done(f);
}

void Execution::fan_out_done(Frame& f) {
  FanOut& fan = *f.fan;
  f.phase = Phase::kRun;
  if (fan.failure) {
    StateError e = *fan.failure;
    if (fan.distributed) {
      Details d;
      if (e.cause) d.str("cause", *e.cause);
      if (e.error) d.str("error", *e.error);
      emit(&f, EventType::MapRunFailed, d.done());
    }
    return fail_state(f, std::move(e));
  }
  if (fan.distributed) emit(&f, EventType::MapRunSucceeded, "");
  // XStateSucceeded and XStateExited both follow the event that completed the fan-out.
  emit(&f, fan.map ? EventType::MapStateSucceeded : EventType::ParallelStateSucceeded, "", f.last_event, false);
  Json results = std::move(fan.results);
  f.fan.reset();
  ContextObject ctx = context_for(f);
  Environment env{ctx, engine_.random};
  auto selected = f.state->flow->select_result(std::move(results), env);
  if (!selected) return runtime_failure(f, selected.error());
  auto output = f.state->flow->output(f.raw_input, std::move(*selected), env);
  if (!output) return runtime_failure(f, output.error());
  exit_state(f, std::move(*output));
}

}  // namespace hoplite::sfn::asl
