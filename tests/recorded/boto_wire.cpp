#include "boto_wire.hpp"

#include <cctype>
#include <map>
#include <set>

#include "hoplite/aws/protocol_query.hpp"
#include "hoplite/aws/xml.hpp"
#include "hoplite/core/percent.hpp"

namespace hoplite::recorded {
namespace {

using Json = nlohmann::ordered_json;

struct Wire {
  enum class Kind { query, ec2, json } kind;
  std::string version;  ///< query: the API version; json: the target prefix
  std::string json_version;
};

std::optional<Wire> wire_of(const std::string& service) {
  if (service == "sns") return Wire{Wire::Kind::query, "2010-03-31", ""};
  if (service == "sqs") return Wire{Wire::Kind::query, "2012-11-05", ""};
  if (service == "sts") return Wire{Wire::Kind::query, "2011-06-15", ""};
  if (service == "iam") return Wire{Wire::Kind::query, "2010-05-08", ""};
  if (service == "ec2") return Wire{Wire::Kind::ec2, "2016-11-15", ""};
  if (service == "ssm") return Wire{Wire::Kind::json, "AmazonSSM", "1.1"};
  if (service == "logs") return Wire{Wire::Kind::json, "Logs_20140328", "1.1"};
  if (service == "events") return Wire{Wire::Kind::json, "AWSEvents", "1.1"};
  if (service == "stepfunctions") return Wire{Wire::Kind::json, "AWSStepFunctions", "1.0"};
  return std::nullopt;
}

/// SQS's query protocol flattens its lists (`AttributeName.1`), as EC2 does; the others nest
/// them under `member`.
const std::set<std::string> kSqsFlat = {"AttributeNames", "MessageAttributeNames"};

std::string singular(const std::string& plural) {
  return plural.ends_with("s") ? plural.substr(0, plural.size() - 1) : plural;
}

// ---- XML answers -> boto3's JSON ----

/// Elements that are lists or maps even when empty (an empty element is otherwise text).
const std::set<std::string> kEmptyLists = {
    "Topics",    "Subscriptions",  "Tags",          "Associations",       "Routes", "PropagatingVgws", "RouteTables",
    "QueueUrls", "SecurityGroups", "IpPermissions", "IpPermissionsEgress"};
const std::set<std::string> kEmptyMaps = {"Attributes"};

/// EC2 answers in camelCase with `xxxSet` lists of `item`; boto3 names them `Xxxs`.
std::string ec2_name(const std::string& n) {
  std::string out = n;
  if (out.size() > 3 && out.ends_with("Set")) out = out.substr(0, out.size() - 3) + "s";
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

Json leaf(const std::string& name, const std::string& text, bool ec2) {
  if (ec2 && (text == "true" || text == "false")) return text == "true";
  // boto3 decodes IAM's URL-encoded policy documents; JSON text starting with `{` is recorded parsed (README).
  std::string t = name == "PolicyDocument" || name == "AssumeRolePolicyDocument" ? core::percent_decode(text) : text;
  if (t.starts_with("{")) {
    Json parsed = Json::parse(t, nullptr, false);
    if (!parsed.is_discarded()) return parsed;
  }
  return t;
}

/// Converts iteratively-bounded input: the XML parser caps nesting at aws::kMaxXmlDepth.
Json convert(const aws::XmlElement& e, const std::string& name, bool ec2) {
  if (e.children.empty()) {
    if (kEmptyLists.contains(name)) return Json::array();
    if (kEmptyMaps.contains(name)) return Json::object();
    return leaf(name, e.text, ec2);
  }
  bool all_members = true, all_entries = true;
  for (const auto& c : e.children) {
    all_members = all_members && (c.name == "member" || c.name == "item");
    all_entries = all_entries && c.name == "entry";
  }
  if (all_members) {
    Json out = Json::array();
    for (const auto& c : e.children) out.push_back(convert(c, "", ec2));
    return out;
  }
  if (all_entries) {  // <entry><key>k</key><value>v</value></entry>
    Json out = Json::object();
    for (const auto& c : e.children) out[c.text_at("key")] = leaf(c.text_at("key"), c.text_at("value"), ec2);
    return out;
  }
  Json out = Json::object();
  for (const auto& c : e.children) {
    if (!ec2 && c.name == "ResponseMetadata") continue;
    if (ec2 && c.name == "requestId") continue;
    std::string key = ec2 ? ec2_name(c.name) : c.name;
    // SQS's flattened maps: <Attribute><Name/><Value/></Attribute>..., <Tag><Key/><Value/></Tag>...
    if (!ec2 && (c.name == "Attribute" || c.name == "Tag") && (c.child("Name") || c.child("Key"))) {
      std::string map = c.name == "Attribute" ? "Attributes" : "Tags";
      if (!out.contains(map)) out[map] = Json::object();
      std::string k = c.child("Name") ? c.text_at("Name") : c.text_at("Key");
      out[map][k] = leaf(k, c.text_at("Value"), false);
      continue;
    }
    out[key] = convert(c, key, ec2);
  }
  return out;
}

Json metadata(int status) { return {{"HTTPHeaders", Json::object()}, {"HTTPStatusCode", status}}; }

BotoAnswer error_answer(const std::string& op, const std::string& code, const std::string& message, int status,
                        bool with_type) {
  BotoAnswer a;
  a.body = {{"Error", {{"Code", code}, {"Message", message}}}, {"ResponseMetadata", metadata(status)}};
  if (with_type) a.body["Error"]["Type"] = "Sender";
  a.message = "An error occurred (" + code + ") when calling the " + op + " operation: " + message;
  return a;
}

}  // namespace

void flatten_query(aws::QueryParams& p, const std::string& key, const Json& v, bool flat_lists) {
  if (v.is_array()) {
    for (std::size_t i = 0; i < v.size(); ++i) {
      std::string k = flat_lists ? singular(key) + "." + std::to_string(i + 1) : aws::QueryParams::member(key, i + 1);
      flatten_query(p, k, v[i], flat_lists);
    }
  } else if (v.is_object()) {
    for (const auto& [k, x] : v.items()) flatten_query(p, key + "." + k, x, flat_lists);
  } else if (v.is_boolean()) {
    p.add(key, v.get<bool>() ? "true" : "false");
  } else if (v.is_string()) {
    p.add(key, v.get<std::string>());
  } else if (!v.is_null()) {
    p.add(key, v.dump());
  }
}

std::string signing_name(const std::string& service) { return service == "stepfunctions" ? "states" : service; }

namespace {

/// The bucket configurations boto3 reads, by subresource.
const std::map<std::string, std::string> kS3Configs = {{"GetBucketCors", "cors"},
                                                       {"GetBucketWebsite", "website"},
                                                       {"GetBucketNotificationConfiguration", "notification"},
                                                       {"GetObjectLockConfiguration", "object-lock"}};

/// S3's configuration XML as boto3's JSON: repeated elements gather in a plural list, a few are
/// renamed (`Queue` is QueueArn), RoutingRules wraps its list, MaxAgeSeconds and retention
/// Days/Years are numbers.
Json s3_json(const aws::XmlElement& e) {
  static const std::map<std::string, std::string> kPlurals = {
      {"CORSRule", "CORSRules"},
      {"AllowedHeader", "AllowedHeaders"},
      {"AllowedMethod", "AllowedMethods"},
      {"AllowedOrigin", "AllowedOrigins"},
      {"ExposeHeader", "ExposeHeaders"},
      {"QueueConfiguration", "QueueConfigurations"},
      {"TopicConfiguration", "TopicConfigurations"},
      {"CloudFunctionConfiguration", "LambdaFunctionConfigurations"},
      {"Event", "Events"},
      {"FilterRule", "FilterRules"}};
  static const std::map<std::string, std::string> kRenamed = {
      {"Queue", "QueueArn"}, {"Topic", "TopicArn"}, {"CloudFunction", "LambdaFunctionArn"}, {"S3Key", "Key"}};
  if (e.children.empty() && e.name != "EventBridgeConfiguration") {
    if (e.name == "MaxAgeSeconds" || e.name == "Days" || e.name == "Years") return std::stoll(e.text);
    return e.text;
  }
  Json out = Json::object();
  for (const auto& c : e.children) {
    if (c.name == "RoutingRules") {
      out["RoutingRules"] = Json::array();
      for (const auto& rule : c.children) out["RoutingRules"].push_back(s3_json(rule));
    } else if (auto list = kPlurals.find(c.name); list != kPlurals.end()) {
      out[list->second].push_back(s3_json(c));
    } else {
      auto renamed = kRenamed.find(c.name);
      out[renamed == kRenamed.end() ? c.name : renamed->second] = s3_json(c);
    }
  }
  return out;
}

/// S3's REST calls the cases make (path-style, as boto3 against an endpoint URL sends them).
std::optional<http::Request> s3_request(const std::string& op, const Json& kwargs) {
  std::string bucket = kwargs.value("Bucket", ""), key = kwargs.value("Key", "");
  std::string path = "/" + core::percent_encode(bucket);
  http::Request req{"", "", {}, {}, {}};
  if (op == "PutObject") {
    req.method = "PUT";
    path += "/" + core::percent_encode_path(key);
    req.body = kwargs.value("Body", "");
  } else if (op == "CreateBucket") {
    req.method = "PUT";
  } else if (op == "HeadBucket") {
    req.method = "HEAD";
  } else if (op == "GetBucketPolicy") {
    req.method = "GET";
    path += "?policy=";
  } else if (auto sub = kS3Configs.find(op); sub != kS3Configs.end()) {
    req.method = "GET";
    path += "?" + sub->second + "=";
  } else {
    return std::nullopt;
  }
  req.url = "http://127.0.0.1:4566" + path;
  return req;
}

BotoAnswer s3_answer(const std::string& op, const http::Response& resp) {
  if (resp.status >= 400) {
    // HEAD answers carry no body: botocore names the error by its status.
    auto doc = aws::parse_xml(resp.body);
    std::string code = doc ? doc->text_at("Code") : "", message = doc ? doc->text_at("Message") : "";
    if (code.empty()) code = std::to_string(resp.status);
    if (message.empty() && resp.status == 404) message = "Not Found";
    BotoAnswer a = error_answer(op, code, message, resp.status, false);
    // botocore keeps S3's other error members (BucketName, Key, ...) beside Code and Message.
    if (doc)
      for (const auto& c : doc->children)
        if (c.name != "Code" && c.name != "Message" && c.name != "RequestId" && c.name != "HostId")
          a.body["Error"][c.name] = c.text;
    return a;
  }
  BotoAnswer a;
  a.ok = true;
  a.body = Json::object();
  if (op == "GetBucketPolicy") a.body["Policy"] = resp.body;
  if (kS3Configs.contains(op))
    if (auto doc = aws::parse_xml(resp.body)) {
      // GetObjectLockConfiguration's answer is the document under its own name.
      a.body = op == "GetObjectLockConfiguration" ? Json{{doc->name, s3_json(*doc)}} : s3_json(*doc);
    }
  if (auto etag = resp.headers.get("ETag")) a.body["ETag"] = std::string(*etag);
  a.body["ResponseMetadata"] = metadata(resp.status);
  return a;
}

}  // namespace

std::optional<http::Request> boto_request(const std::string& service, const std::string& op, const Json& kwargs) {
  if (service == "s3") return s3_request(op, kwargs);
  auto w = wire_of(service);
  if (!w) return std::nullopt;
  http::Request req{"POST", "http://127.0.0.1:4566/", {}, {}, {}};
  if (w->kind == Wire::Kind::json) {
    req.body = kwargs.dump();
    req.headers.set("Content-Type", "application/x-amz-json-" + w->json_version);
    req.headers.set("X-Amz-Target", w->version + "." + op);
    return req;
  }
  aws::QueryParams p;
  for (const auto& [k, v] : kwargs.items())
    flatten_query(p, k, v, w->kind == Wire::Kind::ec2 || (service == "sqs" && kSqsFlat.contains(k)));
  req.body = aws::encode_query_body(op, w->version, p);
  req.headers.set("Content-Type", std::string(aws::kQueryContentType));
  return req;
}

BotoAnswer boto_answer(const std::string& service, const std::string& op, const http::Response& resp) {
  if (service == "s3") return s3_answer(op, resp);
  auto w = wire_of(service);
  BotoAnswer a;
  if (!w) return a;
  if (w->kind == Wire::Kind::json) {
    Json body = Json::parse(resp.body, nullptr, false);
    if (resp.status >= 400) {
      std::string code = body.is_object() ? body.value("__type", "") : "";
      if (auto hash = code.rfind('#'); hash != std::string::npos) code = code.substr(hash + 1);
      std::string message = body.is_object() ? body.value("message", body.value("Message", "")) : "";
      return error_answer(op, code, message, resp.status, false);
    }
    a.ok = true;
    a.body = body.is_object() ? body : Json::object();
    a.body["ResponseMetadata"] = metadata(200);
    return a;
  }
  auto doc = aws::parse_xml(resp.body);
  if (!doc) return a;
  bool ec2 = w->kind == Wire::Kind::ec2;
  if (resp.status >= 400) {
    const aws::XmlElement* err = ec2 ? doc->find("Errors/Error") : doc->child("Error");
    std::string code = err ? err->text_at("Code") : "", message = err ? err->text_at("Message") : "";
    return error_answer(op, code, message, resp.status, !ec2);
  }
  a.ok = true;
  const aws::XmlElement* result = ec2 ? &*doc : doc->child(op + "Result");
  a.body = result && !result->children.empty() ? convert(*result, "", ec2) : Json::object();
  if (!a.body.is_object()) a.body = Json::object();
  a.body["ResponseMetadata"] = metadata(200);
  return a;
}

}  // namespace hoplite::recorded
