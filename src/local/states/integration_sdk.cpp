// `aws-sdk:<service>:<action>` for the local Step Functions: S3's object calls and Step Functions'
// own, through the services' typed operations, as the execution's role (IAM decides).
//
// What AWS shows, as recorded (tests/testdata/sfn/aws-recorded, `sfn-aws_sdk*`): the output is the
// AWS SDK for Java 2's response in PascalCase with no SdkHttpMetadata; dates are ISO 8601 text; a
// service error is `<Service>.<Code>Exception` (`S3.NoSuchKeyException`, `Sfn.InvalidTokenException`)
// with the SDK v2's cause text. putObject stores the JSON text of Body (a string Body is stored
// quoted: `"text data"`); getObject answers Body as text.
//
// ECS, CloudWatch Logs, SSM and ECR take a generic path: every operation of theirs, Parameters
// renamed to the wire's member names (json_case.hpp), sent to the service's own request handler in
// process, the answer renamed back to PascalCase. Renaming is by position, not by model: map keys
// (a log group's `Tags` map) are renamed too, and timestamps stay the JSON protocol's epoch
// seconds where the SDK v2 would show ISO text.
#include <fmt/format.h>

#include <array>
#include <cctype>

#include <nlohmann/json.hpp>

#include "hoplite/aws/protocol_json.hpp"
#include "hoplite/core/base64.hpp"
#include "hoplite/core/hex.hpp"
#include "hoplite/core/sha256.hpp"
#include "hoplite/core/time_format.hpp"
#include "local/ecs/ecs_service.hpp"
#include "local/json_case.hpp"
#include "local/s3/s3_service.hpp"
#include "local/states/integration_output.hpp"
#include "local/states/states_integration.hpp"
#include "local/states/states_service.hpp"

namespace hoplite::local::states {
namespace {

using nlohmann::json;

// The SDK v2's names: the error prefix and the cause's `Service:` are the client's name.
constexpr ServiceNames kS3Sdk{"S3", "S3", "application/xml", "AccessDenied", 403};
constexpr ServiceNames kSfnSdk{"Sfn", "Sfn", "application/x-amz-json-1.0", "AccessDeniedException", 400};

// The JSON services of the generic path: the integration's service name, the IAM prefix, whether
// the wire's members are camelCase (SSM's are PascalCase already), and the SDK v2's names.
struct JsonSdkService {
  std::string_view service;
  std::string_view iam_prefix;
  bool camel_wire;
  ServiceNames names;
};
constexpr std::array<JsonSdkService, 4> kJsonSdk{{
    {"ecs", "ecs", true, {"Ecs", "Ecs", "application/x-amz-json-1.1", "AccessDeniedException", 400}},
    {"cloudwatchlogs",
     "logs",
     true,
     {"CloudWatchLogs", "CloudWatchLogs", "application/x-amz-json-1.1", "AccessDeniedException", 400}},
    {"ssm", "ssm", false, {"Ssm", "Ssm", "application/x-amz-json-1.1", "AccessDeniedException", 400}},
    {"ecr", "ecr", true, {"Ecr", "Ecr", "application/x-amz-json-1.1", "AccessDeniedException", 400}},
}};

// A state's input and output are at most 256 KiB: a larger object could not be its result.
constexpr std::uint64_t kMaxBody = 256 * 1024;

json sdk_parameters(const sfn::TaskRequest& r) {
  json params = json::parse(r.parameters, nullptr, false);
  return params.is_object() ? params : json::object();
}

// A member the SDK reads as a string: a string as is, a number or a boolean as its JSON text.
std::optional<std::string> parameter_text(const json& params, const char* name) {
  auto it = params.find(name);
  if (it == params.end() || it->is_null()) return std::nullopt;
  return it->is_string() ? it->get<std::string>() : it->dump();
}

std::string iso(core::TimePoint t) { return core::format_iso8601_millis(t); }

// CRC-32 (IEEE, reflected), as S3's ChecksumCRC32 reports it: base64 of the big-endian value.
std::string crc32_base64(std::string_view bytes) {
  static const std::array<std::uint32_t, 256> kTable = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1U) ? 0xEDB88320U ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  std::uint32_t c = 0xFFFFFFFFU;
  for (unsigned char b : bytes) c = kTable[(c ^ b) & 0xFFU] ^ (c >> 8);
  c ^= 0xFFFFFFFFU;
  std::string be{static_cast<char>(c >> 24), static_cast<char>(c >> 16), static_cast<char>(c >> 8),
                 static_cast<char>(c)};
  return core::base64_encode(be);
}

// The SDK v2's exception text, as recorded: S3's carries the extended request id (and, recorded in
// 2023 and 2025, no attempt count); the JSON services' add the attempt count.
void sdk_fail(const sfn::TaskHandle& handle, const ServiceNames& service, const core::Error& e,
              const std::string& request_id) {
  std::string code = e.code.empty() ? "InternalFailure" : e.code;
  std::string error = fmt::format("{}.{}", service.error_prefix, code);
  if (!code.ends_with("Exception")) error += "Exception";
  int status = e.http_status.value_or(400);
  if (service.error_prefix == "S3") {
    std::string extended = core::base64_encode(core::sha256(request_id));
    return handle.failed(
        error, fmt::format("{} (Service: S3, Status Code: {}, Request ID: {}, Extended Request ID: {})", e.message,
                           status, request_id, extended));
  }
  handle.failed(error, fmt::format("{} (Service: {}, Status Code: {}, Request ID: {}) (SDK Attempt Count: 1)",
                                   e.message, service.sdk_name, status, request_id));
}

// The result: the Task's output (request-response) or the call's answer while the Task waits for
// its token. Object bodies need not be UTF-8: invalid bytes become U+FFFD rather than failing.
void report(const sfn::TaskRequest& r, const sfn::TaskHandle& handle, const json& out) {
  std::string text = out.dump(-1, ' ', false, json::error_handler_t::replace);
  if (r.pattern == sfn::Integration::wait_for_task_token) return handle.submitted(std::move(text));
  handle.succeeded(std::move(text));
}

json object_head(const s3::ObjectRecord& o) {
  json metadata = json::object();
  for (const auto& [k, v] : o.metadata) metadata[k] = v;
  return json{
      {"AcceptRanges", "bytes"},         {"ContentLength", o.size}, {"ContentType", o.content_type},   {"ETag", o.etag},
      {"LastModified", iso(o.modified)}, {"Metadata", metadata},    {"ServerSideEncryption", "AES256"}};
}

std::string object_arn(const std::string& bucket, const std::string& key) {
  return fmt::format("arn:aws:s3:::{}/{}", bucket, key);
}

}  // namespace

void Integrations::sdk_call(const sfn::TaskRequest& r, const sfn::TaskHandle& handle) {
  std::string service = r.resource_type.substr(8);  // after `aws-sdk:`
  std::string action = r.action;
  if (action.ends_with(".waitForTaskToken")) action.resize(action.size() - 17);
  if (r.pattern == sfn::Integration::run_job)
    return handle.failed("States.TaskFailed",
                         fmt::format("{}: AWS SDK integrations support no .sync pattern.", r.resource));
  if (service == "s3") return sdk_s3(r, handle, action);
  if (service == "sfn") return sdk_sfn(r, handle, action);
  if (service == "ecs") return sdk_json(r, handle, service, peers_.ecs, action);
  if (service == "cloudwatchlogs") return sdk_json(r, handle, service, peers_.logs, action);
  if (service == "ssm") return sdk_json(r, handle, service, peers_.ssm, action);
  if (service == "ecr") return sdk_json(r, handle, service, peers_.ecr, action);
  handle.failed("States.TaskFailed",
                fmt::format("{} is not run by the local cloud: its aws-sdk integrations are s3 (getObject, putObject, "
                            "headObject, deleteObject, listObjects, listObjectsV2), sfn (startExecution, "
                            "sendTaskSuccess, sendTaskFailure, describeExecution), and every operation of ecs, "
                            "cloudwatchlogs, ssm and ecr.",
                            r.resource));
}

void Integrations::sdk_json(const sfn::TaskRequest& r, const sfn::TaskHandle& handle, const std::string& service,
                            Service* target, const std::string& action) {
  const JsonSdkService* s = nullptr;
  for (const auto& candidate : kJsonSdk)
    if (candidate.service == service) s = &candidate;
  if (s == nullptr || target == nullptr)
    return handle.failed("States.TaskFailed", fmt::format("The local cloud runs no {} here.", service));
  // The action is the SDK's method name (`describeTasks`); the operation is its wire name.
  std::string operation = action;
  if (operation.empty() || !std::islower(static_cast<unsigned char>(operation[0])))
    return handle.failed("States.TaskFailed", fmt::format("{}: the action is not an SDK method name.", r.resource));
  operation[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(operation[0])));
  CallContext ctx = call_context(r, house_.clock.now());
  auto fail = [&](const core::Error& e) { sdk_fail(handle, s->names, e, ctx.request_id); };
  // The resource an action applies to depends on each operation's model, which this generic path
  // does not have: the role must allow the action on every resource (`*`).
  if (auto ok = authorize(r, ctx, s->names, fmt::format("{}:{}", s->iam_prefix, operation), "*"); !ok)
    return fail(ok.error());

  json params = sdk_parameters(r);
  http::ServerRequest request{.method = "POST", .target = "/", .headers = {}, .remote_address = "in-process"};
  request.headers.set("Content-Type", std::string(s->names.content_type));
  request.headers.set("X-Amz-Target", target->spec().target_prefix + "." + operation);
  Call call{.request = request,
            .context = ctx,
            .claim = std::nullopt,
            .signing_secret = {},
            .body = (s->camel_wire ? camel_case(params) : params).dump(),
            .operation = {}};
  http::Response answer = target->handle(call);
  if (answer.status != 200) {
    aws::ServiceError e = aws::parse_json_error(answer);
    if (e.code == "UnknownOperationException")
      return handle.failed("States.TaskFailed", fmt::format("{} is not run by the local cloud: {} has no operation {}.",
                                                            r.resource, service, operation));
    return fail(core::Error{.code = e.code, .message = e.message, .http_status = answer.status});
  }
  json out = json::parse(answer.body, nullptr, false);
  if (out.is_discarded()) out = json::object();
  report(r, handle, s->camel_wire ? pascal_case(out) : out);
}

void Integrations::sdk_s3(const sfn::TaskRequest& r, const sfn::TaskHandle& handle, const std::string& action) {
  if (peers_.s3 == nullptr) return handle.failed("States.TaskFailed", "The local cloud runs no S3 here.");
  CallContext ctx = call_context(r, house_.clock.now());
  json params = sdk_parameters(r);
  const std::string bucket = parameter_text(params, "Bucket").value_or("");
  const std::string key = parameter_text(params, "Key").value_or("");
  auto fail = [&](const core::Error& e) { sdk_fail(handle, kS3Sdk, e, ctx.request_id); };
  auto allowed = [&](const char* what, const std::string& resource) {
    auto ok = authorize(r, ctx, kS3Sdk, what, resource);
    if (!ok) fail(ok.error());
    return ok.ok();
  };

  if (action == "getObject" || action == "headObject") {
    if (!allowed("s3:GetObject", object_arn(bucket, key))) return;
    auto head = peers_.s3->head_object(ctx, bucket, key);
    if (!head) return fail(head.error());
    json out = object_head(*head);
    if (action == "getObject") {
      auto bytes = peers_.s3->get_object_bytes(ctx, bucket, key, kMaxBody);
      if (!bytes && bytes.error().code == "EntityTooLarge")
        return handle.failed(
            "States.DataLimitExceeded",
            fmt::format("The object s3://{}/{} is larger than a state's 256 KiB payload limit.", bucket, key));
      if (!bytes) return fail(bytes.error());
      out["Body"] = std::move(*bytes);
    }
    return report(r, handle, out);
  }
  if (action == "putObject") {
    if (!allowed("s3:PutObject", object_arn(bucket, key))) return;
    // AWS stores the Body's JSON text, whatever its type: "text" is stored with its quotes.
    auto body = params.find("Body");
    std::string bytes = body == params.end() ? std::string() : body->dump();
    auto put = peers_.s3->put_object_bytes(ctx, bucket, key, bytes, parameter_text(params, "ContentType").value_or(""));
    if (!put) return fail(put.error());
    return report(r, handle,
                  json{{"ChecksumCRC32", crc32_base64(bytes)},
                       {"ChecksumType", "FULL_OBJECT"},
                       {"ETag", put->etag},
                       {"ServerSideEncryption", "AES256"}});
  }
  if (action == "deleteObject") {
    if (!allowed("s3:DeleteObject", object_arn(bucket, key))) return;
    auto deleted = peers_.s3->delete_object(ctx, bucket, key);
    if (!deleted) return fail(deleted.error());
    return report(r, handle, json::object());
  }
  if (action == "listObjectsV2" || action == "listObjects") {
    if (!allowed("s3:ListBucket", fmt::format("arn:aws:s3:::{}", bucket))) return;
    const bool v2 = action == "listObjectsV2";
    s3::ListObjectsRequest call;
    call.bucket = bucket;
    call.prefix = parameter_text(params, "Prefix").value_or("");
    call.delimiter = parameter_text(params, "Delimiter").value_or("");
    call.start_after = parameter_text(params, v2 ? "StartAfter" : "Marker").value_or("");
    if (v2) call.continuation_token = parameter_text(params, "ContinuationToken");
    if (auto m = params.find("MaxKeys"); m != params.end() && m->is_number_integer()) call.max_keys = m->get<int>();
    auto listed = peers_.s3->list_objects(ctx, call);
    if (!listed) return fail(listed.error());
    json out{{"IsTruncated", listed->truncated}, {"MaxKeys", call.max_keys}, {"Name", bucket}, {"Prefix", call.prefix}};
    json contents = json::array();
    for (const auto& o : listed->contents)
      contents.push_back({{"ETag", o.etag},
                          {"Key", o.key},
                          {"LastModified", iso(o.modified)},
                          {"Size", o.size},
                          {"StorageClass", "STANDARD"}});
    if (!contents.empty()) out["Contents"] = std::move(contents);
    json prefixes = json::array();
    for (const auto& p : listed->common_prefixes) prefixes.push_back({{"Prefix", p}});
    if (!prefixes.empty()) out["CommonPrefixes"] = std::move(prefixes);
    if (!call.delimiter.empty()) out["Delimiter"] = call.delimiter;
    if (v2) {
      out["KeyCount"] = listed->contents.size() + listed->common_prefixes.size();
      if (call.continuation_token) out["ContinuationToken"] = *call.continuation_token;
      if (listed->next_continuation_token) out["NextContinuationToken"] = *listed->next_continuation_token;
      if (!call.start_after.empty()) out["StartAfter"] = call.start_after;
    } else {
      out["Marker"] = call.start_after;
      // ListObjects (v1) names the next marker only with a delimiter; without, it is the last key.
      if (listed->truncated && !call.delimiter.empty()) {
        std::string last = listed->contents.empty() ? std::string() : listed->contents.back().key;
        if (!listed->common_prefixes.empty() && listed->common_prefixes.back() > last)
          last = listed->common_prefixes.back();
        out["NextMarker"] = last;
      }
    }
    return report(r, handle, out);
  }
  handle.failed("States.TaskFailed",
                fmt::format("{} is not run by the local cloud: its aws-sdk:s3 actions are getObject, putObject, "
                            "headObject, deleteObject, listObjects and listObjectsV2.",
                            r.resource));
}

void Integrations::sdk_sfn(const sfn::TaskRequest& r, const sfn::TaskHandle& handle, const std::string& action) {
  CallContext ctx = call_context(r, house_.clock.now());
  json params = sdk_parameters(r);
  auto fail = [&](const core::Error& e) { sdk_fail(handle, kSfnSdk, e, ctx.request_id); };
  auto allowed = [&](const char* what, const std::string& resource) {
    auto ok = authorize(r, ctx, kSfnSdk, what, resource);
    if (!ok) fail(ok.error());
    return ok.ok();
  };

  if (action == "startExecution") {
    aws::sfn::StartExecutionRequest call;
    call.state_machine_arn = parameter_text(params, "StateMachineArn").value_or("");
    call.name = parameter_text(params, "Name");
    call.input = parameter_text(params, "Input");  // an object is sent as its JSON text, null as none
    if (!allowed("states:StartExecution", call.state_machine_arn)) return;
    auto started = states_.start_execution(ctx, call);
    if (!started) return fail(started.error());
    return report(
        r, handle,
        json{{"ExecutionArn", started->execution_arn}, {"StartDate", iso(started->start_date.value_or(ctx.now))}});
  }
  if (action == "sendTaskSuccess" || action == "sendTaskFailure") {
    // Task tokens name no resource: the action is allowed or not on "*".
    const bool success = action == "sendTaskSuccess";
    if (!allowed(success ? "states:SendTaskSuccess" : "states:SendTaskFailure", "*")) return;
    core::Result<void> sent = core::ok();
    if (success) {
      sent = states_.send_task_success(
          ctx, aws::sfn::SendTaskSuccessRequest{.task_token = parameter_text(params, "TaskToken").value_or(""),
                                                .output = parameter_text(params, "Output").value_or("")});
    } else {
      sent = states_.send_task_failure(
          ctx, aws::sfn::SendTaskFailureRequest{.task_token = parameter_text(params, "TaskToken").value_or(""),
                                                .error = parameter_text(params, "Error"),
                                                .cause = parameter_text(params, "Cause")});
    }
    if (!sent) return fail(sent.error());
    return report(r, handle, json::object());
  }
  if (action == "describeExecution") {
    std::string arn = parameter_text(params, "ExecutionArn").value_or("");
    if (!allowed("states:DescribeExecution", arn)) return;
    auto e = states_.describe_execution(ctx, aws::sfn::DescribeExecutionRequest{arn});
    if (!e) return fail(e.error());
    json out{{"ExecutionArn", e->execution_arn},
             {"StateMachineArn", e->state_machine_arn},
             {"Name", e->name},
             {"Status", e->status}};
    if (e->start_date) out["StartDate"] = iso(*e->start_date);
    if (e->stop_date) out["StopDate"] = iso(*e->stop_date);
    if (e->input) {
      out["Input"] = *e->input;
      out["InputDetails"] = {{"Included", true}};
    }
    if (e->output) {
      out["Output"] = *e->output;
      out["OutputDetails"] = {{"Included", true}};
    }
    if (e->error) out["Error"] = *e->error;
    if (e->cause) out["Cause"] = *e->cause;
    return report(r, handle, out);
  }
  handle.failed("States.TaskFailed",
                fmt::format("{} is not run by the local cloud: its aws-sdk:sfn actions are startExecution, "
                            "sendTaskSuccess, sendTaskFailure and describeExecution.",
                            r.resource));
}

}  // namespace hoplite::local::states
