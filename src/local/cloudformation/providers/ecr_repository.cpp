// AWS::ECR::Repository through the local ECR's typed operations. Ref is the repository's name;
// Fn::GetAtt offers Arn (`arn:aws:ecr:<region>:<account>:repository/<name>`) and RepositoryUri
// (the local registry's `<host>/<name>`, which docker can push to; AWS's is
// `<account>.dkr.ecr.<region>.amazonaws.com/<name>`). A name left out is
// `<stack>-<logical id>-<12 characters>` in lower case, as ECR names must be.
//
// ImageTagMutability changes in place (PutImageTagMutability). The local ECR has no lifecycle or
// repository policies, no encryption settings and no TagResource or scanning operation:
// LifecyclePolicy, RepositoryPolicyText and EncryptionConfiguration are accepted and not applied;
// ImageScanningConfiguration and Tags are set at creation, and changing them in place fails the
// update with a message that says so. Deleting a repository that holds images fails as on AWS
// (RepositoryNotEmptyException); `DeletionPolicy: Retain` keeps it.

#include "local/cloudformation/providers/properties.hpp"
#include "local/cloudformation/providers/providers.hpp"
#include "local/ecr/ecr_names.hpp"
#include "local/ecr/ecr_service.hpp"

#include "hoplite/core/ascii.hpp"

namespace hoplite::local::cloudformation {
namespace {

constexpr std::size_t kMaxRepositoryName = 256;

nlohmann::json repository_property(const nlohmann::json& props, const char* key) {
  auto it = props.find(key);
  return it == props.end() ? nlohmann::json() : *it;
}

std::optional<bool> scan_on_push(const nlohmann::json& props) {
  auto it = props.find("ImageScanningConfiguration");
  if (it == props.end() || !it->is_object()) return std::nullopt;
  return flag(*it, "ScanOnPush");
}

bool repository_gone(const core::Error& e) { return e.code == "RepositoryNotFoundException"; }

class EcrRepositoryProvider final : public Provider {
 public:
  explicit EcrRepositoryProvider(ecr::EcrService& ecr) : ecr_(ecr) {}

  [[nodiscard]] std::string_view type() const override { return "AWS::ECR::Repository"; }

  [[nodiscard]] std::string generated_name(std::string_view stack_name, std::string_view logical_id,
                                           std::string_view random) const override {
    std::string tail = "-" + core::ascii_lower(random.substr(0, 12));
    std::string head = core::ascii_lower(std::string(stack_name) + "-" + std::string(logical_id));
    head = head.substr(0, kMaxRepositoryName - tail.size());
    while (!head.empty() && (head.back() == '-' || head.back() == '.' || head.back() == '_')) head.pop_back();
    return head + tail;
  }

  [[nodiscard]] std::string planned_physical_id(const ProviderCall& call, const nlohmann::json& props) const override {
    return text(props, "RepositoryName").value_or(call.generated_name);
  }

  core::Result<ProvidedResource> create(const ProviderCall& call, const nlohmann::json& props) override {
    std::string name = planned_physical_id(call, props);
    auto made = ecr_.create_repository(call.context, {.registry_id = std::nullopt,
                                                      .repository_name = name,
                                                      .image_tag_mutability = text(props, "ImageTagMutability"),
                                                      .scan_on_push = scan_on_push(props),
                                                      .tags = tag_map(props)});
    if (!made) return made.failure();
    return provided(call, name);
  }

  core::Result<ProvidedResource> update(const ProviderCall& call, const ProvidedResource& current,
                                        const nlohmann::json& before, const nlohmann::json& after) override {
    const std::string& name = current.physical_id;
    for (const char* key : {"ImageScanningConfiguration", "Tags"})
      if (repository_property(before, key) != repository_property(after, key))
        return aws_error("InvalidParameterException", "The local cloud's ECR cannot change a repository's " +
                                                          std::string(key) + " in place (repository " + name + ").");
    if (repository_property(before, "ImageTagMutability") != repository_property(after, "ImageTagMutability")) {
      auto set = ecr_.put_image_tag_mutability(
          call.context, {.registry_id = std::nullopt,
                         .repository_name = name,
                         .image_tag_mutability = text(after, "ImageTagMutability").value_or("MUTABLE")});
      if (!set) return set.failure();
    }
    return provided(call, name);
  }

  core::Result<void> remove(const ProviderCall& call, const ProvidedResource& current, const nlohmann::json&) override {
    if (current.physical_id.empty()) return core::ok();
    auto r = ecr_.delete_repository(
        call.context, {.registry_id = std::nullopt, .repository_name = current.physical_id, .force = false});
    if (!r && repository_gone(r.error())) return core::ok();
    if (!r) return r.failure();
    return core::ok();
  }

 private:
  static ProvidedResource provided(const ProviderCall& call, const std::string& name) {
    return {.physical_id = name,
            .attributes = {{"Arn", ecr::repository_arn(call.context, name)},
                           {"RepositoryUri", ecr::repository_uri(call.context, name)}}};
  }

  ecr::EcrService& ecr_;
};

}  // namespace

std::unique_ptr<Provider> make_ecr_repository_provider(ecr::EcrService& ecr) {
  return std::make_unique<EcrRepositoryProvider>(ecr);
}

}  // namespace hoplite::local::cloudformation
