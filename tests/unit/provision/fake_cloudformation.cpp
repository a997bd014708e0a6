#include "fake_cloudformation.hpp"

#include <fmt/format.h>

#include "hoplite/aws/xml_writer.hpp"
#include "hoplite/core/percent.hpp"

namespace hoplite::provision::testing {
namespace {

constexpr const char* kNs = "http://cloudformation.amazonaws.com/doc/2010-05-15/";

http::Response ok(const std::string& action, const std::function<void(aws::XmlWriter&)>& body) {
  aws::XmlWriter w;
  w.open(action + "Response", kNs).open(action + "Result");
  if (body) body(w);
  w.close().open("ResponseMetadata").element("RequestId", "req-1").close().close();
  return {.status = 200, .body = w.finish()};
}

http::Response error(int status, const std::string& code, const std::string& message) {
  aws::XmlWriter w;
  w.open("ErrorResponse", kNs)
      .open("Error")
      .element("Type", "Sender")
      .element("Code", code)
      .element("Message", message)
      .close()
      .element("RequestId", "req-1")
      .close();
  return {.status = status, .body = w.finish()};
}

}  // namespace

FakeStack* FakeCloudFormation::find(const std::string& key) {
  if (auto it = stacks.find(key); it != stacks.end()) return &it->second;
  for (auto& [id, s] : stacks)
    if (s.name == key && !s.deleted) return &s;
  return nullptr;
}

void FakeCloudFormation::event(FakeStack& s, const std::string& logical, const std::string& type,
                               const std::string& status, const std::string& reason) {
  s.events.push_back({fmt::format("ev-{}", ++next_id_), logical, type, status, reason});
}

http::Response FakeCloudFormation::handle(const http::Request& request) {
  std::map<std::string, std::string> p;
  for (auto& [k, v] : core::form_decode(request.body)) p[k] = v;
  const std::string action = p["Action"];
  calls.push_back(action);
  auto params_of = [&] {
    std::map<std::string, std::string> out;
    for (int i = 1; p.contains(fmt::format("Parameters.member.{}.ParameterKey", i)); ++i)
      out[p[fmt::format("Parameters.member.{}.ParameterKey", i)]] =
          p[fmt::format("Parameters.member.{}.ParameterValue", i)];
    return out;
  };
  auto missing = [&](const std::string& name) {
    return error(400, "ValidationError", "Stack with id " + name + " does not exist");
  };

  if (action == "DescribeStacks") {
    FakeStack* s = find(p["StackName"]);
    if (s == nullptr) return missing(p["StackName"]);
    if (!s->pending_status.empty()) {  // the operation finishes between two polls
      const std::string to = s->pending_status;
      s->pending_status.clear();
      s->status = to;
      event(*s, s->name, "AWS::CloudFormation::Stack", to);
      if (to == "DELETE_COMPLETE") s->deleted = true;
    }
    return ok(action, [&](aws::XmlWriter& w) {
      w.open("Stacks").open("member").element("StackId", s->id).element("StackName", s->name);
      w.element("StackStatus", s->status);
      if (!s->reason.empty()) w.element("StackStatusReason", s->reason);
      w.open("Parameters");
      for (const auto& [k, v] : s->parameters)
        w.open("member").element("ParameterKey", k).element("ParameterValue", v).close();
      w.close().open("Outputs").open("member").element("OutputKey", "Answer").element("OutputValue", "42").close();
      w.close().close().close();
    });
  }
  if (action == "DescribeStackEvents") {
    FakeStack* s = find(p["StackName"]);
    if (s == nullptr) return missing(p["StackName"]);
    return ok(action, [&](aws::XmlWriter& w) {
      w.open("StackEvents");
      for (auto it = s->events.rbegin(); it != s->events.rend(); ++it) {
        w.open("member").element("EventId", it->id).element("StackId", s->id).element("StackName", s->name);
        w.element("LogicalResourceId", it->logical).element("ResourceType", it->type);
        w.element("ResourceStatus", it->status).element("Timestamp", "2026-01-01T00:00:00.000Z");
        if (!it->reason.empty()) w.element("ResourceStatusReason", it->reason);
        w.close();
      }
      w.close();
    });
  }
  if (action == "GetTemplate") {
    FakeStack* s = find(p["StackName"]);
    if (s == nullptr) return missing(p["StackName"]);
    return ok(action, [&](aws::XmlWriter& w) { w.element("TemplateBody", s->template_body); });
  }
  if (action == "CreateChangeSet") {
    ++created_change_sets;
    FakeStack* s = find(p["StackName"]);
    const bool create = p["ChangeSetType"] == "CREATE";
    if (create && s != nullptr && s->status != "REVIEW_IN_PROGRESS")
      return error(400, "ValidationError", "Stack [" + s->name + "] already exists and cannot be created again");
    if (!create && s == nullptr) return missing(p["StackName"]);
    if (s == nullptr) {
      const std::string id =
          fmt::format("arn:aws:cloudformation:us-east-1:000000000000:stack/{}/{}", p["StackName"], ++next_id_);
      stacks[id] = FakeStack{.id = id, .name = p["StackName"], .status = "REVIEW_IN_PROGRESS"};
      s = &stacks[id];
      event(*s, s->name, "AWS::CloudFormation::Stack", "REVIEW_IN_PROGRESS", "User Initiated");
    }
    for (const auto& [id, cs] : change_sets)
      if (cs.stack_id == s->id && cs.name == p["ChangeSetName"])
        return error(400, "AlreadyExistsException", "ChangeSet " + cs.name + " already exists");
    FakeChangeSet cs{.id = fmt::format("arn:aws:cloudformation:us-east-1:000000000000:changeSet/{}/{}",
                                       p["ChangeSetName"], ++next_id_),
                     .name = p["ChangeSetName"],
                     .stack_id = s->id,
                     .status = "CREATE_COMPLETE",
                     .type = p["ChangeSetType"],
                     .template_body = p["TemplateBody"],
                     .parameters = params_of()};
    if (!create && cs.template_body == s->template_body && cs.parameters == s->parameters) {
      cs.status = "FAILED";
      cs.execution_status = "UNAVAILABLE";
      cs.reason =
          "The submitted information didn't contain changes. Submit different information to create a "
          "change set.";
    } else {
      cs.changes.push_back(std::string(create ? "Add" : "Modify") + ":Res");
    }
    change_sets[cs.id] = cs;
    return ok(action, [&](aws::XmlWriter& w) { w.element("Id", cs.id).element("StackId", s->id); });
  }
  auto change_set = [&]() -> FakeChangeSet* {
    const std::string& key = p["ChangeSetName"];
    if (auto it = change_sets.find(key); it != change_sets.end()) return &it->second;
    FakeStack* s = p.contains("StackName") ? find(p["StackName"]) : nullptr;
    for (auto& [id, cs] : change_sets)
      if (cs.name == key && s != nullptr && cs.stack_id == s->id) return &cs;
    return nullptr;
  };
  if (action == "DescribeChangeSet") {
    FakeChangeSet* cs = change_set();
    if (cs == nullptr) return error(404, "ChangeSetNotFound", "ChangeSet [" + p["ChangeSetName"] + "] does not exist");
    return ok(action, [&](aws::XmlWriter& w) {
      w.element("ChangeSetName", cs->name).element("ChangeSetId", cs->id).element("StackId", cs->stack_id);
      w.element("StackName", stacks[cs->stack_id].name).element("Status", cs->status);
      if (!cs->reason.empty()) w.element("StatusReason", cs->reason);
      w.element("ExecutionStatus", cs->execution_status).open("Changes");
      for (const auto& c : cs->changes) {
        const auto colon = c.find(':');
        w.open("member").element("Type", "Resource").open("ResourceChange");
        w.element("Action", c.substr(0, colon)).element("LogicalResourceId", c.substr(colon + 1));
        w.element("ResourceType", "AWS::SNS::Topic").element("Replacement", "False").close().close();
      }
      w.close();
    });
  }
  if (action == "DeleteChangeSet") {
    FakeChangeSet* cs = change_set();
    if (cs == nullptr) return error(404, "ChangeSetNotFound", "ChangeSet does not exist");
    change_sets.erase(cs->id);
    return ok(action, {});
  }
  if (action == "ExecuteChangeSet") {
    FakeChangeSet* cs = change_set();
    if (cs == nullptr) return error(404, "ChangeSetNotFound", "ChangeSet does not exist");
    FakeStack& s = stacks[cs->stack_id];
    const bool create = cs->type == "CREATE";
    const std::string verb = create ? "CREATE" : "UPDATE";
    s.status = verb + "_IN_PROGRESS";
    event(s, s.name, "AWS::CloudFormation::Stack", s.status, "User Initiated");
    event(s, "Res", "AWS::SNS::Topic", verb + "_IN_PROGRESS");
    if (cs->template_body.find("FAIL") != std::string::npos) {
      event(s, "Res", "AWS::SNS::Topic", verb + "_FAILED", "Resource handler returned message: \"boom\"");
      event(s, "Other", "AWS::SQS::Queue", verb + "_FAILED", "Resource creation cancelled");
      s.status = create ? "ROLLBACK_IN_PROGRESS" : "UPDATE_ROLLBACK_IN_PROGRESS";
      event(s, s.name, "AWS::CloudFormation::Stack", s.status, "The following resource(s) failed: [Res]");
      s.pending_status = create ? "ROLLBACK_COMPLETE" : "UPDATE_ROLLBACK_COMPLETE";
    } else {
      event(s, "Res", "AWS::SNS::Topic", verb + "_COMPLETE");
      s.template_body = cs->template_body;
      s.parameters = cs->parameters;
      s.pending_status = verb + "_COMPLETE";
    }
    // Executing removes every change set of the stack, as AWS does.
    std::erase_if(change_sets, [&](const auto& kv) { return kv.second.stack_id == s.id; });
    return ok(action, {});
  }
  if (action == "DeleteStack") {
    FakeStack* s = find(p["StackName"]);
    if (s == nullptr) return ok(action, {});  // AWS: deleting a missing stack succeeds
    s->status = "DELETE_IN_PROGRESS";
    event(*s, s->name, "AWS::CloudFormation::Stack", "DELETE_IN_PROGRESS", "User Initiated");
    event(*s, "Res", "AWS::SNS::Topic", "DELETE_COMPLETE");
    s->pending_status = "DELETE_COMPLETE";
    return ok(action, {});
  }
  if (action == "CancelUpdateStack") {
    FakeStack* s = find(p["StackName"]);
    if (s == nullptr) return missing(p["StackName"]);
    if (s->status != "UPDATE_IN_PROGRESS")
      return error(400, "ValidationError", "CancelUpdateStack cannot be called from current stack status");
    s->status = "UPDATE_ROLLBACK_IN_PROGRESS";
    s->pending_status = "UPDATE_ROLLBACK_COMPLETE";
    return ok(action, {});
  }
  return error(400, "InvalidAction", "not in the fake: " + action);
}

}  // namespace hoplite::provision::testing
