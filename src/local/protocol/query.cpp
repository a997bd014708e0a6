#include "local/protocol/query.hpp"

#include "hoplite/core/percent.hpp"
#include "hoplite/core/terminal_text.hpp"

namespace hoplite::local {
namespace {

bool is_presign_param(std::string_view key) {
  return key == "X-Amz-Algorithm" || key == "X-Amz-Credential" || key == "X-Amz-Date" || key == "X-Amz-Expires" ||
         key == "X-Amz-SignedHeaders" || key == "X-Amz-Signature" || key == "X-Amz-Security-Token";
}

}  // namespace

core::Result<QueryRequest> decode_query_request(const Call& call) {
  std::string_view source = call.request.method == "POST" ? std::string_view(call.body) : call.request.query();
  // Count before decoding: the decoder's output is bounded by what we let it see.
  std::size_t pairs = 1;
  for (char c : source) pairs += c == '&';
  if (pairs > kMaxQueryParams)
    return aws_error("MalformedQueryString", "More than " + std::to_string(kMaxQueryParams) + " parameters");
  QueryRequest out;
  bool has_action = false, has_version = false;
  for (auto& [key, value] : core::form_decode(source)) {
    // Parameters are text: bytes that are not UTF-8 are refused here, before a service stores
    // them (JSON, XML) and cannot write them back.
    if (!core::is_utf8(key) || !core::is_utf8(value))
      return aws_error("MalformedQueryString", "A parameter is not valid UTF-8");
    if (key == "Action" && !has_action) {
      out.action = std::move(value);
      has_action = true;
    } else if (key == "Version" && !has_version) {
      out.version = std::move(value);
      has_version = true;
    } else if (!is_presign_param(key)) {
      out.params.add(std::move(key), std::move(value));
    }
  }
  if (out.action.empty()) return aws_error("MissingAction", "Missing Action");
  return out;
}

QueryApi& QueryApi::add(std::string action, Operation op) {
  operations_.emplace(std::move(action), std::move(op));
  return *this;
}

http::Response QueryApi::handle(Call& call) const {
  const std::string& id = call.context.request_id;
  auto request = decode_query_request(call);
  if (!request) return render_error(spec_, request.error(), id);
  call.operation = request->action;
  const bool ec2 = spec_.protocol == Protocol::ec2;
  auto op = operations_.find(request->action);
  if (op == operations_.end() || request->version != spec_.api_version) {
    std::string message = ec2 ? "The action " + request->action + " is not valid for this web service."
                              : "Could not find operation " + request->action + " for version " + request->version;
    return render_error(spec_, core::Error{"InvalidAction", message, 400, false, {}}, id);
  }
  aws::XmlWriter result;
  if (auto r = op->second(*request, call.context, result); !r) return render_error(spec_, r.error(), id);
  std::string inner = result.finish();
  aws::XmlWriter w(ec2);
  w.open(request->action + "Response", spec_.xml_namespace);
  if (ec2) {
    w.element("requestId", id).raw(inner);
  } else {
    // Always there, even empty: SDKs read `<ActionResult>` of an operation with an output shape
    // even when every member is absent (an SQS ReceiveMessage with no messages).
    w.open(request->action + "Result").raw(inner).close();
    w.open("ResponseMetadata").element("RequestId", id).close();
  }
  std::string body = w.finish();
  http::Response r = http::make_response(200, std::move(body), "text/xml");
  r.headers.set("x-amzn-RequestId", id);
  return r;
}

}  // namespace hoplite::local
