// API steps and the snapshots that compare their answers with the recording.
#include "runner.hpp"

#include <cctype>
#include <map>
#include <optional>
#include <set>

namespace hoplite::recorded {

void Runner::api(const Json& step) {
  deployed_last = false;
  Json read = {step.value("call", ""), step.value("kwargs", Json::object())};
  bool repeated = read == last_read;
  output_turn = repeated && !step.value("expect_error", false) ? output_turn + 1 : 0;
  if (step.value("expect_error", false) && !stack_id.empty() && !destroyed &&
      (repeated || title().find("deleted stack") != std::string::npos)) {
    // The test destroyed its stack here (`stack.destroy()`, a fixture method the steps do not
    // list): the same read, just made successfully, is now expected to fail with only snapshots
    // in between (the resource providers' test_black_box tests), or the test is named for a
    // deleted stack and this is its first call expected to fail (test_update_deleted_stack).
    session.call("cloudformation", "DeleteStack", {{"StackName", stack_id}});
    wait_stack(stack_id);
    destroyed = true;
  }
  last_read = Json();
  std::string call = step.value("call", "");
  auto dot = call.find('.');
  std::string service = call.substr(0, dot), op = operation_name(call.substr(dot + 1));
  Json kwargs = substitute(step.value("kwargs", Json::object()));
  for (const char* body : {"TemplateBody", "Body"})  // a template, or an object holding one (S3)
    if (kwargs.contains(body) && (kwargs[body].is_string() || kwargs[body].is_object()))
      kwargs[body] = template_text(kwargs[body]);
  if (kwargs.contains("Parameters") && kwargs["Parameters"].is_object())
    kwargs["Parameters"] = parameters_json(kwargs["Parameters"]);
  if (op == "CreateStack" || op == "CreateChangeSet") {
    if (!kwargs.contains("StackName") || !kwargs["StackName"].is_string() ||
        kwargs["StackName"].get<std::string>().empty() || kwargs["StackName"].get<std::string>().starts_with("<")) {
      stack_name = "stack-" + std::to_string(++stacks);
      kwargs["StackName"] = stack_name;
    } else {
      stack_name = kwargs["StackName"].get<std::string>();
    }
  }
  if (op == "CreateChangeSet" && kwargs.value("ChangeSetType", "") == "UPDATE" && !step.value("expect_error", false) &&
      !stack_id.empty()) {
    // AWS makes an UPDATE change set only for a stack at rest, and the recording shows it made:
    // the test waited (with its own wait_until, which the steps do not list).
    wait_stack(stack_id);
  }
  if (step.contains("kwargs") && step["kwargs"].value("StackName", "") == "<cloudformation.create_stack>" &&
      created_stacks.size() > 1) {
    // The test kept several CreateStack answers and the extractor named them all alike: each
    // stack is asked, and the snapshot's placeholders (which must bind consistently) pick.
    for (const std::string& id : created_stacks) {
      kwargs["StackName"] = id;
      last = session.call(service, op, kwargs);
      recent.insert(recent.begin(), *last);
    }
    return;
  }
  Answer a = session.call(service, op, kwargs);
  if (a.ok && !step.value("expect_error", false)) last_read = read;
  if (a.ok && op == "CreateStack") created_stacks.push_back(a.body.value("StackId", ""));
  if (a.ok && a.body.contains("StackId")) stack_id = a.body["StackId"].get<std::string>();
  if (a.ok && op == "CreateChangeSet") {
    change_set_id = a.body.value("Id", "");
    created.push_back(a.body);
  }
  last = a;
  recent.insert(recent.begin(), a);
}

void Runner::snapshot(const Json& step) {
  std::string key = step.value("key", "");
  if (!c.responses.contains(key)) return;
  const Json& expected = c.responses[key];
  if (key == "all-events") return compare(key, expected, {transitions()});
  if (step.value("recorded_from", "") == "filtered_events") return compare(key, expected, {filtered_events()});
  if (std::string from = step.value("recorded_from", ""); from.starts_with("per_resource_events['"))
    return compare(key, expected, {resource_events(from.substr(21, from.find('\'', 21) - 21))});
  if (expected.is_object() && expected.contains("EventId") && expected.contains("ResourceStatus") &&
      !stack_id.empty()) {
    // One event the test picked from DescribeStackEvents (e.g. the resource's CREATE_FAILED).
    std::vector<Json> events = stack_events();
    if (!events.empty()) return compare(key, expected, events);
  }
  // A value the test computed itself and recorded as it was (`role_name`): this run's value.
  if (auto named = names.find("<" + step.value("recorded_from", "") + ">"); named != names.end())
    return compare(key, expected, {named->second});
  if (step.value("recorded_from", "") == "Dict" && expected.is_object()) {
    if (auto dict = own_dict(expected)) return compare(key, expected, {*dict});
  }
  if (!last) return failed(key + ": no call to compare with");
  std::vector<Answer> answers{*last};
  for (const auto& a : recent)
    if (a.body != last->body) answers.push_back(a);
  std::vector<Json> candidates;
  if (step.value("recorded_from", "").ends_with(".outputs")) {  // the test's dict of the outputs
    Json dict = Json::object();
    for (const auto& o : outputs) dict[o.value("OutputKey", "")] = o.value("OutputValue", "");
    candidates.push_back(dict);
  }
  // A test's sorted set of one field of a listed answer (`resource_types` of the stack's events).
  if (Json set = field_set(step.value("recorded_from", ""), answers); !set.empty()) candidates.push_back(set);
  for (const auto& a : answers) {
    candidates.push_back(a.body);
    candidates.push_back(a.message);
    Json body = a.body;
    if (body.is_object()) {
      body.erase("ResponseMetadata");
      candidates.push_back(body);
      for (const auto& [k, v] : body.items()) {
        candidates.push_back(v);
        if (v.is_array() && !v.empty()) {
          candidates.push_back(v[0]);
          // One field of the first item (`describe_stacks(...)["Stacks"][0]["StackStatus"]`).
          if (v[0].is_object() && expected.is_primitive())
            for (const auto& [k2, v2] : v[0].items()) candidates.push_back(v2);
        }
        // A member of a member the test picked (`response["Parameter"]["Value"]`).
        if (v.is_object())
          for (const auto& [k2, v2] : v.items()) candidates.push_back(v2);
        // JSON text the test parsed (`json.loads(response["Policy"])`).
        if (v.is_string() && v.get<std::string>().starts_with("{"))
          if (Json parsed = Json::parse(v.get<std::string>(), nullptr, false); parsed.is_object())
            candidates.push_back(parsed);
      }
    }
  }
  // A snapshot right after a deploy of what the test described itself (through a client alias
  // the steps do not show: `route_table`, and its `tags_dict`): the stack's resources as their
  // services describe them, with and without their Tags, and the tags the template gave as a
  // dict (the tests leave out CloudFormation's own `aws:cloudformation:*` tags there).
  if (deployed_last)
    for (Json d : described_resources()) {
      candidates.push_back(d);
      if (!d.contains("Tags")) continue;
      Json own = Json::object(), all = tags_as_dicts(d)["Tags"];
      for (const auto& [k, v] : all.items())
        if (!k.starts_with("aws:cloudformation:")) own[k] = v;
      candidates.push_back(own);
      d.erase("Tags");
      candidates.push_back(d);
    }
  // Tests that turned a Tags list into a dict "for easier comparison" (test_vpc_with_route_table).
  if (has_tag_dict(expected)) {
    for (std::size_t i = 0, n = candidates.size(); i < n; ++i) candidates.push_back(tags_as_dicts(candidates[i]));
  }
  compare(key, expected, candidates);
}

std::string Runner::snake_case(const std::string& name) {
  std::string out;
  for (char ch : name) {
    if (ch >= 'A' && ch <= 'Z') {
      if (!out.empty()) out += '_';
      out += static_cast<char>(ch - 'A' + 'a');
    } else {
      out += ch;
    }
  }
  return out;
}

std::vector<Json> Runner::described_resources() {
  struct Describer {
    const char* op;
    const char* ids;
    const char* list;
  };
  static const std::map<std::string, Describer> kDescribers = {
      {"AWS::EC2::RouteTable", {"DescribeRouteTables", "RouteTableIds", "RouteTables"}},
      {"AWS::EC2::VPC", {"DescribeVpcs", "VpcIds", "Vpcs"}},
      {"AWS::EC2::Subnet", {"DescribeSubnets", "SubnetIds", "Subnets"}},
      {"AWS::EC2::SecurityGroup", {"DescribeSecurityGroups", "GroupIds", "SecurityGroups"}},
      {"AWS::EC2::InternetGateway", {"DescribeInternetGateways", "InternetGatewayIds", "InternetGateways"}}};
  std::vector<Json> out;
  Answer r = session.call("cloudformation", "ListStackResources", {{"StackName", stack_id}});
  if (!r.ok || !r.body.contains("StackResourceSummaries")) return out;
  for (const auto& res : r.body["StackResourceSummaries"]) {
    auto d = kDescribers.find(res.value("ResourceType", ""));
    if (d == kDescribers.end()) continue;
    Answer a = session.call("ec2", d->second.op, {{d->second.ids, {res.value("PhysicalResourceId", "")}}});
    if (a.ok && a.body.contains(d->second.list) && a.body[d->second.list].is_array())
      for (const auto& item : a.body[d->second.list]) out.push_back(item);
  }
  return out;
}

std::optional<Json> Runner::own_dict(const Json& expected) {
  Json dict = Json::object();
  for (const auto& [k, v] : expected.items()) {
    if (v.is_string() && v.get<std::string>().starts_with("An error occurred (")) {
      if (!last || last->ok || !last->message.is_string()) return std::nullopt;
      dict[k] = last->message;
    } else if (auto named = names.find("<" + snake_case(k) + ">"); v.is_string() && named != names.end()) {
      dict[k] = named->second;  // `{"BucketName": bucket_name}`: the value the test generated
    } else if (v.is_array() && !v.empty() && v[0].is_object() && v[0].contains("ResourceStatus") && !stack_id.empty()) {
      dict[k] = stack_events();
    } else {
      return std::nullopt;
    }
  }
  return dict;
}

Json Runner::field_set(const std::string& recorded_from, const std::vector<Answer>& answers) {
  if (!recorded_from.ends_with("s") || recorded_from.find('_') == std::string::npos) return Json::array();
  std::string field;
  bool up = true;
  for (char ch : recorded_from.substr(0, recorded_from.size() - 1)) {
    if (ch == '_') {
      up = true;
      continue;
    }
    if (!std::isalnum(static_cast<unsigned char>(ch))) return Json::array();
    field += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(ch))) : ch;
    up = false;
  }
  std::set<std::string> values;
  for (const auto& a : answers) {
    if (!a.body.is_object()) continue;
    for (const auto& [k, list] : a.body.items()) {
      if (!list.is_array()) continue;
      for (const auto& item : list)
        if (item.is_object() && item.contains(field) && item[field].is_string())
          values.insert(item[field].get<std::string>());
    }
    if (!values.empty()) break;
  }
  Json out = Json::array();
  for (const auto& v : values) out.push_back(v);
  return out;
}

bool Runner::has_tag_dict(const Json& v) {
  if (v.is_object()) {
    for (const auto& [k, x] : v.items())
      if ((k == "Tags" && x.is_object()) || has_tag_dict(x)) return true;
  } else if (v.is_array()) {
    for (const auto& x : v)
      if (has_tag_dict(x)) return true;
  }
  return false;
}

Json Runner::tags_as_dicts(Json v) {
  if (v.is_object()) {
    for (auto& [k, x] : v.items()) {
      bool pairs = k == "Tags" && x.is_array();
      if (pairs)
        for (const auto& t : x) pairs = pairs && t.is_object() && t.contains("Key") && t.contains("Value");
      if (!pairs) {
        x = tags_as_dicts(x);
        continue;
      }
      Json dict = Json::object();
      for (const auto& t : x) dict[t["Key"].get<std::string>()] = t["Value"];
      x = dict;
    }
  } else if (v.is_array()) {
    for (auto& x : v) x = tags_as_dicts(x);
  }
  return v;
}

}  // namespace hoplite::recorded
