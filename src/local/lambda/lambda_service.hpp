#pragma once
/// \file The local cloud's AWS Lambda (REST-JSON, API version 2015-03-31): functions are created,
/// read, listed, updated (code and configuration) and deleted with AWS's shapes, checks and
/// errors — and **stored, never run**: there is no Invoke (docs/local.md, "Lambda"). Code comes
/// inline (ZipFile, base64 on the wire), from the local S3 (S3Bucket/S3Key) or as an image URI;
/// zip bytes are content-addressed blobs in the house's blob store. The role must be one the
/// local IAM lets `lambda.amazonaws.com` assume.
///
/// Typed operations first — what the CloudFormation engine's `AWS::Lambda::Function` provider
/// calls — then the REST-JSON routes over them (lambda_service.cpp, lambda_wire.cpp).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "local/protocol/rest_json.hpp"
#include "local/service.hpp"

namespace hoplite::local {
namespace iam {
class IamService;
}
namespace s3 {
class S3Service;
}
}  // namespace hoplite::local

namespace hoplite::local::lambda {

/// Largest zip uploaded directly (ZipFile), as AWS: 50 MB.
inline constexpr std::uint64_t kMaxZipBytes = 50ull * 1024 * 1024;
/// Largest zip taken from S3: AWS's 250 MB (unzipped) deployment package limit.
inline constexpr std::uint64_t kMaxS3ZipBytes = 250ull * 1024 * 1024;
/// Largest request body: a 50 MB zip in base64 plus the rest, AWS's own number.
inline constexpr std::uint64_t kMaxRequestBytes = 69905067;
/// Most tags on a function.
inline constexpr std::size_t kMaxTags = 50;

/// Where a function's code comes from (exactly one source).
struct FunctionCode {
  std::optional<std::string> zip_file;  ///< the zip's bytes (base64-decoded)
  std::optional<std::string> s3_bucket;
  std::optional<std::string> s3_key;
  std::optional<std::string> s3_object_version;
  std::optional<std::string> image_uri;
};

struct CreateFunctionRequest {
  std::string function_name;
  std::optional<std::string> runtime;
  std::string role;
  std::optional<std::string> handler;
  std::optional<FunctionCode> code;
  std::optional<std::string> description;
  std::optional<std::int64_t> timeout;
  std::optional<std::int64_t> memory_size;
  std::optional<std::map<std::string, std::string>> environment;
  std::optional<std::string> package_type;  ///< Zip (default) or Image
  std::vector<std::string> architectures;   ///< default x86_64
  std::map<std::string, std::string> tags;
};

struct UpdateFunctionCodeRequest {
  std::string function_name;
  FunctionCode code;
  std::vector<std::string> architectures;
  std::optional<std::string> revision_id;  ///< when set, must be the current one
};

/// Absent members are left as they are.
struct UpdateFunctionConfigurationRequest {
  std::string function_name;
  std::optional<std::string> runtime;
  std::optional<std::string> role;
  std::optional<std::string> handler;
  std::optional<std::string> description;
  std::optional<std::int64_t> timeout;
  std::optional<std::int64_t> memory_size;
  std::optional<std::map<std::string, std::string>> environment;
  std::optional<std::string> revision_id;
};

/// A function as GetFunctionConfiguration reports it.
struct FunctionConfiguration {
  std::string function_name;
  std::string function_arn;
  std::optional<std::string> runtime;
  std::string role;
  std::optional<std::string> handler;
  std::int64_t code_size = 0;
  std::string description;
  std::int64_t timeout = 3;
  std::int64_t memory_size = 128;
  std::string last_modified;  ///< `2024-01-01T00:00:00.000+0000`
  std::string code_sha256;    ///< base64 of the zip's SHA-256 (an image's digest for Image)
  std::string version = "$LATEST";
  std::map<std::string, std::string> environment;
  std::string revision_id;
  std::string package_type = "Zip";
  std::vector<std::string> architectures;
  std::optional<std::string> image_uri;
};

struct GetFunctionResponse {
  FunctionConfiguration configuration;
  std::map<std::string, std::string> tags;
};

struct ListFunctionsRequest {
  std::optional<std::string> marker;
  std::optional<std::int64_t> max_items;  ///< 1–10000, default 50
};
struct ListFunctionsResponse {
  std::vector<FunctionConfiguration> functions;
  std::optional<std::string> next_marker;
};

class LambdaService final : public Service {
 public:
  /// `iam` checks roles, `s3` serves S3Bucket/S3Key code; both outlive this service.
  LambdaService(ServiceContext& house, iam::IamService& iam, s3::S3Service& s3);

  [[nodiscard]] const ServiceSpec& spec() const override { return spec_; }
  http::Response handle(Call& call) override { return api_.handle(call); }
  nlohmann::json inspect() override;

  // ---- operations (errors: AWS's codes and messages, lambda_names.hpp) ----
  /// Errors: ValidationException, InvalidParameterValueException (role, code, runtime),
  /// ResourceConflictException (409: the name is taken), RequestEntityTooLargeException.
  core::Result<FunctionConfiguration> create_function(const CallContext& ctx, const CreateFunctionRequest& request);
  /// `function_name`: a name, a partial or full ARN, with an optional `$LATEST` qualifier.
  /// Errors: ResourceNotFoundException (404).
  core::Result<GetFunctionResponse> get_function(const CallContext& ctx, const std::string& function_name);
  core::Result<FunctionConfiguration> get_function_configuration(const CallContext& ctx,
                                                                 const std::string& function_name);
  core::Result<ListFunctionsResponse> list_functions(const CallContext& ctx, const ListFunctionsRequest& request);
  core::Result<FunctionConfiguration> update_function_code(const CallContext& ctx,
                                                           const UpdateFunctionCodeRequest& request);
  core::Result<FunctionConfiguration> update_function_configuration(const CallContext& ctx,
                                                                    const UpdateFunctionConfigurationRequest& request);
  /// Errors: ResourceNotFoundException.
  core::Result<void> delete_function(const CallContext& ctx, const std::string& function_name);
  /// TagResource / UntagResource / ListTags on a function ARN.
  core::Result<void> tag_resource(const CallContext& ctx, const std::string& arn,
                                  const std::map<std::string, std::string>& tags);
  core::Result<void> untag_resource(const CallContext& ctx, const std::string& arn,
                                    const std::vector<std::string>& keys);
  core::Result<std::map<std::string, std::string>> list_tags(const CallContext& ctx, const std::string& arn);

 private:
  struct StoredCode;
  void add_routes();
  /// The stored form of `code` (a blob digest and size, or an image URI), after its checks.
  core::Result<StoredCode> store_code(const CallContext& ctx, const FunctionCode& code,
                                      const std::string& package_type);
  /// Errors: InvalidParameterValueException when IAM does not let Lambda assume `role`.
  core::Result<void> check_role(const CallContext& ctx, const std::string& role);

  ServiceSpec spec_;
  RestJsonApi api_;
  ServiceContext& house_;
  iam::IamService& iam_;
  s3::S3Service& s3_;
};

}  // namespace hoplite::local::lambda
