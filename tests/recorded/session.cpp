#include "session.hpp"

#include <set>
#include <stdexcept>

#include "boto_wire.hpp"
#include "hoplite/aws/credentials.hpp"
#include "hoplite/aws/protocol_query.hpp"
#include "hoplite/aws/sigv4.hpp"
#include "hoplite/aws/xml.hpp"
#include "hoplite/core/clock.hpp"

namespace hoplite::recorded {
namespace {

// ---- XML -> the JSON boto3 records ----

const std::set<std::string> kLists = {"Stacks",
                                      "StackEvents",
                                      "StackResources",
                                      "StackResourceSummaries",
                                      "StackSummaries",
                                      "Parameters",
                                      "Outputs",
                                      "Tags",
                                      "Capabilities",
                                      "NotificationARNs",
                                      "Changes",
                                      "Details",
                                      "Scope",
                                      "Summaries",
                                      "Exports",
                                      "ResourceTypes",
                                      "DeclaredTransforms",
                                      "StagesAvailable",
                                      "AllowedValues",
                                      "ResourceIdentifierSummaries",
                                      "LogicalResourceIds",
                                      "ResourceIdentifiers",
                                      "LastOperations"};
const std::set<std::string> kBooleans = {"DisableRollback", "EnableTerminationProtection", "NoEcho",
                                         "IncludeNestedStacks", "UsePreviousValue"};
const std::set<std::string> kObjects = {"RollbackConfiguration", "DriftInformation", "ParameterConstraints"};

Json to_json(const aws::XmlElement& e) {
  if (kLists.contains(e.name)) {
    Json out = Json::array();
    for (const auto& m : e.children) out.push_back(to_json(m));
    return out;
  }
  if (e.children.empty() && !kObjects.contains(e.name)) {
    if (kBooleans.contains(e.name)) return e.text == "true";
    // The recordings hold JSON text that starts with `{` as the parsed object (README).
    if (e.text.starts_with("{")) {
      Json parsed = Json::parse(e.text, nullptr, false);
      if (!parsed.is_discarded()) return parsed;
    }
    return e.text;
  }
  Json out = Json::object();
  for (const auto& c : e.children) out[c.name] = to_json(c);
  return out;
}

}  // namespace

std::string operation_name(std::string call) {  // "describe_stacks" -> "DescribeStacks"
  std::string out;
  bool up = true;
  for (char c : call) {
    if (c == '_') {
      up = true;
      continue;
    }
    out += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    up = false;
  }
  return out;
}

Session::Session(const std::filesystem::path& dir) {
  auto c = local::LocalCloud::open({.data_dir = dir,
                                    .clock = nullptr,
                                    .credentials = {{.access_key_id = "AKIDRECORDED",
                                                     .secret_access_key = "recorded",
                                                     .account_id = kAccount,
                                                     .session_token = "",
                                                     // The recordings' caller was an IAM user
                                                     // (SNS's SubscriptionPrincipal shows it).
                                                     .user_name = "recorder"}},
                                    .request_log = false,
                                    .services = {}});
  if (!c) throw std::runtime_error("local cloud: " + c.error().to_string());
  cloud_ = std::move(*c);
  http_ = std::make_unique<http::InProcessClient>(*cloud_);
}

Answer Session::call(const std::string& service, const std::string& op, const Json& kwargs) {
  if (service != "cloudformation") return other_call(service, op, kwargs);
  aws::QueryParams p;
  for (const auto& [k, v] : kwargs.items()) flatten_query(p, k, v, false);
  std::string body = aws::encode_query_body(op, "2010-05-15", p);
  http::Request req{"POST", "http://127.0.0.1:4566/", {}, body, {}};
  req.headers.set("Content-Type", std::string(aws::kQueryContentType));
  sign(req, "cloudformation");
  auto resp = http_->send(req);
  Answer a;
  if (!resp) return a;
  auto doc = aws::parse_xml(resp->body);
  if (!doc) return a;
  if (resp->status >= 400) {
    std::string code = doc->text_at("Error/Code"), message = doc->text_at("Error/Message");
    a.body = {{"Error", {{"Code", code}, {"Message", message}, {"Type", "Sender"}}},
              {"ResponseMetadata", {{"HTTPHeaders", Json::object()}, {"HTTPStatusCode", resp->status}}}};
    a.message = "An error occurred (" + code + ") when calling the " + op + " operation: " + message;
    return a;
  }
  a.ok = true;
  a.body = Json::object();
  if (const auto* result = doc->child(op + "Result"))
    for (const auto& c : result->children) a.body[c.name] = to_json(c);
  a.body["ResponseMetadata"] = {{"HTTPHeaders", Json::object()}, {"HTTPStatusCode", 200}};
  return a;
}

bool Session::speaks(const std::string& service, const std::string& op) {
  return service == "cloudformation" || boto_request(service, op, Json::object()).has_value();
}

Answer Session::other_call(const std::string& service, const std::string& op, const Json& kwargs) {
  auto req = boto_request(service, op, kwargs);
  if (!req) return Answer{};
  sign(*req, signing_name(service));
  auto resp = http_->send(*req);
  if (!resp) return Answer{};
  BotoAnswer b = boto_answer(service, op, *resp);
  return Answer{b.ok, std::move(b.body), std::move(b.message)};
}

void Session::sign(http::Request& req, const std::string& service) {
  aws::Credentials creds{.access_key_id = "AKIDRECORDED",
                         .secret_access_key = "recorded",
                         .session_token = {},
                         .expiration = {},
                         .source = "recorded"};
  bool s3 = service == "s3";  // S3 signs its path as sent and the payload's hash in a header
  (void)aws::sign_request(req, creds,
                          {.service = service,
                           .region = "us-east-1",
                           .time = core::system_clock().now(),
                           .normalize_path = !s3,
                           .double_uri_encode = !s3,
                           .add_content_sha256_header = s3});
}

}  // namespace hoplite::recorded
