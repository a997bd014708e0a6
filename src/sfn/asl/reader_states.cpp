// Scopes (machine, branches, item processors) and the states in them.
#include <fmt/format.h>

#include "sfn/asl/reader.hpp"

namespace hoplite::sfn::asl {
namespace {

struct TypeInfo {
  const char* name;
  StateType type;
};

constexpr TypeInfo kTypes[] = {
    {"Pass", StateType::kPass},         {"Task", StateType::kTask},       {"Choice", StateType::kChoice},
    {"Wait", StateType::kWait},         {"Succeed", StateType::kSucceed}, {"Fail", StateType::kFail},
    {"Parallel", StateType::kParallel}, {"Map", StateType::kMap},
};

bool terminal_type(StateType t) { return t == StateType::kChoice || t == StateType::kSucceed || t == StateType::kFail; }

}  // namespace

std::unique_ptr<StateGraph> Reader::graph(const Json& scope, const std::string& at, std::size_t nesting,
                                          const std::vector<const char*>& extra_fields) {
  auto g = std::make_unique<StateGraph>();
  if (!scope.is_object()) {
    schema(DefinitionRule::kMissingField, "The value must be an OBJECT with StartAt and States", at);
    return g;
  }
  if (nesting > kMaxStateNesting) {
    problem(DefinitionRule::kTooLarge, "SCHEMA_VALIDATION_FAILED",
            fmt::format("Parallel and Map states are nested more than {} levels deep", kMaxStateNesting), at);
    return g;
  }
  std::vector<const char*> allowed{"StartAt", "States", "Comment"};
  allowed.insert(allowed.end(), extra_fields.begin(), extra_fields.end());
  check_fields(scope, allowed, at);
  string_field(scope, "Comment", at, false);
  auto start = string_field(scope, "StartAt", at, true);
  const Json* states = find_member(scope, "States");
  if (states == nullptr) {
    schema(DefinitionRule::kMissingField, "These fields are required: [States]", at);
    return g;
  }
  if (!states->is_object() || states->empty()) {
    schema(DefinitionRule::kMissingField, "The value for the field 'States' must be a non-empty OBJECT",
           at + "/States");
    return g;
  }
  for (auto it = states->begin(); it != states->end(); ++it) {
    const std::string& name = it.key();
    std::string state_at = at + "/States/" + pointer_escape(name);
    if (name.empty() || name.size() > 80)
      schema(DefinitionRule::kBadName,
             fmt::format("State names must have 1 to 80 characters; '{}' has {}", name, name.size()), state_at);
    if (!names_.insert(name).second)
      problem(DefinitionRule::kDuplicateName, "DUPLICATE_STATE_NAME", fmt::format("Duplicate State name: {}", name),
              state_at);
    auto node = state(name, *it, state_at, nesting);
    g->by_name.emplace(name, node.get());
    if (definition) definition->all_states.emplace(name, node.get());
    g->states.push_back(std::move(node));
  }
  if (start) {
    auto found = g->by_name.find(*start);
    if (found == g->by_name.end())
      problem(DefinitionRule::kDanglingTarget, "MISSING_TRANSITION_TARGET",
              fmt::format("Missing 'StartAt' target: {}", *start), at + "/StartAt");
    else
      g->start = found->second;
  }
  link(*g, *states, at);
  return g;
}

std::unique_ptr<StateNode> Reader::state(const std::string& name, const Json& s, const std::string& at,
                                         std::size_t nesting) {
  auto node = std::make_unique<StateNode>();
  node->name = name;
  node->pointer = at;
  if (!s.is_object()) {
    schema(DefinitionRule::kMissingField, "A state must be an OBJECT", at);
    return node;
  }
  auto type_name = string_field(s, "Type", at, true);
  if (!type_name) return node;
  const TypeInfo* info = nullptr;
  for (const auto& t : kTypes)
    if (*type_name == t.name) info = &t;
  if (info == nullptr) {
    schema(DefinitionRule::kMissingField,
           fmt::format("The value for the field 'Type' must be one of Pass, Task, Choice, Wait, Succeed, Fail, "
                       "Parallel, Map, not '{}'",
                       *type_name),
           at + "/Type");
    return node;
  }
  StateType type = info->type;
  node->type = type;
  if (const Json* ql = find_member(s, "QueryLanguage")) {
    if (*ql == "JSONata") {
      problem(DefinitionRule::kUnsupportedFeature, "UNSUPPORTED_FEATURE",
              "JSONata (QueryLanguage \"JSONata\") is not supported by hoplite yet; write the state with JSONPath",
              at + "/QueryLanguage");
      return node;
    }
    if (*ql != "JSONPath")
      schema(DefinitionRule::kInvalidField,
             "The value for the field 'QueryLanguage' must be \"JSONPath\" or \"JSONata\"", at + "/QueryLanguage");
  }

  const bool retry_catch = type == StateType::kTask || type == StateType::kParallel || type == StateType::kMap;
  if (!retry_catch && (find_member(s, "Retry") || find_member(s, "Catch")))
    schema(DefinitionRule::kRetryCatchNotAllowed,
           fmt::format("A {} state cannot have Retry or Catch (only Task, Parallel and Map can)", info->name),
           at + (find_member(s, "Retry") ? "/Retry" : "/Catch"));
  switch (type) {
    case StateType::kPass:
      check_fields(s,
                   {"Type", "Comment", "QueryLanguage", "Next", "End", "InputPath", "OutputPath", "ResultPath",
                    "Parameters", "Result", "Retry", "Catch"},
                   at);
      break;
    case StateType::kTask:
      check_fields(s,
                   {"Type", "Comment", "QueryLanguage", "Next", "End", "InputPath", "OutputPath", "ResultPath",
                    "Parameters", "ResultSelector", "Resource", "TimeoutSeconds", "TimeoutSecondsPath",
                    "HeartbeatSeconds", "HeartbeatSecondsPath", "Retry", "Catch", "Credentials"},
                   at);
      break;
    case StateType::kChoice:
      check_fields(s,
                   {"Type", "Comment", "QueryLanguage", "Next", "End", "Choices", "Default", "InputPath", "OutputPath",
                    "Retry", "Catch"},
                   at);
      break;
    case StateType::kWait:
      check_fields(s,
                   {"Type", "Comment", "QueryLanguage", "Next", "End", "InputPath", "OutputPath", "Seconds",
                    "SecondsPath", "Timestamp", "TimestampPath", "Retry", "Catch"},
                   at);
      break;
    case StateType::kSucceed:
      check_fields(s, {"Type", "Comment", "QueryLanguage", "Next", "End", "InputPath", "OutputPath", "Retry", "Catch"},
                   at);
      break;
    case StateType::kFail:
      check_fields(s,
                   {"Type", "Comment", "QueryLanguage", "Next", "End", "Error", "ErrorPath", "Cause", "CausePath",
                    "Retry", "Catch"},
                   at);
      break;
    case StateType::kParallel:
      check_fields(s,
                   {"Type", "Comment", "QueryLanguage", "Next", "End", "InputPath", "OutputPath", "ResultPath",
                    "Parameters", "ResultSelector", "Branches", "Retry", "Catch"},
                   at);
      break;
    case StateType::kMap:
      check_fields(s,
                   {"Type",
                    "Comment",
                    "QueryLanguage",
                    "Next",
                    "End",
                    "InputPath",
                    "OutputPath",
                    "ResultPath",
                    "ItemsPath",
                    "ItemSelector",
                    "Parameters",
                    "ResultSelector",
                    "ItemProcessor",
                    "Iterator",
                    "MaxConcurrency",
                    "MaxConcurrencyPath",
                    "ToleratedFailureCount",
                    "ToleratedFailureCountPath",
                    "ToleratedFailurePercentage",
                    "ToleratedFailurePercentagePath",
                    "ItemReader",
                    "ItemBatcher",
                    "ResultWriter",
                    "Label",
                    "Retry",
                    "Catch"},
                   at);
      break;
  }
  string_field(s, "Comment", at, false);

  // Transitions.
  const Json* next = find_member(s, "Next");
  const Json* end = find_member(s, "End");
  if (terminal_type(type)) {
    if (next || end)
      schema(DefinitionRule::kTransitionFromTerminal,
             fmt::format("A {} state must not have the field '{}'", info->name, next ? "Next" : "End"),
             at + (next ? "/Next" : "/End"));
  } else if (next && end) {
    schema(DefinitionRule::kTransitionFromTerminal, "The fields 'Next' and 'End' cannot both be given; keep one", at);
  } else if (!next && !end) {
    schema(DefinitionRule::kMissingTarget, "These fields are required: [Next] or [End]", at);
  } else if (next) {
    if (auto n = string_field(s, "Next", at, true)) node->next_name = *n;
  } else if (*end != true) {
    schema(DefinitionRule::kInvalidField, "The value for the field 'End' must be true", at + "/End");
  } else {
    node->end = true;
  }

  // Input and output processing.
  if (type != StateType::kFail) {
    auto flow = std::make_unique<JsonPathDataFlow>();
    flow->input_path = optional_path(s, "InputPath", at, false);
    flow->output_path = optional_path(s, "OutputPath", at, false);
    if (type == StateType::kPass || type == StateType::kTask || type == StateType::kParallel || type == StateType::kMap)
      flow->result_path = optional_path(s, "ResultPath", at, true);
    if (type == StateType::kPass || type == StateType::kTask || type == StateType::kParallel)
      flow->parameters = payload(s, "Parameters", at);
    if (type == StateType::kTask || type == StateType::kParallel || type == StateType::kMap)
      flow->result_selector = payload(s, "ResultSelector", at);
    node->flow = std::move(flow);
  }

  switch (type) {
    case StateType::kPass:
      if (const Json* r = find_member(s, "Result")) node->result = *r;
      break;
    case StateType::kTask:
      task(*node, s, at);
      break;
    case StateType::kChoice:
      choice(*node, s, at);
      break;
    case StateType::kWait:
      wait(*node, s, at);
      break;
    case StateType::kFail:
      fail(*node, s, at);
      break;
    case StateType::kParallel:
      parallel(*node, s, at, nesting);
      break;
    case StateType::kMap:
      map(*node, s, at, nesting);
      break;
    case StateType::kSucceed:
      break;
  }
  if (retry_catch) {
    retry(*node, s, at);
    catchers(*node, s, at);
  }
  return node;
}

void Reader::wait(StateNode& node, const Json& s, const std::string& at) {
  int count = 0;
  for (const char* f : {"Seconds", "SecondsPath", "Timestamp", "TimestampPath"}) count += find_member(s, f) ? 1 : 0;
  if (count != 1) {
    schema(DefinitionRule::kInvalidField,
           "A Wait state needs exactly one of the fields Seconds, SecondsPath, Timestamp, TimestampPath", at);
    return;
  }
  auto spec = std::make_unique<WaitSpec>();
  if (find_member(s, "Seconds")) {
    spec->kind = WaitSpec::Kind::kSeconds;
    auto v = integer_field(s, "Seconds", at, 0, 99999999);
    if (!v) return;
    spec->seconds = *v;
  } else if (find_member(s, "Timestamp")) {
    spec->kind = WaitSpec::Kind::kTimestamp;
    auto text = string_field(s, "Timestamp", at, true);
    if (!text) return;
    auto t = parse_asl_timestamp(*text);
    if (!t) {
      schema(DefinitionRule::kInvalidField,
             fmt::format("The value for the field 'Timestamp' must be an RFC 3339 timestamp, not '{}'", *text),
             at + "/Timestamp");
      return;
    }
    spec->timestamp = *t;
  } else {
    bool seconds = find_member(s, "SecondsPath") != nullptr;
    spec->kind = seconds ? WaitSpec::Kind::kSecondsPath : WaitSpec::Kind::kTimestampPath;
    spec->path = path_expression(s, seconds ? "SecondsPath" : "TimestampPath", at, true);
    if (!spec->path) return;
  }
  node.wait = std::move(spec);
}

void Reader::fail(StateNode& node, const Json& s, const std::string& at) {
  auto spec = std::make_unique<FailSpec>();
  for (const char* f : {"Error", "Cause"}) {
    std::string path_field = std::string(f) + "Path";
    if (find_member(s, f) && find_member(s, path_field))
      schema(DefinitionRule::kInvalidField, fmt::format("The fields '{}' and '{}' cannot both be given", f, path_field),
             at);
  }
  spec->error = string_field(s, "Error", at, false);
  spec->cause = string_field(s, "Cause", at, false);
  spec->error_path = path_or_call(s, "ErrorPath", at);
  spec->cause_path = path_or_call(s, "CausePath", at);
  node.fail = std::move(spec);
}

void Reader::parallel(StateNode& node, const Json& s, const std::string& at, std::size_t nesting) {
  const Json* branches = find_member(s, "Branches");
  if (branches == nullptr || !branches->is_array() || branches->empty()) {
    schema(DefinitionRule::kMissingField, "The field 'Branches' must be a non-empty ARRAY",
           at + (branches ? "/Branches" : ""));
    return;
  }
  for (std::size_t i = 0; i < branches->size(); ++i)
    node.branches.push_back(graph((*branches)[i], fmt::format("{}/Branches/{}", at, i), nesting + 1, {}));
}

void Reader::map(StateNode& node, const Json& s, const std::string& at, std::size_t nesting) {
  auto spec = std::make_unique<MapSpec>();
  for (const char* f : {"ItemReader", "ItemBatcher", "ResultWriter"})
    if (find_member(s, f))
      problem(DefinitionRule::kUnsupportedFeature, "UNSUPPORTED_FEATURE",
              fmt::format("The Map field '{}' (reading or writing items in S3) is not supported by hoplite locally", f),
              at + "/" + f);
  const Json* processor = find_member(s, "ItemProcessor");
  const Json* iterator = find_member(s, "Iterator");
  if ((processor == nullptr) == (iterator == nullptr)) {
    schema(DefinitionRule::kMissingField, "A Map state needs exactly one of the fields ItemProcessor and Iterator", at);
  } else {
    // ItemProcessor, or the legacy Iterator (which AWS also accepts with a ProcessorConfig).
    const Json& body = processor ? *processor : *iterator;
    std::string pat = at + (processor ? "/ItemProcessor" : "/Iterator");
    if (const Json* config = body.is_object() ? find_member(body, "ProcessorConfig") : nullptr) {
      std::string cat = pat + "/ProcessorConfig";
      if (!config->is_object()) {
        schema(DefinitionRule::kInvalidField, "The value for the field 'ProcessorConfig' must be an OBJECT", cat);
      } else {
        check_fields(*config, {"Mode", "ExecutionType"}, cat);
        if (auto mode = string_field(*config, "Mode", cat, false)) {
          if (*mode == "DISTRIBUTED")
            spec->distributed = true;
          else if (*mode != "INLINE")
            schema(DefinitionRule::kInvalidField, "The value for the field 'Mode' must be INLINE or DISTRIBUTED",
                   cat + "/Mode");
        }
        if (auto kind = string_field(*config, "ExecutionType", cat, false))
          if (*kind != "STANDARD" && *kind != "EXPRESS")
            schema(DefinitionRule::kInvalidField, "The value for the field 'ExecutionType' must be STANDARD or EXPRESS",
                   cat + "/ExecutionType");
      }
    }
    spec->processor = graph(body, pat, nesting + 1, {"ProcessorConfig"});
  }
  spec->items_path = path_expression(s, "ItemsPath", at, true);
  if (find_member(s, "ItemSelector") && find_member(s, "Parameters"))
    schema(DefinitionRule::kInvalidField, "The fields 'ItemSelector' and 'Parameters' cannot both be given", at);
  const char* selector_field = find_member(s, "ItemSelector") ? "ItemSelector" : "Parameters";
  if (auto t = payload(s, selector_field, at))
    spec->item_selector = std::make_unique<TemplateItemSelector>(std::move(*t));
  spec->max_concurrency = dynamic_number(s, "MaxConcurrency", at, 0, 99999999, true);
  spec->tolerated_failure_count = dynamic_number(s, "ToleratedFailureCount", at, 0, 99999999, true);
  spec->tolerated_failure_percentage = dynamic_number(s, "ToleratedFailurePercentage", at, 0, 100, false);
  node.map = std::move(spec);
}

}  // namespace hoplite::sfn::asl
