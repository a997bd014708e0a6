#pragma once
// A small CloudFormation for deploy tests: the query protocol's XML for the operations the
// provision module calls, over a state machine that behaves like AWS's for what it covers —
// change sets (CREATE makes a REVIEW_IN_PROGRESS stack; no changes → FAILED with AWS's reason),
// execution that stays IN_PROGRESS for one poll, a failing resource (template containing
// "FAIL") with a cancelled follow-up and rollback, DeleteStack, CancelUpdateStack. The real
// engine is the local cloud's; this fake keeps the provision module's tests independent of it.

#include <map>
#include <string>
#include <vector>

#include "hoplite/http/message.hpp"

namespace hoplite::provision::testing {

struct FakeEvent {
  std::string id, logical, type, status, reason;
};

struct FakeStack {
  std::string id, name, status, reason, template_body;
  std::map<std::string, std::string> parameters;
  std::vector<FakeEvent> events;  // oldest first
  std::string pending_status;     // reached on the next DescribeStacks (the operation "runs")
  bool deleted = false;
};

struct FakeChangeSet {
  std::string id, name, stack_id, status, reason, execution_status = "AVAILABLE", type, template_body;
  std::map<std::string, std::string> parameters;
  std::vector<std::string> changes;  // "Action:Logical"
};

class FakeCloudFormation {
 public:
  http::Response handle(const http::Request& request);

  std::map<std::string, FakeStack> stacks;           // by id
  std::map<std::string, FakeChangeSet> change_sets;  // by id
  std::vector<std::string> calls;                    // Action of every request, in order
  int created_change_sets = 0;

 private:
  FakeStack* find(const std::string& name_or_id);
  void event(FakeStack& s, const std::string& logical, const std::string& type, const std::string& status,
             const std::string& reason = "");
  int next_id_ = 0;
};

}  // namespace hoplite::provision::testing
