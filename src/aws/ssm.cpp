#include "hoplite/aws/ssm.hpp"

#include "aws/protocol/json_call.hpp"
#include "aws/protocol/pages.hpp"
#include "hoplite/aws/ssm_wire.hpp"

namespace hoplite::aws::ssm {
namespace {

/// Encodes `request`, calls `operation`, decodes the answer with `decode`.
template <typename Request, typename Decode>
auto call(Caller& caller, std::string_view operation, const Request& request, Decode decode)
    -> decltype(decode(nlohmann::json{})) {
  auto out = detail::json_call(caller, operation, wire::encode_request(request));
  if (!out) return out.failure();
  return decode(*out);
}

template <typename Request>
core::Result<void> call_void(Caller& caller, std::string_view operation, const Request& request) {
  auto out = detail::json_call(caller, operation, wire::encode_request(request));
  if (!out) return out.failure();
  return core::ok();
}

}  // namespace

ServiceInfo service_info() {
  return {.name = "ssm",
          .endpoint_id = "ssm",
          .signing_name = "ssm",
          .protocol = Protocol::json_1_1,
          .target_prefix = "AmazonSSM"};
}

Client::Client(const ClientConfig& config) : caller_(service_info(), config) {}

core::Result<PutParameterResponse> Client::put_parameter(const PutParameterRequest& r) {
  return call(caller_, "PutParameter", r, wire::decode_put_parameter_response);
}

core::Result<GetParameterResponse> Client::get_parameter(const GetParameterRequest& r) {
  return call(caller_, "GetParameter", r, wire::decode_get_parameter_response);
}

core::Result<GetParametersResponse> Client::get_parameters(const GetParametersRequest& r) {
  return call(caller_, "GetParameters", r, wire::decode_get_parameters_response);
}

core::Result<void> Client::delete_parameter(const DeleteParameterRequest& r) {
  return call_void(caller_, "DeleteParameter", r);
}

core::Result<DeleteParametersResponse> Client::delete_parameters(const DeleteParametersRequest& r) {
  return call(caller_, "DeleteParameters", r, wire::decode_delete_parameters_response);
}

core::Result<DescribeParametersResponse> Client::describe_parameters(const DescribeParametersRequest& r) {
  return call(caller_, "DescribeParameters", r, wire::decode_describe_parameters_response);
}

core::Result<GetParametersByPathResponse> Client::get_parameters_by_path(const GetParametersByPathRequest& r) {
  return call(caller_, "GetParametersByPath", r, wire::decode_get_parameters_by_path_response);
}

core::Result<std::vector<Parameter>> Client::get_parameters_by_path_all(GetParametersByPathRequest r) {
  std::vector<Parameter> all;
  auto done = detail::each_page(
      r, [this](const GetParametersByPathRequest& req) { return get_parameters_by_path(req); },
      [&](GetParametersByPathResponse& p) { all.insert(all.end(), p.parameters.begin(), p.parameters.end()); });
  if (!done) return done.failure();
  return all;
}

core::Result<GetParameterHistoryResponse> Client::get_parameter_history(const GetParameterHistoryRequest& r) {
  return call(caller_, "GetParameterHistory", r, wire::decode_get_parameter_history_response);
}

core::Result<void> Client::add_tags_to_resource(const AddTagsToResourceRequest& r) {
  return call_void(caller_, "AddTagsToResource", r);
}

core::Result<void> Client::remove_tags_from_resource(const RemoveTagsFromResourceRequest& r) {
  return call_void(caller_, "RemoveTagsFromResource", r);
}

core::Result<ListTagsForResourceResponse> Client::list_tags_for_resource(const ListTagsForResourceRequest& r) {
  return call(caller_, "ListTagsForResource", r, wire::decode_list_tags_for_resource_response);
}

}  // namespace hoplite::aws::ssm
