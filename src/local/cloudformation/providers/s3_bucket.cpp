// AWS::S3::Bucket through the local S3's typed bucket operations. Ref is the bucket's name;
// Fn::GetAtt offers Arn, DomainName, DualStackDomainName, RegionalDomainName and WebsiteURL in
// AWS's formats. A name left out is `<stack>-<logical id>-<12 characters>` in lower case, at most
// 63 characters (S3's limit), as CloudFormation generates it.
//
// CorsConfiguration, WebsiteConfiguration, ObjectLockConfiguration and NotificationConfiguration
// go to the local S3 as the documents its ?cors, ?website, ?object-lock and ?notification calls
// show (kept, not acted on); the other configuration properties (lifecycle, encryption, tags, …) are accepted and not
// applied, since the local S3 has no operation that would show them. Deleting a bucket that still
// holds objects fails as on AWS (BucketNotEmpty); `DeletionPolicy: Retain` keeps it (the engine's part).
#include <string_view>

#include "local/cloudformation/providers/properties.hpp"
#include "local/cloudformation/providers/providers.hpp"
#include "local/cloudformation/providers/s3_bucket_configs.hpp"
#include "local/ids.hpp"
#include "local/regions.hpp"
#include "local/s3/s3_service.hpp"

#include "hoplite/core/ascii.hpp"

namespace hoplite::local::cloudformation {
namespace {

constexpr std::size_t kMaxBucketName = 63;

/// The partition's DNS suffix (AWS::URLSuffix).
std::string url_suffix(std::string_view region) {
  return region.starts_with("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
}

/// The regions whose website endpoint is `s3-website-<region>` (the older form); the others use
/// `s3-website.<region>` (AWS's table of website endpoints).
bool dash_website_region(std::string_view region) {
  for (std::string_view r : {"us-east-1", "us-west-1", "us-west-2", "ap-southeast-1", "ap-southeast-2",
                             "ap-northeast-1", "eu-west-1", "sa-east-1", "us-gov-west-1"})
    if (region == r) return true;
  return false;
}

bool bucket_gone(const core::Error& e) { return e.code == "NoSuchBucket"; }

class S3BucketProvider final : public Provider {
 public:
  explicit S3BucketProvider(s3::S3Service& s3) : s3_(s3) {}

  [[nodiscard]] std::string_view type() const override { return "AWS::S3::Bucket"; }

  [[nodiscard]] std::string generated_name(std::string_view stack_name, std::string_view logical_id,
                                           std::string_view random) const override {
    std::string tail = "-" + core::ascii_lower(random.substr(0, 12));
    std::string head = core::ascii_lower(std::string(stack_name) + "-" + std::string(logical_id));
    head = head.substr(0, kMaxBucketName - tail.size());
    while (!head.empty() && (head.back() == '-' || head.back() == '.')) head.pop_back();
    return head + tail;
  }

  [[nodiscard]] std::string planned_physical_id(const ProviderCall& call, const nlohmann::json& props) const override {
    return text(props, "BucketName").value_or(call.generated_name);
  }

  core::Result<ProvidedResource> create(const ProviderCall& call, const nlohmann::json& props) override {
    const auto& ctx = call.context;
    std::string name = planned_physical_id(call, props);
    // In us-east-1 S3 answers 200 to a CreateBucket of a bucket the caller owns; CloudFormation
    // refuses to take over a bucket that exists.
    if (auto there = s3_.head_bucket(ctx, name); there)
      return aws_error("AlreadyExists",
                       "Resource of type 'AWS::S3::Bucket' with identifier '" + name + "' already exists.");
    std::optional<std::string> where;
    if (ctx.region != "us-east-1") where = ctx.region;
    auto made = s3_.create_bucket(ctx, {.bucket = name, .location_constraint = where});
    if (!made) return made.failure();
    if (auto ok = configure(call, name, nlohmann::json::object(), props); !ok) return ok.failure();
    return provided(call, name);
  }

  core::Result<ProvidedResource> update(const ProviderCall& call, const ProvidedResource& current,
                                        const nlohmann::json& before, const nlohmann::json& after) override {
    // BucketName is Immutable (a new name replaces the bucket); the configurations change in place.
    if (auto ok = configure(call, current.physical_id, before, after); !ok) return ok.failure();
    return provided(call, current.physical_id);
  }

  core::Result<void> remove(const ProviderCall& call, const ProvidedResource& current, const nlohmann::json&) override {
    if (current.physical_id.empty()) return core::ok();
    auto r = s3_.delete_bucket(call.context, current.physical_id);
    if (!r && bucket_gone(r.error())) return core::ok();
    return r;
  }

 private:
  /// Puts each configuration `after` has and `before` had otherwise, and removes those it dropped.
  core::Result<void> configure(const ProviderCall& call, const std::string& bucket, const nlohmann::json& before,
                               const nlohmann::json& after) {
    const std::string ids = random_upper_alnum(8) + "-";
    for (const auto& [kind, document] :
         {std::pair{s3::BucketConfig::cors, &cors_document}, std::pair{s3::BucketConfig::website, &website_document},
          std::pair{s3::BucketConfig::object_lock, &object_lock_document}}) {
      auto was = document(before), now = document(after);
      if (was == now) continue;
      // Object lock stays once enabled, as in S3 (there is no call that removes it).
      if (!now && kind == s3::BucketConfig::object_lock) continue;
      auto r = now ? s3_.put_bucket_config(call.context, bucket, kind, *now)
                   : s3_.delete_bucket_config(call.context, bucket, kind);
      if (!r) return r;
    }
    auto was = notification_document(before, ids), now = notification_document(after, ids);
    if (!was && !now) return core::ok();
    if (before.value("NotificationConfiguration", nlohmann::json()) ==
        after.value("NotificationConfiguration", nlohmann::json()))
      return core::ok();
    // An empty document removes the notifications, as in S3.
    return s3_.put_bucket_config(
        call.context, bucket, s3::BucketConfig::notification,
        now.value_or(R"(<NotificationConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>)"));
  }

  static ProvidedResource provided(const ProviderCall& call, const std::string& name) {
    const std::string& region = call.context.region;
    std::string suffix = url_suffix(region);
    std::string website = dash_website_region(region) ? "s3-website-" + region : "s3-website." + region;
    return {.physical_id = name,
            .attributes = {{"Arn", "arn:" + local::partition_of(region) + ":s3:::" + name},
                           {"DomainName", name + ".s3." + suffix},
                           {"DualStackDomainName", name + ".s3.dualstack." + region + "." + suffix},
                           {"RegionalDomainName", name + ".s3." + region + "." + suffix},
                           {"WebsiteURL", "http://" + name + "." + website + "." + suffix}}};
  }

  s3::S3Service& s3_;
};

}  // namespace

std::unique_ptr<Provider> make_s3_bucket_provider(s3::S3Service& s3) { return std::make_unique<S3BucketProvider>(s3); }

}  // namespace hoplite::local::cloudformation
