#include "local/protocol/json.hpp"

#include "hoplite/aws/protocol_json.hpp"

namespace hoplite::local {

core::Result<nlohmann::json> parse_json_body(std::string_view body, int max_depth) {
  // nlohmann's parser and destructor cope with deep input, but dump() and our own walks recurse:
  // refuse deep documents before anything is built.
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : body) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > max_depth)
        return aws_error("SerializationException",
                         "The request body nests deeper than " + std::to_string(max_depth) + " levels");
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  bool blank = body.find_first_not_of(" \t\r\n") == std::string_view::npos;
  if (blank) return nlohmann::json::object();
  auto doc = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return aws_error("SerializationException", "The request body is not valid JSON");
  if (!doc.is_object()) return aws_error("SerializationException", "The request body must be a JSON object");
  return doc;
}

JsonApi& JsonApi::add(std::string operation, Operation op) {
  operations_.emplace(std::move(operation), std::move(op));
  return *this;
}

http::Response JsonApi::handle(Call& call) const {
  const std::string& id = call.context.request_id;
  std::string target = call.request.headers.get("X-Amz-Target").value_or("");
  std::string_view name = target;
  std::string prefix = spec_.target_prefix + ".";
  auto op = name.starts_with(prefix) ? operations_.find(name.substr(prefix.size())) : operations_.end();
  call.operation = std::string(name.substr(name.find('.') == std::string_view::npos ? 0 : name.find('.') + 1));
  if (op == operations_.end())
    return render_error(spec_, core::Error{"UnknownOperationException", "", 400, false, {}}, id);
  auto input = parse_json_body(call.body);
  if (!input) return render_error(spec_, input.error(), id);
  auto output = op->second(*input, call.context);
  if (!output) return render_error(spec_, output.error(), id);
  http::Response r = http::make_response(
      200, output->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
      aws::json_content_type(spec_.protocol == Protocol::json_1_0 ? aws::JsonVersion::v1_0 : aws::JsonVersion::v1_1));
  r.headers.set("x-amzn-RequestId", id);
  return r;
}

}  // namespace hoplite::local
