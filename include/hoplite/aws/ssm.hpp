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

/// AWS's `Tag` data type: https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_Tag.html
struct Tag {
  std::string key;    ///< `Key` on the wire
  std::string value;  ///< `Value` on the wire
};

/// A parameter's value as GetParameter(s)/GetParametersByPath return it.
struct Parameter {
  std::string name;                     ///< `Name` on the wire
  std::string type;                     ///< String, StringList or SecureString
  std::string value;                    ///< for a SecureString read without decryption: an opaque blob, not the value
  std::int64_t version = 0;             ///< `Version` on the wire
  std::optional<std::string> selector;  ///< the `:version` part of a name that asked for one
  std::optional<core::TimePoint> last_modified_date;  ///< `LastModifiedDate` on the wire
  std::string arn;                                    ///< `ARN` on the wire
  std::string data_type;                              ///< `text` (the default) or `aws:ec2:image`
};

/// A parameter without its value (DescribeParameters).
struct ParameterMetadata {
  std::string name;                                   ///< `Name` on the wire
  std::string arn;                                    ///< `ARN` on the wire
  std::string type;                                   ///< `Type` on the wire
  std::optional<std::string> key_id;                  ///< SecureString only
  std::optional<core::TimePoint> last_modified_date;  ///< `LastModifiedDate` on the wire
  std::string last_modified_user;                     ///< the ARN of who wrote the version
  std::optional<std::string> description;             ///< `Description` on the wire
  std::optional<std::string> allowed_pattern;         ///< `AllowedPattern` on the wire
  std::int64_t version = 0;                           ///< `Version` on the wire
  std::string tier;                                   ///< Standard or Advanced
  std::string data_type;                              ///< `DataType` on the wire
};

/// One version of a parameter (GetParameterHistory).
struct ParameterHistory {
  std::string name;                                   ///< `Name` on the wire
  std::string type;                                   ///< `Type` on the wire
  std::optional<std::string> key_id;                  ///< `KeyId` on the wire
  std::optional<core::TimePoint> last_modified_date;  ///< `LastModifiedDate` on the wire
  std::string last_modified_user;                     ///< `LastModifiedUser` on the wire
  std::optional<std::string> description;             ///< `Description` on the wire
  std::string value;                                  ///< `Value` on the wire
  std::optional<std::string> allowed_pattern;         ///< `AllowedPattern` on the wire
  std::int64_t version = 0;                           ///< `Version` on the wire
  std::vector<std::string> labels;                    ///< `Labels` on the wire
  std::string tier;                                   ///< `Tier` on the wire
  std::string data_type;                              ///< `DataType` on the wire
};

/// The parameters of PutParameter (Client::put_parameter).
struct PutParameterRequest {
  std::string name;                            ///< `name` or `/path/to/name`; at most 15 levels
  std::optional<std::string> description;      ///< `Description` on the wire
  std::string value;                           ///< `Value` on the wire
  std::optional<std::string> type;             ///< required when the parameter is new
  std::optional<std::string> key_id;           ///< SecureString: the KMS key; default `alias/aws/ssm`
  std::optional<bool> overwrite;               ///< replace an existing parameter (a new version); default false
  std::optional<std::string> allowed_pattern;  ///< `AllowedPattern` on the wire
  std::vector<Tag> tags;                       ///< only when creating (AWS refuses tags with overwrite)
  std::optional<std::string> tier;             ///< Standard (default), Advanced or Intelligent-Tiering
  std::optional<std::string> data_type;        ///< `text` (default)
};
/// What PutParameter returns.
struct PutParameterResponse {
  std::int64_t version = 0;  ///< `Version` on the wire
  std::string tier;          ///< `Tier` on the wire
};

/// The parameters of GetParameter (Client::get_parameter).
struct GetParameterRequest {
  std::string name;                     ///< a name, or `name:version`
  std::optional<bool> with_decryption;  ///< default false
};
/// What GetParameter returns.
struct GetParameterResponse {
  Parameter parameter;  ///< `Parameter` on the wire
};

/// The parameters of GetParameters (Client::get_parameters).
struct GetParametersRequest {
  std::vector<std::string> names;       ///< 1 to 10
  std::optional<bool> with_decryption;  ///< `WithDecryption` on the wire
};
/// What GetParameters returns.
struct GetParametersResponse {
  std::vector<Parameter> parameters;            ///< `Parameters` on the wire
  std::vector<std::string> invalid_parameters;  ///< names that do not exist
};

/// The parameters of DeleteParameter (Client::delete_parameter).
struct DeleteParameterRequest {
  std::string name;  ///< `Name` on the wire
};

/// The parameters of DeleteParameters (Client::delete_parameters).
struct DeleteParametersRequest {
  std::vector<std::string> names;  ///< 1 to 10
};
/// What DeleteParameters returns.
struct DeleteParametersResponse {
  std::vector<std::string> deleted_parameters;  ///< `DeletedParameters` on the wire
  std::vector<std::string> invalid_parameters;  ///< `InvalidParameters` on the wire
};

/// The old-style filter of DescribeParameters (`Filters`): Key Name, Type or KeyId; the values
/// are prefixes (Name) or exact (Type, KeyId).
struct ParametersFilter {
  std::string key;                  ///< `Key` on the wire
  std::vector<std::string> values;  ///< `Values` on the wire
};

/// `ParameterFilters`: Key `Name`, `Type`, `KeyId`, `Path`, `Tier`, `DataType`, `Label` or
/// `tag:<key>`; Option `Equals` (default), `BeginsWith`, `Contains` (Name), `Recursive` /
/// `OneLevel` (Path).
struct ParameterStringFilter {
  std::string key;                    ///< `Key` on the wire
  std::optional<std::string> option;  ///< `Option` on the wire
  std::vector<std::string> values;    ///< `Values` on the wire
};

/// The parameters of DescribeParameters (Client::describe_parameters).
struct DescribeParametersRequest {
  std::vector<ParametersFilter> filters;                 ///< `Filters` on the wire
  std::vector<ParameterStringFilter> parameter_filters;  ///< `ParameterFilters` on the wire
  std::optional<int> max_results;                        ///< 1–50, default 10
  std::optional<std::string> next_token;                 ///< `NextToken` on the wire
};
/// What DescribeParameters returns.
struct DescribeParametersResponse {
  std::vector<ParameterMetadata> parameters;  ///< `Parameters` on the wire
  std::optional<std::string> next_token;      ///< `NextToken` on the wire
};

/// The parameters of GetParametersByPath (Client::get_parameters_by_path).
struct GetParametersByPathRequest {
  std::string path;                                      ///< `/` or `/a/b`
  std::optional<bool> recursive;                         ///< default false: only the parameters directly under `path`
  std::vector<ParameterStringFilter> parameter_filters;  ///< Type, KeyId, Label, tag:…
  std::optional<bool> with_decryption;                   ///< `WithDecryption` on the wire
  std::optional<int> max_results;                        ///< 1–10, default 10
  std::optional<std::string> next_token;                 ///< `NextToken` on the wire
};
/// What GetParametersByPath returns.
struct GetParametersByPathResponse {
  std::vector<Parameter> parameters;      ///< `Parameters` on the wire
  std::optional<std::string> next_token;  ///< `NextToken` on the wire
};

/// The parameters of GetParameterHistory (Client::get_parameter_history).
struct GetParameterHistoryRequest {
  std::string name;                       ///< `Name` on the wire
  std::optional<bool> with_decryption;    ///< `WithDecryption` on the wire
  std::optional<int> max_results;         ///< 1–50, default 50
  std::optional<std::string> next_token;  ///< `NextToken` on the wire
};
/// What GetParameterHistory returns.
struct GetParameterHistoryResponse {
  std::vector<ParameterHistory> parameters;  ///< oldest first
  std::optional<std::string> next_token;     ///< `NextToken` on the wire
};

/// AddTagsToResource / RemoveTagsFromResource / ListTagsForResource: resource type `Parameter`,
/// resource id the parameter's name.
struct AddTagsToResourceRequest {
  std::string resource_type;  ///< `ResourceType` on the wire
  std::string resource_id;    ///< `ResourceId` on the wire
  std::vector<Tag> tags;      ///< `Tags` on the wire
};
/// The parameters of RemoveTagsFromResource (Client::remove_tags_from_resource).
struct RemoveTagsFromResourceRequest {
  std::string resource_type;          ///< `ResourceType` on the wire
  std::string resource_id;            ///< `ResourceId` on the wire
  std::vector<std::string> tag_keys;  ///< `TagKeys` on the wire
};
/// The parameters of ListTagsForResource (Client::list_tags_for_resource).
struct ListTagsForResourceRequest {
  std::string resource_type;  ///< `ResourceType` on the wire
  std::string resource_id;    ///< `ResourceId` on the wire
};
/// What ListTagsForResource returns.
struct ListTagsForResourceResponse {
  std::vector<Tag> tag_list;  ///< `TagList` on the wire
};

/// The SSM Parameter Store client: one method per action, each signed, sent and retried through a Caller.
class Client {
 public:
  /// A client that signs and sends with `config` (region, credentials, HTTP client, clock, endpoint, retries).
  explicit Client(const ClientConfig& config);

  /// Calls PutParameter: https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html
  core::Result<PutParameterResponse> put_parameter(const PutParameterRequest& request);
  /// Calls GetParameter: https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameter.html
  core::Result<GetParameterResponse> get_parameter(const GetParameterRequest& request);
  /// Calls GetParameters: https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameters.html
  core::Result<GetParametersResponse> get_parameters(const GetParametersRequest& request);
  /// Calls DeleteParameter: https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_DeleteParameter.html
  core::Result<void> delete_parameter(const DeleteParameterRequest& request);
  /// Calls DeleteParameters: https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_DeleteParameters.html
  core::Result<DeleteParametersResponse> delete_parameters(const DeleteParametersRequest& request);
  /// Calls DescribeParameters:
  /// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_DescribeParameters.html
  core::Result<DescribeParametersResponse> describe_parameters(const DescribeParametersRequest& request);
  /// Every page of GetParametersByPath.
  core::Result<std::vector<Parameter>> get_parameters_by_path_all(GetParametersByPathRequest request);
  /// Calls GetParametersByPath:
  /// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParametersByPath.html
  core::Result<GetParametersByPathResponse> get_parameters_by_path(const GetParametersByPathRequest& request);
  /// Calls GetParameterHistory:
  /// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameterHistory.html
  core::Result<GetParameterHistoryResponse> get_parameter_history(const GetParameterHistoryRequest& request);
  /// Calls AddTagsToResource:
  /// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_AddTagsToResource.html
  core::Result<void> add_tags_to_resource(const AddTagsToResourceRequest& request);
  /// Calls RemoveTagsFromResource:
  /// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_RemoveTagsFromResource.html
  core::Result<void> remove_tags_from_resource(const RemoveTagsFromResourceRequest& request);
  /// Calls ListTagsForResource:
  /// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_ListTagsForResource.html
  core::Result<ListTagsForResourceResponse> list_tags_for_resource(const ListTagsForResourceRequest& request);

 private:
  Caller caller_;
};

}  // namespace hoplite::aws::ssm
