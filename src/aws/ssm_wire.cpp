#include "hoplite/aws/ssm_wire.hpp"

#include "hoplite/aws/json_reader.hpp"

namespace hoplite::aws::ssm::wire {
namespace {

using nlohmann::json;

constexpr std::string_view kResponseError = "aws.json";

json tags_json(const std::vector<Tag>& tags) {
  json out = json::array();
  for (const auto& t : tags) out.push_back({{"Key", t.key}, {"Value", t.value}});
  return out;
}

void read_tag(JsonReader& r, Tag& t) {
  r.get("Key", t.key);
  r.get("Value", t.value);
}

json filters_json(const std::vector<ParameterStringFilter>& filters) {
  json out = json::array();
  for (const auto& f : filters) {
    json j{{"Key", f.key}};
    put_if(j, "Option", f.option);
    if (!f.values.empty()) j["Values"] = f.values;
    out.push_back(std::move(j));
  }
  return out;
}

void read_filter(JsonReader& r, ParameterStringFilter& f) {
  r.get("Key", f.key);
  r.get("Option", f.option);
  r.get("Values", f.values);
}

json parameter_json(const Parameter& p) {
  json j{{"Name", p.name}, {"Type", p.type}, {"Value", p.value}, {"Version", p.version}};
  put_if(j, "Selector", p.selector);
  put_time_if(j, "LastModifiedDate", p.last_modified_date);
  j["ARN"] = p.arn;
  j["DataType"] = p.data_type;
  return j;
}

void read_parameter(JsonReader& r, Parameter& p) {
  r.get("Name", p.name);
  r.get("Type", p.type);
  r.get("Value", p.value);
  r.get("Version", p.version);
  r.get("Selector", p.selector);
  r.get("LastModifiedDate", p.last_modified_date);
  r.get("ARN", p.arn);
  r.get("DataType", p.data_type);
}

void put_string_list(json& j, std::string_view key, const std::vector<std::string>& values) {
  j[std::string(key)] = values;
}

}  // namespace

// ---- PutParameter ----

json encode_request(const PutParameterRequest& r) {
  json j{{"Name", r.name}};
  put_if(j, "Description", r.description);
  j["Value"] = r.value;
  put_if(j, "Type", r.type);
  put_if(j, "KeyId", r.key_id);
  put_if(j, "Overwrite", r.overwrite);
  put_if(j, "AllowedPattern", r.allowed_pattern);
  if (!r.tags.empty()) j["Tags"] = tags_json(r.tags);
  put_if(j, "Tier", r.tier);
  put_if(j, "DataType", r.data_type);
  return j;
}

core::Result<PutParameterRequest> decode_put_parameter_request(const json& body) {
  JsonReader r(body);
  PutParameterRequest out;
  r.get("Name", out.name);
  r.get("Description", out.description);
  r.get("Value", out.value);
  r.get("Type", out.type);
  r.get("KeyId", out.key_id);
  r.get("Overwrite", out.overwrite);
  r.get("AllowedPattern", out.allowed_pattern);
  r.list("Tags", out.tags, read_tag);
  r.get("Tier", out.tier);
  r.get("DataType", out.data_type);
  return r.finish(std::move(out));
}

json encode_response(const PutParameterResponse& r) { return {{"Version", r.version}, {"Tier", r.tier}}; }

core::Result<PutParameterResponse> decode_put_parameter_response(const json& body) {
  JsonReader r(body, kResponseError);
  PutParameterResponse out;
  r.get("Version", out.version);
  r.get("Tier", out.tier);
  return r.finish(std::move(out));
}

// ---- GetParameter ----

json encode_request(const GetParameterRequest& r) {
  json j{{"Name", r.name}};
  put_if(j, "WithDecryption", r.with_decryption);
  return j;
}

core::Result<GetParameterRequest> decode_get_parameter_request(const json& body) {
  JsonReader r(body);
  GetParameterRequest out;
  r.get("Name", out.name);
  r.get("WithDecryption", out.with_decryption);
  return r.finish(std::move(out));
}

json encode_response(const GetParameterResponse& r) { return {{"Parameter", parameter_json(r.parameter)}}; }

core::Result<GetParameterResponse> decode_get_parameter_response(const json& body) {
  JsonReader r(body, kResponseError);
  GetParameterResponse out;
  r.object("Parameter", [&](JsonReader& p) { read_parameter(p, out.parameter); });
  return r.finish(std::move(out));
}

// ---- GetParameters ----

json encode_request(const GetParametersRequest& r) {
  json j{{"Names", r.names}};
  put_if(j, "WithDecryption", r.with_decryption);
  return j;
}

core::Result<GetParametersRequest> decode_get_parameters_request(const json& body) {
  JsonReader r(body);
  GetParametersRequest out;
  r.get("Names", out.names);
  r.get("WithDecryption", out.with_decryption);
  return r.finish(std::move(out));
}

json encode_response(const GetParametersResponse& r) {
  json params = json::array();
  for (const auto& p : r.parameters) params.push_back(parameter_json(p));
  json j{{"Parameters", std::move(params)}};
  put_string_list(j, "InvalidParameters", r.invalid_parameters);
  return j;
}

core::Result<GetParametersResponse> decode_get_parameters_response(const json& body) {
  JsonReader r(body, kResponseError);
  GetParametersResponse out;
  r.list("Parameters", out.parameters, read_parameter);
  r.get("InvalidParameters", out.invalid_parameters);
  return r.finish(std::move(out));
}

// ---- DeleteParameter(s) ----

json encode_request(const DeleteParameterRequest& r) { return {{"Name", r.name}}; }

core::Result<DeleteParameterRequest> decode_delete_parameter_request(const json& body) {
  JsonReader r(body);
  DeleteParameterRequest out;
  r.get("Name", out.name);
  return r.finish(std::move(out));
}

json encode_request(const DeleteParametersRequest& r) { return {{"Names", r.names}}; }

core::Result<DeleteParametersRequest> decode_delete_parameters_request(const json& body) {
  JsonReader r(body);
  DeleteParametersRequest out;
  r.get("Names", out.names);
  return r.finish(std::move(out));
}

json encode_response(const DeleteParametersResponse& r) {
  json j = json::object();
  put_string_list(j, "DeletedParameters", r.deleted_parameters);
  put_string_list(j, "InvalidParameters", r.invalid_parameters);
  return j;
}

core::Result<DeleteParametersResponse> decode_delete_parameters_response(const json& body) {
  JsonReader r(body, kResponseError);
  DeleteParametersResponse out;
  r.get("DeletedParameters", out.deleted_parameters);
  r.get("InvalidParameters", out.invalid_parameters);
  return r.finish(std::move(out));
}

// ---- DescribeParameters ----

json encode_request(const DescribeParametersRequest& r) {
  json j = json::object();
  if (!r.filters.empty()) {
    json filters = json::array();
    for (const auto& f : r.filters) filters.push_back({{"Key", f.key}, {"Values", f.values}});
    j["Filters"] = std::move(filters);
  }
  if (!r.parameter_filters.empty()) j["ParameterFilters"] = filters_json(r.parameter_filters);
  put_if(j, "MaxResults", r.max_results);
  put_if(j, "NextToken", r.next_token);
  return j;
}

core::Result<DescribeParametersRequest> decode_describe_parameters_request(const json& body) {
  JsonReader r(body);
  DescribeParametersRequest out;
  r.list("Filters", out.filters, [](JsonReader& f, ParametersFilter& filter) {
    f.get("Key", filter.key);
    f.get("Values", filter.values);
  });
  r.list("ParameterFilters", out.parameter_filters, read_filter);
  r.get("MaxResults", out.max_results);
  r.get("NextToken", out.next_token);
  return r.finish(std::move(out));
}

json encode_response(const DescribeParametersResponse& r) {
  json params = json::array();
  for (const auto& p : r.parameters) {
    json j{{"Name", p.name}, {"ARN", p.arn}, {"Type", p.type}};
    put_if(j, "KeyId", p.key_id);
    put_time_if(j, "LastModifiedDate", p.last_modified_date);
    j["LastModifiedUser"] = p.last_modified_user;
    put_if(j, "Description", p.description);
    put_if(j, "AllowedPattern", p.allowed_pattern);
    j["Version"] = p.version;
    j["Tier"] = p.tier;
    j["Policies"] = json::array();
    j["DataType"] = p.data_type;
    params.push_back(std::move(j));
  }
  json j{{"Parameters", std::move(params)}};
  put_if(j, "NextToken", r.next_token);
  return j;
}

core::Result<DescribeParametersResponse> decode_describe_parameters_response(const json& body) {
  JsonReader r(body, kResponseError);
  DescribeParametersResponse out;
  r.list("Parameters", out.parameters, [](JsonReader& p, ParameterMetadata& m) {
    p.get("Name", m.name);
    p.get("ARN", m.arn);
    p.get("Type", m.type);
    p.get("KeyId", m.key_id);
    p.get("LastModifiedDate", m.last_modified_date);
    p.get("LastModifiedUser", m.last_modified_user);
    p.get("Description", m.description);
    p.get("AllowedPattern", m.allowed_pattern);
    p.get("Version", m.version);
    p.get("Tier", m.tier);
    p.get("DataType", m.data_type);
  });
  r.get("NextToken", out.next_token);
  return r.finish(std::move(out));
}

// ---- GetParametersByPath ----

json encode_request(const GetParametersByPathRequest& r) {
  json j{{"Path", r.path}};
  put_if(j, "Recursive", r.recursive);
  if (!r.parameter_filters.empty()) j["ParameterFilters"] = filters_json(r.parameter_filters);
  put_if(j, "WithDecryption", r.with_decryption);
  put_if(j, "MaxResults", r.max_results);
  put_if(j, "NextToken", r.next_token);
  return j;
}

core::Result<GetParametersByPathRequest> decode_get_parameters_by_path_request(const json& body) {
  JsonReader r(body);
  GetParametersByPathRequest out;
  r.get("Path", out.path);
  r.get("Recursive", out.recursive);
  r.list("ParameterFilters", out.parameter_filters, read_filter);
  r.get("WithDecryption", out.with_decryption);
  r.get("MaxResults", out.max_results);
  r.get("NextToken", out.next_token);
  return r.finish(std::move(out));
}

json encode_response(const GetParametersByPathResponse& r) {
  json params = json::array();
  for (const auto& p : r.parameters) params.push_back(parameter_json(p));
  json j{{"Parameters", std::move(params)}};
  put_if(j, "NextToken", r.next_token);
  return j;
}

core::Result<GetParametersByPathResponse> decode_get_parameters_by_path_response(const json& body) {
  JsonReader r(body, kResponseError);
  GetParametersByPathResponse out;
  r.list("Parameters", out.parameters, read_parameter);
  r.get("NextToken", out.next_token);
  return r.finish(std::move(out));
}

// ---- GetParameterHistory ----

json encode_request(const GetParameterHistoryRequest& r) {
  json j{{"Name", r.name}};
  put_if(j, "WithDecryption", r.with_decryption);
  put_if(j, "MaxResults", r.max_results);
  put_if(j, "NextToken", r.next_token);
  return j;
}

core::Result<GetParameterHistoryRequest> decode_get_parameter_history_request(const json& body) {
  JsonReader r(body);
  GetParameterHistoryRequest out;
  r.get("Name", out.name);
  r.get("WithDecryption", out.with_decryption);
  r.get("MaxResults", out.max_results);
  r.get("NextToken", out.next_token);
  return r.finish(std::move(out));
}

json encode_response(const GetParameterHistoryResponse& r) {
  json params = json::array();
  for (const auto& p : r.parameters) {
    json j{{"Name", p.name}, {"Type", p.type}};
    put_if(j, "KeyId", p.key_id);
    put_time_if(j, "LastModifiedDate", p.last_modified_date);
    j["LastModifiedUser"] = p.last_modified_user;
    put_if(j, "Description", p.description);
    j["Value"] = p.value;
    put_if(j, "AllowedPattern", p.allowed_pattern);
    j["Version"] = p.version;
    j["Labels"] = p.labels;
    j["Tier"] = p.tier;
    j["Policies"] = json::array();
    j["DataType"] = p.data_type;
    params.push_back(std::move(j));
  }
  json j{{"Parameters", std::move(params)}};
  put_if(j, "NextToken", r.next_token);
  return j;
}

core::Result<GetParameterHistoryResponse> decode_get_parameter_history_response(const json& body) {
  JsonReader r(body, kResponseError);
  GetParameterHistoryResponse out;
  r.list("Parameters", out.parameters, [](JsonReader& p, ParameterHistory& h) {
    p.get("Name", h.name);
    p.get("Type", h.type);
    p.get("KeyId", h.key_id);
    p.get("LastModifiedDate", h.last_modified_date);
    p.get("LastModifiedUser", h.last_modified_user);
    p.get("Description", h.description);
    p.get("Value", h.value);
    p.get("AllowedPattern", h.allowed_pattern);
    p.get("Version", h.version);
    p.get("Labels", h.labels);
    p.get("Tier", h.tier);
    p.get("DataType", h.data_type);
  });
  r.get("NextToken", out.next_token);
  return r.finish(std::move(out));
}

// ---- tags ----

json encode_request(const AddTagsToResourceRequest& r) {
  return {{"ResourceType", r.resource_type}, {"ResourceId", r.resource_id}, {"Tags", tags_json(r.tags)}};
}

core::Result<AddTagsToResourceRequest> decode_add_tags_to_resource_request(const json& body) {
  JsonReader r(body);
  AddTagsToResourceRequest out;
  r.get("ResourceType", out.resource_type);
  r.get("ResourceId", out.resource_id);
  r.list("Tags", out.tags, read_tag);
  return r.finish(std::move(out));
}

json encode_request(const RemoveTagsFromResourceRequest& r) {
  return {{"ResourceType", r.resource_type}, {"ResourceId", r.resource_id}, {"TagKeys", r.tag_keys}};
}

core::Result<RemoveTagsFromResourceRequest> decode_remove_tags_from_resource_request(const json& body) {
  JsonReader r(body);
  RemoveTagsFromResourceRequest out;
  r.get("ResourceType", out.resource_type);
  r.get("ResourceId", out.resource_id);
  r.get("TagKeys", out.tag_keys);
  return r.finish(std::move(out));
}

json encode_request(const ListTagsForResourceRequest& r) {
  return {{"ResourceType", r.resource_type}, {"ResourceId", r.resource_id}};
}

core::Result<ListTagsForResourceRequest> decode_list_tags_for_resource_request(const json& body) {
  JsonReader r(body);
  ListTagsForResourceRequest out;
  r.get("ResourceType", out.resource_type);
  r.get("ResourceId", out.resource_id);
  return r.finish(std::move(out));
}

json encode_response(const ListTagsForResourceResponse& r) { return {{"TagList", tags_json(r.tag_list)}}; }

core::Result<ListTagsForResourceResponse> decode_list_tags_for_resource_response(const json& body) {
  JsonReader r(body, kResponseError);
  ListTagsForResourceResponse out;
  r.list("TagList", out.tag_list, read_tag);
  return r.finish(std::move(out));
}

}  // namespace hoplite::aws::ssm::wire
