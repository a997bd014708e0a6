// AWS::S3::BucketPolicy through the local S3's typed operations: PutBucketPolicy with the
// document, DeleteBucketPolicy when the resource goes (a bucket that is gone has none). Ref is an
// id CloudFormation makes up (`<stack>-<logical id>-<12 characters>`); the type has no
// Fn::GetAtt attributes. Bucket is Immutable (a new bucket is a new policy resource), the
// document changes in place. The local S3 keeps and shows the policy; it does not evaluate it.
#include "local/cloudformation/providers/properties.hpp"
#include "local/cloudformation/providers/providers.hpp"
#include "local/s3/s3_service.hpp"

namespace hoplite::local::cloudformation {
namespace {

bool policy_bucket_gone(const core::Error& e) { return e.code == "NoSuchBucket"; }

class S3BucketPolicyProvider final : public Provider {
 public:
  explicit S3BucketPolicyProvider(s3::S3Service& s3) : s3_(s3) {}

  [[nodiscard]] std::string_view type() const override { return "AWS::S3::BucketPolicy"; }

  [[nodiscard]] std::string planned_physical_id(const ProviderCall& call, const nlohmann::json&) const override {
    return call.generated_name;
  }

  core::Result<ProvidedResource> create(const ProviderCall& call, const nlohmann::json& props) override {
    if (auto ok = put(call, props); !ok) return ok.failure();
    return ProvidedResource{.physical_id = call.generated_name};
  }

  core::Result<ProvidedResource> update(const ProviderCall& call, const ProvidedResource& current,
                                        const nlohmann::json&, const nlohmann::json& after) override {
    if (auto ok = put(call, after); !ok) return ok.failure();
    return current;
  }

  core::Result<void> remove(const ProviderCall& call, const ProvidedResource& current,
                            const nlohmann::json& props) override {
    if (current.physical_id.empty()) return core::ok();
    auto r = s3_.delete_bucket_policy(call.context, text(props, "Bucket").value_or(""));
    if (!r && policy_bucket_gone(r.error())) return core::ok();
    return r;
  }

 private:
  core::Result<void> put(const ProviderCall& call, const nlohmann::json& props) {
    return s3_.put_bucket_policy(call.context, text(props, "Bucket").value_or(""),
                                 text(props, "PolicyDocument").value_or(""));
  }

  s3::S3Service& s3_;
};

}  // namespace

std::unique_ptr<Provider> make_s3_bucket_policy_provider(s3::S3Service& s3) {
  return std::make_unique<S3BucketPolicyProvider>(s3);
}

}  // namespace hoplite::local::cloudformation
