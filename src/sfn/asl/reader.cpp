// The ASL reader's entry points and the machine level of the document.
#include "sfn/asl/reader.hpp"

#include <fmt/format.h>

namespace hoplite::sfn {

std::string DefinitionProblem::to_string() const {
  if (location.empty()) return fmt::format("{}: {}", code, message);
  return fmt::format("{}: {} at {}", code, message, location);
}

std::vector<DefinitionProblem> check_definition(std::string_view text) { return asl::read_asl(text).problems; }

core::Result<std::shared_ptr<const Definition>> read_definition(std::string_view text) {
  auto outcome = asl::read_asl(text);
  if (outcome.problems.empty()) return std::shared_ptr<const Definition>(std::move(outcome.definition));
  // AWS: one problem is quoted once, several are each quoted inside the outer quotes.
  std::string body;
  if (outcome.problems.size() == 1) {
    body = outcome.problems[0].to_string();
  } else {
    for (std::size_t i = 0; i < outcome.problems.size(); ++i)
      body += fmt::format("{}'{}'", i ? ", " : "", outcome.problems[i].to_string());
  }
  core::Error e{"InvalidDefinition", fmt::format("Invalid State Machine Definition: '{}'", body), 400, false, {}};
  return core::fail(std::move(e));
}

}  // namespace hoplite::sfn

namespace hoplite::sfn::asl {

const char* state_type_name(StateType t) {
  switch (t) {
    case StateType::kPass:
      return "Pass";
    case StateType::kTask:
      return "Task";
    case StateType::kChoice:
      return "Choice";
    case StateType::kWait:
      return "Wait";
    case StateType::kSucceed:
      return "Succeed";
    case StateType::kFail:
      return "Fail";
    case StateType::kParallel:
      return "Parallel";
    case StateType::kMap:
      return "Map";
  }
  return "Pass";
}

std::string pointer_escape(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

void Reader::problem(DefinitionRule rule, std::string code, std::string message, std::string location) {
  problems.push_back(DefinitionProblem{rule, std::move(code), std::move(message), std::move(location)});
}

std::unique_ptr<Definition> Reader::machine(const Json& doc) {
  if (!doc.is_object()) {
    schema(DefinitionRule::kMissingField, "The definition must be a JSON object", "");
    return nullptr;
  }
  auto def = std::make_unique<Definition>();
  definition = def.get();
  if (const Json* ql = find_member(doc, "QueryLanguage")) {
    if (*ql == "JSONata") {
      problem(DefinitionRule::kUnsupportedFeature, "UNSUPPORTED_FEATURE",
              "JSONata (QueryLanguage \"JSONata\") is not supported by hoplite yet; write the machine with JSONPath",
              "/QueryLanguage");
      return def;
    }
    if (*ql != "JSONPath")
      schema(DefinitionRule::kInvalidField,
             "The value for the field 'QueryLanguage' must be \"JSONPath\" or \"JSONata\"", "/QueryLanguage");
  }
  string_field(doc, "Version", "", false);
  if (find_member(doc, "TimeoutSeconds")) def->timeout_seconds = integer_field(doc, "TimeoutSeconds", "", 1, 99999999);
  def->root = graph(doc, "", 0, {"TimeoutSeconds", "Version", "QueryLanguage"});
  return def;
}

ReadOutcome read_asl(std::string_view text) {
  ReadOutcome out;
  Reader r;
  auto doc = parse_json(text, JsonLimits{.max_bytes = kMaxDefinitionBytes, .max_depth = kMaxJsonDepth});
  if (!doc) {
    bool limit = doc.error().code != "json.syntax";
    r.problem(limit ? DefinitionRule::kTooLarge : DefinitionRule::kMissingField, "INVALID_JSON_DESCRIPTION",
              doc.error().message, "");
    out.problems = std::move(r.problems);
    return out;
  }
  out.definition = r.machine(*doc);
  if (out.definition) out.definition->text = std::string(text);
  out.problems = std::move(r.problems);
  return out;
}

}  // namespace hoplite::sfn::asl
