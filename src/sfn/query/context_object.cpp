#include "hoplite/core/time_format.hpp"
#include "sfn/query/json_path.hpp"
#include "sfn/query/scope.hpp"

namespace hoplite::sfn::asl {

Json ContextObject::part(std::string_view name) const {
  if (name == "Execution") return execution ? *execution : Json::object();
  if (name == "StateMachine") return state_machine ? *state_machine : Json::object();
  if (name == "State") return Json{{"Name", state_name}, {"EnteredTime", core::format_iso8601_millis(entered_time)}};
  if (name == "Task") return Json{{"Token", task_token}};
  if (name == "Map" && map_item) return Json{{"Item", {{"Index", map_item->index}, {"Value", *map_item->value}}}};
  return nullptr;
}

Json ContextObject::whole() const {
  Json out = Json::object();
  out["Execution"] = part("Execution");
  out["StateMachine"] = part("StateMachine");
  out["State"] = part("State");
  if (!task_token.empty()) out["Task"] = part("Task");
  if (map_item) out["Map"] = part("Map");
  return out;
}

core::Result<Json> ContextObject::read(const JsonPath& path) const {
  const auto& segs = path.segments();
  if (segs.empty()) return whole();
  if (segs[0].kind != PathSegment::Kind::kName) return path.read(whole());
  const std::string& top = segs[0].names[0];
  // The shared parts are read in place; the small per-state ones are built for this read.
  if (top == "Execution" && execution) return path.read(*execution, 1);
  if (top == "StateMachine" && state_machine) return path.read(*state_machine, 1);
  if ((top == "Task" && task_token.empty()) || (top == "Map" && !map_item)) return path.read(Json::object());
  Json p = part(top);
  if (p.is_null()) return path.read(Json::object());
  return path.read(p, 1);
}

core::Result<Json> Scope::read(const JsonPath& path) const {
  return path.is_context() ? context.read(path) : path.read(input);
}

}  // namespace hoplite::sfn::asl
