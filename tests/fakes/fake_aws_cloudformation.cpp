#include "fakes/fake_aws_cloudformation.hpp"

#include <cctype>
#include <stdexcept>

#include "hoplite/http/server.hpp"

namespace hoplite::testing {
namespace {

constexpr const char* kNs = "http://cloudformation.amazonaws.com/doc/2010-05-15/";
constexpr const char* kAccount = "123456789012";

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string element(const std::string& name, const std::string& value) {
  return "<" + name + ">" + escape(value) + "</" + name + ">";
}

std::string stack_id(const std::string& name) {
  return "arn:aws:cloudformation:us-east-1:" + std::string(kAccount) + ":stack/" + name + "/1";
}

std::string response(const std::string& action, const std::string& result) {
  return "<" + action + "Response xmlns=\"" + kNs + "\"><" + action + "Result>" + result + "</" + action +
         "Result><ResponseMetadata><RequestId>fake-" + action + "</RequestId></ResponseMetadata></" + action +
         "Response>";
}

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string url_decode(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

// ---- routing: the HTTP server ----

struct FakeAwsCloudFormation::Server {
  explicit Server(FakeAwsCloudFormation& fake)
      : handler([&fake](http::ServerRequest& req) {
          Received r;
          r.params = parse_form(req.body.read_all(1 << 20).value_or(""));
          for (const auto& [k, v] : req.headers) {
            std::string name = k;
            for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            r.headers[name] = v;
          }
          if (req.method != "POST" || req.path() != "/")
            return http::make_response(404, error_xml("NotFound", "not found"), "text/xml");
          auto [status, body] = fake.route(r);
          http::Response res = http::make_response(status, body, "text/xml");
          res.headers.set("x-amzn-RequestId", "fake-request-id");
          return res;
        }),
        http(handler) {}

  http::FunctionHandler handler;
  http::Server http;
};

FakeAwsCloudFormation::FakeAwsCloudFormation() : server_(std::make_unique<Server>(*this)) {
  if (auto ok = server_->http.start(); !ok) throw std::runtime_error(ok.error().to_string());
}

FakeAwsCloudFormation::~FakeAwsCloudFormation() { server_->http.stop(); }

int FakeAwsCloudFormation::port() const { return server_->http.port(); }
std::string FakeAwsCloudFormation::url() const { return "http://127.0.0.1:" + std::to_string(port()); }

std::pair<int, std::string> FakeAwsCloudFormation::route(const Received& request) {
  std::lock_guard lock(mutex_);
  received_.push_back(request);
  const std::string action = request.param("Action");
  if (request.param("Version") != "2010-05-15") return {400, error_xml("InvalidParameterValue", "bad Version")};
  if (request.headers.find("authorization") == request.headers.end())
    return {403, error_xml("MissingAuthenticationToken", "Request is missing Authentication Token")};
  if (action != "DescribeStacks" && action != "DescribeStackResources")
    return {400, error_xml("InvalidAction", "The action " + action + " is not valid for this web service.")};
  auto it = stacks_.find(request.param("StackName"));
  if (it == stacks_.end())
    return {400, error_xml("ValidationError", "Stack with id " + request.param("StackName") + " does not exist")};
  if (action == "DescribeStacks") return {200, describe_stacks(it->second)};
  return {200, describe_stack_resources(it->second)};
}

// ---- state ----

void FakeAwsCloudFormation::put_stack(Stack stack) {
  std::lock_guard lock(mutex_);
  std::string name = stack.name;
  stacks_[name] = std::move(stack);
}

std::vector<FakeAwsCloudFormation::Received> FakeAwsCloudFormation::received() const {
  std::lock_guard lock(mutex_);
  return received_;
}

std::string FakeAwsCloudFormation::Received::param(const std::string& key) const {
  for (const auto& [k, v] : params)
    if (k == key) return v;
  return {};
}

// ---- protocol ----

std::vector<std::pair<std::string, std::string>> FakeAwsCloudFormation::parse_form(const std::string& body) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t start = 0;
  while (start <= body.size()) {
    std::size_t amp = body.find('&', start);
    std::string pair = body.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
    if (!pair.empty()) {
      std::size_t eq = pair.find('=');
      out.emplace_back(url_decode(pair.substr(0, eq)),
                       eq == std::string::npos ? std::string{} : url_decode(pair.substr(eq + 1)));
    }
    if (amp == std::string::npos) break;
    start = amp + 1;
  }
  return out;
}

std::string FakeAwsCloudFormation::error_xml(const std::string& code, const std::string& message) {
  return "<ErrorResponse xmlns=\"" + std::string(kNs) + "\"><Error><Type>Sender</Type>" + element("Code", code) +
         element("Message", message) + "</Error><RequestId>fake-error</RequestId></ErrorResponse>";
}

std::string FakeAwsCloudFormation::describe_stacks(const Stack& s) const {
  std::string outputs;
  for (const auto& [k, v] : s.outputs)
    outputs += "<member>" + element("OutputKey", k) + element("OutputValue", v) + "</member>";
  std::string member = element("StackName", s.name) + element("StackId", stack_id(s.name)) +
                       element("CreationTime", "2025-01-01T00:00:00Z") + element("StackStatus", s.status);
  if (!s.status_reason.empty()) member += element("StackStatusReason", s.status_reason);
  member += "<Outputs>" + outputs + "</Outputs>";
  return response("DescribeStacks", "<Stacks><member>" + member + "</member></Stacks>");
}

std::string FakeAwsCloudFormation::describe_stack_resources(const Stack& s) const {
  std::string members;
  for (const auto& r : s.resources) {
    members += "<member>" + element("StackName", s.name) + element("StackId", stack_id(s.name)) +
               element("LogicalResourceId", r.logical_id) + element("PhysicalResourceId", r.physical_id) +
               element("ResourceType", r.type) + element("Timestamp", "2025-01-01T00:00:00Z") +
               element("ResourceStatus", r.status) + "</member>";
  }
  return response("DescribeStackResources", "<StackResources>" + members + "</StackResources>");
}

}  // namespace hoplite::testing
