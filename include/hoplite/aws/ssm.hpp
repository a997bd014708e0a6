#pragma once
/// \file
/// AWS Systems Manager Parameter Store: the parameter operations, as the client sends them
/// and the local cloud serves them (the shapes are shared: ssm_wire.hpp).
/// API: https://docs.aws.amazon.com/systems-manager/latest/APIReference/
///
/// Members follow the API's names; an `std::optional` member is one the API lets you leave out
/// (absent on the wire), and its documented default applies on the service side.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hoplite/aws/caller.hpp"
#include "hoplite/core/clock.hpp"

namespace hoplite::aws::ssm {

/// JSON 1.1, target prefix AmazonSSM, signing name `ssm`.
[[nodiscard]] ServiceInfo service_info();

struct Tag {
  std::string key;
  std::string value;
};

/// A parameter's value as GetParameter(s)/GetParametersByPath return it.
struct Parameter {
  std::string name;
  std::string type;   ///< String, StringList or SecureString
  std::string value;  ///< for a SecureString read without decryption: an opaque blob, not the value
  std::int64_t version = 0;
  std::optional<std::string> selector;  ///< the `:version` part of a name that asked for one
  std::optional<core::TimePoint> last_modified_date;
  std::string arn;
  std::string data_type;  ///< `text` (the default) or `aws:ec2:image`
};

/// A parameter without its value (DescribeParameters).
struct ParameterMetadata {
  std::string name;
  std::string arn;
  std::string type;
  std::optional<std::string> key_id;  ///< SecureString only
  std::optional<core::TimePoint> last_modified_date;
  std::string last_modified_user;  ///< the ARN of who wrote the version
  std::optional<std::string> description;
  std::optional<std::string> allowed_pattern;
  std::int64_t version = 0;
  std::string tier;  ///< Standard or Advanced
  std::string data_type;
};

/// One version of a parameter (GetParameterHistory).
struct ParameterHistory {
  std::string name;
  std::string type;
  std::optional<std::string> key_id;
  std::optional<core::TimePoint> last_modified_date;
  std::string last_modified_user;
  std::optional<std::string> description;
  std::string value;
  std::optional<std::string> allowed_pattern;
  std::int64_t version = 0;
  std::vector<std::string> labels;
  std::string tier;
  std::string data_type;
};

struct PutParameterRequest {
  std::string name;  ///< `name` or `/path/to/name`; at most 15 levels
  std::optional<std::string> description;
  std::string value;
  std::optional<std::string> type;    ///< required when the parameter is new
  std::optional<std::string> key_id;  ///< SecureString: the KMS key; default `alias/aws/ssm`
  std::optional<bool> overwrite;      ///< replace an existing parameter (a new version); default false
  std::optional<std::string> allowed_pattern;
  std::vector<Tag> tags;                 ///< only when creating (AWS refuses tags with overwrite)
  std::optional<std::string> tier;       ///< Standard (default), Advanced or Intelligent-Tiering
  std::optional<std::string> data_type;  ///< `text` (default)
};
struct PutParameterResponse {
  std::int64_t version = 0;
  std::string tier;
};

struct GetParameterRequest {
  std::string name;                     ///< a name, or `name:version`
  std::optional<bool> with_decryption;  ///< default false
};
struct GetParameterResponse {
  Parameter parameter;
};

struct GetParametersRequest {
  std::vector<std::string> names;  ///< 1 to 10
  std::optional<bool> with_decryption;
};
struct GetParametersResponse {
  std::vector<Parameter> parameters;
  std::vector<std::string> invalid_parameters;  ///< names that do not exist
};

struct DeleteParameterRequest {
  std::string name;
};

struct DeleteParametersRequest {
  std::vector<std::string> names;  ///< 1 to 10
};
struct DeleteParametersResponse {
  std::vector<std::string> deleted_parameters;
  std::vector<std::string> invalid_parameters;
};

/// The old-style filter of DescribeParameters (`Filters`): Key Name, Type or KeyId; the values
/// are prefixes (Name) or exact (Type, KeyId).
struct ParametersFilter {
  std::string key;
  std::vector<std::string> values;
};

/// `ParameterFilters`: Key `Name`, `Type`, `KeyId`, `Path`, `Tier`, `DataType`, `Label` or
/// `tag:<key>`; Option `Equals` (default), `BeginsWith`, `Contains` (Name), `Recursive` /
/// `OneLevel` (Path).
struct ParameterStringFilter {
  std::string key;
  std::optional<std::string> option;
  std::vector<std::string> values;
};

struct DescribeParametersRequest {
  std::vector<ParametersFilter> filters;
  std::vector<ParameterStringFilter> parameter_filters;
  std::optional<int> max_results;  ///< 1–50, default 10
  std::optional<std::string> next_token;
};
struct DescribeParametersResponse {
  std::vector<ParameterMetadata> parameters;
  std::optional<std::string> next_token;
};

struct GetParametersByPathRequest {
  std::string path;                                      ///< `/` or `/a/b`
  std::optional<bool> recursive;                         ///< default false: only the parameters directly under `path`
  std::vector<ParameterStringFilter> parameter_filters;  ///< Type, KeyId, Label, tag:…
  std::optional<bool> with_decryption;
  std::optional<int> max_results;  ///< 1–10, default 10
  std::optional<std::string> next_token;
};
struct GetParametersByPathResponse {
  std::vector<Parameter> parameters;
  std::optional<std::string> next_token;
};

struct GetParameterHistoryRequest {
  std::string name;
  std::optional<bool> with_decryption;
  std::optional<int> max_results;  ///< 1–50, default 50
  std::optional<std::string> next_token;
};
struct GetParameterHistoryResponse {
  std::vector<ParameterHistory> parameters;  ///< oldest first
  std::optional<std::string> next_token;
};

/// AddTagsToResource / RemoveTagsFromResource / ListTagsForResource: resource type `Parameter`,
/// resource id the parameter's name.
struct AddTagsToResourceRequest {
  std::string resource_type;
  std::string resource_id;
  std::vector<Tag> tags;
};
struct RemoveTagsFromResourceRequest {
  std::string resource_type;
  std::string resource_id;
  std::vector<std::string> tag_keys;
};
struct ListTagsForResourceRequest {
  std::string resource_type;
  std::string resource_id;
};
struct ListTagsForResourceResponse {
  std::vector<Tag> tag_list;
};

class Client {
 public:
  explicit Client(const ClientConfig& config);

  core::Result<PutParameterResponse> put_parameter(const PutParameterRequest& request);
  core::Result<GetParameterResponse> get_parameter(const GetParameterRequest& request);
  core::Result<GetParametersResponse> get_parameters(const GetParametersRequest& request);
  core::Result<void> delete_parameter(const DeleteParameterRequest& request);
  core::Result<DeleteParametersResponse> delete_parameters(const DeleteParametersRequest& request);
  core::Result<DescribeParametersResponse> describe_parameters(const DescribeParametersRequest& request);
  /// Every page of GetParametersByPath.
  core::Result<std::vector<Parameter>> get_parameters_by_path_all(GetParametersByPathRequest request);
  core::Result<GetParametersByPathResponse> get_parameters_by_path(const GetParametersByPathRequest& request);
  core::Result<GetParameterHistoryResponse> get_parameter_history(const GetParameterHistoryRequest& request);
  core::Result<void> add_tags_to_resource(const AddTagsToResourceRequest& request);
  core::Result<void> remove_tags_from_resource(const RemoveTagsFromResourceRequest& request);
  core::Result<ListTagsForResourceResponse> list_tags_for_resource(const ListTagsForResourceRequest& request);

 private:
  Caller caller_;
};

}  // namespace hoplite::aws::ssm
