// Retry and Catch: error names, retrier fields, catcher targets.
#include <fmt/format.h>

#include "sfn/asl/reader.hpp"

namespace hoplite::sfn::asl {
namespace {

// The error names Step Functions defines; any other `States.` name is refused.
constexpr const char* kStatesErrors[] = {
    "States.ALL",
    "States.DataLimitExceeded",
    "States.ExceedToleratedFailureThreshold",
    "States.HeartbeatTimeout",
    "States.Http.Socket",
    "States.IntrinsicFailure",
    "States.ItemReaderFailed",
    "States.NoChoiceMatched",
    "States.ParameterPathFailure",
    "States.Permissions",
    "States.QueryEvaluationError",
    "States.ResultPathMatchFailure",
    "States.ResultWriterFailed",
    "States.Runtime",
    "States.TaskFailed",
    "States.Timeout",
    "States.BranchFailed",
};

}  // namespace

namespace {

// Reads ErrorEquals of one retrier/catcher; `last` says whether it is the last of its list
// (States.ALL may only appear alone there).
std::vector<std::string> error_names(Reader& r, const Json& entry, const std::string& at, bool last) {
  std::vector<std::string> out;
  const Json* list = find_member(entry, "ErrorEquals");
  if (list == nullptr || !list->is_array() || list->empty()) {
    r.schema(DefinitionRule::kMissingField, "The field 'ErrorEquals' must be a non-empty ARRAY of error names",
             at + (list ? "/ErrorEquals" : ""));
    return out;
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    const Json& e = (*list)[i];
    std::string eat = fmt::format("{}/ErrorEquals/{}", at, i);
    if (!e.is_string()) {
      r.schema(DefinitionRule::kMissingField, "Error names must be STRINGs", eat);
      continue;
    }
    const std::string& name = e.get_ref<const std::string&>();
    if (name.starts_with("States.")) {
      bool known = false;
      for (const char* k : kStatesErrors) known = known || name == k;
      if (!known)
        r.schema(DefinitionRule::kInvalidField,
                 fmt::format("'{}' is not an error Step Functions defines; names starting with 'States.' are reserved",
                             name),
                 eat);
      if (name == "States.ALL" && (list->size() != 1 || !last))
        r.schema(DefinitionRule::kInvalidField, "States.ALL must be the only error name of the last retrier or catcher",
                 eat);
    }
    out.push_back(name);
  }
  return out;
}

}  // namespace

void Reader::retry(StateNode& node, const Json& s, const std::string& at) {
  const Json* list = find_member(s, "Retry");
  if (list == nullptr) return;
  if (!list->is_array()) {
    schema(DefinitionRule::kMissingField, "The value for the field 'Retry' must be an ARRAY", at + "/Retry");
    return;
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    const Json& r = (*list)[i];
    std::string rat = fmt::format("{}/Retry/{}", at, i);
    if (!r.is_object()) {
      schema(DefinitionRule::kMissingField, "A retrier must be an OBJECT", rat);
      continue;
    }
    check_fields(r,
                 {"ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy",
                  "Comment"},
                 rat);
    Retrier retrier;
    retrier.errors = error_names(*this, r, rat, i + 1 == list->size());
    retrier.interval_seconds = integer_field(r, "IntervalSeconds", rat, 1, 99999999).value_or(1);
    retrier.max_attempts = integer_field(r, "MaxAttempts", rat, 0, 99999999).value_or(3);
    retrier.backoff_rate = number_field(r, "BackoffRate", rat, 1.0, 1e9).value_or(2.0);
    if (find_member(r, "MaxDelaySeconds"))
      retrier.max_delay_seconds = integer_field(r, "MaxDelaySeconds", rat, 1, 31622400);
    if (auto j = string_field(r, "JitterStrategy", rat, false)) {
      if (*j == "FULL")
        retrier.full_jitter = true;
      else if (*j != "NONE")
        schema(DefinitionRule::kInvalidField, "The value for the field 'JitterStrategy' must be FULL or NONE",
               rat + "/JitterStrategy");
    }
    string_field(r, "Comment", rat, false);
    node.retriers.push_back(std::move(retrier));
  }
}

void Reader::catchers(StateNode& node, const Json& s, const std::string& at) {
  const Json* list = find_member(s, "Catch");
  if (list == nullptr) return;
  if (!list->is_array()) {
    schema(DefinitionRule::kMissingField, "The value for the field 'Catch' must be an ARRAY", at + "/Catch");
    return;
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    const Json& c = (*list)[i];
    std::string cat = fmt::format("{}/Catch/{}", at, i);
    if (!c.is_object()) {
      schema(DefinitionRule::kMissingField, "A catcher must be an OBJECT", cat);
      continue;
    }
    check_fields(c, {"ErrorEquals", "Next", "ResultPath", "Comment"}, cat);
    Catcher catcher;
    catcher.errors = error_names(*this, c, cat, i + 1 == list->size());
    if (!find_member(c, "Next"))
      schema(DefinitionRule::kMissingTarget, "These fields are required: [Next]", cat);
    else if (auto n = string_field(c, "Next", cat, true))
      catcher.next_name = *n;
    auto flow = std::make_unique<JsonPathDataFlow>();
    flow->result_path = optional_path(c, "ResultPath", cat, true);
    catcher.flow = std::move(flow);
    string_field(c, "Comment", cat, false);
    node.catchers.push_back(std::move(catcher));
  }
}

}  // namespace hoplite::sfn::asl
