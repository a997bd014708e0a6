// Deploys, waits, and the stack events a `capture_update_process` step records.
#include "runner.hpp"

#include <chrono>
#include <map>
#include <set>
#include <thread>

namespace hoplite::recorded {

Json Runner::wait_stack(const std::string& id) {
  for (int i = 0; i < 20000; ++i) {
    Answer a = session.call("cloudformation", "DescribeStacks", {{"StackName", id}});
    if (!a.ok || a.body["Stacks"].empty()) return Json();
    Json s = a.body["Stacks"][0];
    std::string status = s.value("StackStatus", "");
    if (!status.ends_with("_IN_PROGRESS") || status == "REVIEW_IN_PROGRESS") return s;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return Json();
}

Answer Runner::create_change_set(const std::string& type, const std::string& body, const Json& params,
                                 const std::string& name, const Json& capabilities) {
  Json kwargs = {{"StackName", stack_name}, {"ChangeSetName", name}, {"TemplateBody", body}, {"ChangeSetType", type}};
  if (!capabilities.empty()) kwargs["Capabilities"] = capabilities;
  if (!parameters_json(params).empty()) kwargs["Parameters"] = parameters_json(params);
  Answer a = session.call("cloudformation", "CreateChangeSet", kwargs);
  if (a.ok) {
    change_set_id = a.body.value("Id", "");
    stack_id = a.body.value("StackId", "");
  }
  return a;
}

void Runner::deploy(const Json& step, bool update) {
  if (!update || stack_name.empty()) {
    stack_name = "stack-" + std::to_string(++stacks);
    // The test's fixture names a stack `stack-<8 hex digits>`; when the recording shows that
    // name (a tag the snapshot tool did not normalise), this run's first stack takes it.
    if (auto shown = recorded_value("stack-<...>"); shown && !step.contains("stack_name") && stacks == 1)
      stack_name = *shown;
  }
  // The name the test chose for its stack (a value of the form the case gives), when it chose one.
  if (auto named = names.find(step.value("stack_name", "")); named != names.end()) stack_name = named->second;
  bool exists = update;
  std::string body = rendered(template_text(step.value("template_file", Json())), step);
  Json params = substitute(step.value("parameters", Json()));
  ssm_fixtures(body, params);
  Answer cs = create_change_set(exists ? "UPDATE" : "CREATE", body, params, "cs-" + std::to_string(++stacks));
  last = cs;
  if (!cs.ok) return;
  Answer ex = session.call("cloudformation", "ExecuteChangeSet", {{"ChangeSetName", change_set_id}});
  last = ex;
  if (!ex.ok) return;
  Json s = wait_stack(stack_id);
  std::string status = s.value("StackStatus", "");
  if (status != "CREATE_COMPLETE" && status != "UPDATE_COMPLETE") {
    // The test reads the failed stack's description off the waiter's error (`describe_result`).
    if (s.is_object()) recent.insert(recent.begin(), Answer{true, s, Json()});
    // A deploy that fails raises the waiter's error in the test.
    last = Answer{false,
                  {{"Error", {{"Message", "Waiter StackCreateComplete failed"}}}},
                  "Waiter " + std::string(update ? "StackUpdateComplete" : "StackCreateComplete") +
                      " failed: Waiter encountered a terminal failure state"};
  } else {
    last = Answer{true, {{"Stacks", {s}}}, Json()};
    outputs = s.value("Outputs", Json::array());
    deployed_last = true;
  }
}

std::vector<Json> Runner::stack_events() {
  std::vector<Json> events;
  Json token;
  for (;;) {
    Json kwargs = {{"StackName", stack_id}};
    if (!token.is_null()) kwargs["NextToken"] = token;
    Answer a = session.call("cloudformation", "DescribeStackEvents", kwargs);
    if (!a.ok) break;
    for (const auto& e : a.body["StackEvents"]) events.push_back(e);
    if (!a.body.contains("NextToken")) break;
    token = a.body["NextToken"];
  }
  return events;
}

Json Runner::transitions(bool with_cleanup) {
  std::vector<Json> events = stack_events();
  Json out = Json::array();
  std::set<std::pair<std::string, std::string>> seen;
  for (auto it = events.rbegin(); it != events.rend(); ++it) {
    std::string id = it->value("LogicalResourceId", ""), status = it->value("ResourceStatus", "");
    if (!with_cleanup && status.ends_with("CLEANUP_IN_PROGRESS")) continue;
    if (seen.insert({id, status}).second) out.push_back(Json::array({id, status}));
  }
  return out;
}

Json Runner::filtered_events() {
  session.call("cloudformation", "DeleteStack", {{"StackName", stack_id}});
  wait_stack(stack_id);
  std::vector<Json> events = stack_events();
  Json out = Json::array();
  for (auto it = events.rbegin(); it != events.rend(); ++it) {
    if (it->value("ResourceType", "") == "AWS::CloudFormation::Stack") continue;
    if (!it->value("ResourceStatus", "").ends_with("_COMPLETE")) continue;
    out.push_back(*it);
  }
  return out;
}

Json Runner::resource_events(const std::string& id) {
  std::vector<Json> events = stack_events();
  Json out = Json::array();
  for (auto it = events.rbegin(); it != events.rend(); ++it) {
    if (it->value("LogicalResourceId", "") != id) continue;
    Json e = Json::object();
    for (const char* k : {"PhysicalResourceId", "LogicalResourceId", "ResourceType", "ResourceStatus", "Timestamp"})
      if (it->contains(k)) e[k] = (*it)[k];
    if (!out.empty() && out.back().value("ResourceStatus", "") == e.value("ResourceStatus", ""))
      out.back() = e;  // the later one knows the physical id
    else
      out.push_back(e);
  }
  return out;
}

int Runner::recorded_on() const {
  std::string d = c.meta.contains("source") ? c.meta["source"].value("recorded_date", "") : "";
  if (d.size() < 10 || d[2] != '-' || d[5] != '-') return 0;
  return std::atoi(d.substr(6, 4).c_str()) * 10000 + std::atoi(d.substr(3, 2).c_str()) * 100 +
         std::atoi(d.substr(0, 2).c_str());
}

Json Runner::as_of_today(Json changes) const {
  if (recorded_on() >= 20250519 || !changes.is_array()) return changes;
  for (auto& ch : changes)
    if (ch.contains("ResourceChange") && ch["ResourceChange"].value("Action", "") == "Add")
      ch["ResourceChange"].erase("Replacement");
  return changes;
}

Json Runner::status_sets(const Json& transitions, const std::string& stack, const std::string& stack_key) {
  std::map<std::string, std::set<std::string>> sets;
  for (const auto& t : transitions) {
    std::string id = t[0].get<std::string>();
    sets[id == stack ? stack_key : id].insert(t[1].get<std::string>());
  }
  Json out = Json::object();
  for (const auto& [id, statuses] : sets) out[id] = Json(statuses);
  return out;
}

Json Runner::transitions_without_cleanup(const Json& all) {
  Json out = Json::array();
  for (const auto& t : all)
    if (!t[1].get<std::string>().ends_with("CLEANUP_IN_PROGRESS")) out.push_back(t);
  return out;
}

Json Runner::transitions_as_newer_fixture(const Json& all) {
  static const std::set<std::string> kDropped = {"UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "DELETE_IN_PROGRESS",
                                                 "DELETE_COMPLETE"};
  Json out = Json::array();
  for (const auto& t : all)
    if (!kDropped.contains(t[1].get<std::string>())) out.push_back(t);
  return out;
}

void Runner::capture(const Json& step) {
  stack_name = "stack-" + std::to_string(++stacks);
  const Json& r = c.responses;
  // Older recordings made their change sets without capabilities (DescribeChangeSet shows []).
  Json caps = {"CAPABILITY_AUTO_EXPAND", "CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"};
  if (r.contains("describe-change-set-1") && r["describe-change-set-1"].contains("Capabilities"))
    caps = r["describe-change-set-1"]["Capabilities"];
  Json events_before_delete;
  for (int round = 1; round <= 2; ++round) {
    std::string n = std::to_string(round);
    Json tspec = step.value("template_" + n, round == 2 ? step.value("template_1", Json()) : Json());
    std::string body = template_text(tspec);
    Json params = substitute(step.value("parameters_" + n, Json()));
    ssm_fixtures(body, params);
    Answer cs = create_change_set(round == 1 ? "CREATE" : "UPDATE", body, params, "cs-" + n, caps);
    if (!cs.ok) return failed("create-change-set-" + n + ": " + cs.message.dump());
    if (r.contains("create-change-set-" + n)) compare("create-change-set-" + n, r["create-change-set-" + n], {cs.body});
    for (bool values : {true, false}) {
      std::string key = "describe-change-set-" + n + (values ? "-prop-values" : "");
      Answer d = session.call("cloudformation", "DescribeChangeSet",
                              {{"ChangeSetName", change_set_id}, {"IncludePropertyValues", values}});
      if (!d.ok) return failed(key + ": " + d.message.dump());
      if (r.contains(key) && r[key].contains("Changes"))
        compare(key + ".Changes", as_of_today(r[key]["Changes"]), {d.body["Changes"]});
      if (r.contains(key) && r[key].contains("Status")) compare(key + ".Status", r[key]["Status"], {d.body["Status"]});
    }
    Answer ex = session.call("cloudformation", "ExecuteChangeSet", {{"ChangeSetName", change_set_id}});
    if (!ex.ok) {
      if (r.contains("execute-change-set-" + n))
        compare("execute-change-set-" + n, r["execute-change-set-" + n], {ex.body});
      continue;
    }
    Json s = wait_stack(stack_id);
    if (r.contains("post-create-" + n + "-describe"))
      compare("post-create-" + n + "-describe", r["post-create-" + n + "-describe"], {s});
  }
  Json before = transitions(true);
  session.call("cloudformation", "DeleteStack", {{"StackName", stack_id}});
  Json s = wait_stack(stack_id);
  if (r.contains("delete-describe")) compare("delete-describe", r["delete-describe"], {s});
  if (r.contains("per-resource-events")) {
    // Some recordings fetched the events before the delete, some after.
    Json want = Json::object();
    for (const auto& [id, events] : r["per-resource-events"].items()) {
      std::set<std::string> statuses;
      for (const auto& e : events) statuses.insert(e.value("ResourceStatus", ""));
      want[id.starts_with("<") ? stack_name : id] = Json(statuses);
    }
    // Newer recordings name the stack "Stack" and leave out the cleanup status.
    std::string key = want.contains("Stack") ? "Stack" : stack_name;
    Json after = transitions(true), before_plain = transitions_without_cleanup(before),
         after_plain = transitions_without_cleanup(after);
    std::vector<Json> candidates = {status_sets(before, stack_name, key), status_sets(after, stack_name, key),
                                    status_sets(before_plain, stack_name, key),
                                    status_sets(after_plain, stack_name, key)};
    if (key == "Stack") {
      // A resource with nothing left after the filter is not listed at all.
      Json sets = status_sets(transitions_as_newer_fixture(after), stack_name, key);
      candidates.push_back(sets);
    }
    compare("per-resource-events", want, candidates);
  }
}

void Runner::wait(const Json& step) {
  std::string waiter = step.value("waiter", "");
  if (waiter.find("change_set") != std::string::npos) {
    // Change sets are complete at once here; boto3's waiter raises on one that FAILED.
    if (change_set_id.empty()) return;
    Answer d = session.call("cloudformation", "DescribeChangeSet", {{"ChangeSetName", change_set_id}});
    if (d.ok && d.body.value("Status", "") == "FAILED") {
      last = Answer{false,
                    {{"Error", {{"Message", "Waiter ChangeSetCreateComplete failed"}}}},
                    "Waiter ChangeSetCreateComplete failed: Waiter encountered a terminal failure state: For "
                    "expression \"Status\" we matched expected path: \"FAILED\""};
      recent.insert(recent.begin(), *last);
    }
    return;
  }
  if (!stack_id.empty()) wait_stack(stack_id);
}

}  // namespace hoplite::recorded
