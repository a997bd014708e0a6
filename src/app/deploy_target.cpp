#include "app/deploy_target.hpp"

#include <nlohmann/json.hpp>

#include "hoplite/app/synthesize.hpp"
#include "hoplite/aws/ecr.hpp"
#include "hoplite/core/log.hpp"
#include "hoplite/fargate/task.hpp"
#include "hoplite/http/curl_client.hpp"
#include "hoplite/oci/image_builder.hpp"
#include "hoplite/oci/layer_cache.hpp"

namespace hoplite::app {
namespace {

/// Shares the command's client with a push worker (the injected client is thread-safe).
class SharedClient final : public http::Client {
 public:
  explicit SharedClient(http::Client& c) : c_(c) {}
  core::Result<http::Response> send(const http::Request& r) override { return c_.send(r); }

 private:
  http::Client& c_;
};

}  // namespace

std::string synthesized_template(CommandEnv& env, bool* has_image_parameter) {
  HookContext ctx = env.hook_context();
  cfn::Template t = synthesize(env.service, ctx);
  if (has_image_parameter != nullptr) *has_image_parameter = t.find_parameter(fargate::kImageParameter) != nullptr;
  return t.render();
}

oci::ClientFactory push_client_factory(CommandEnv& env) {
  if (env.http_override != nullptr) {
    http::Client* shared = env.http_override;
    return [shared] { return std::make_unique<SharedClient>(*shared); };
  }
  return [] { return std::make_unique<http::CurlClient>(); };
}

core::Result<std::unique_ptr<provision::Publisher>> make_publisher(CommandEnv& env, AwsSession& session,
                                                                   const ImageTargetOptions& options, bool noop,
                                                                   oci::Progress* progress) {
  oci::PushOptions push{
      .registry = {.insecure = options.insecure}, .timeout = env.globals.timeout, .progress = progress};
  if (!options.registry.empty()) {
    auto ref = oci::Reference::parse(options.registry);
    if (!ref) return core::fail("app.usage", "--registry: " + ref.error().message);
    if (noop) return std::unique_ptr<provision::Publisher>(std::make_unique<provision::NoopPublisher>(ref->name()));
    return std::unique_ptr<provision::Publisher>(
        std::make_unique<provision::RegistryPublisher>(*ref, push_client_factory(env), push));
  }
  const std::string name =
      options.ecr_repository.empty() ? provision::ecr_repository_name(env.service.name()) : options.ecr_repository;
  if (noop) {
    aws::ecr::Client ecr(session.config());
    auto found = ecr.describe_repositories({.repository_names = {name}});
    std::string uri = name;
    if (found && !found->repositories.empty()) {
      uri = found->repositories.front().repository_uri;
    } else if (!found && found.error().code != "RepositoryNotFoundException") {
      return found.failure("looking for ECR repository " + name);
    }
    return std::unique_ptr<provision::Publisher>(std::make_unique<provision::NoopPublisher>(uri));
  }
  // The ECR client lives as long as the publisher: both are owned together.
  struct Owned final : provision::Publisher {
    Owned(AwsSession& s, provision::EcrPublisherOptions o) : ecr(s.config()), publisher(ecr, std::move(o)) {}
    [[nodiscard]] std::string name() const override { return publisher.name(); }
    core::Result<provision::Published> publish(const oci::Image& image, const std::string& tag) override {
      return publisher.publish(image, tag);
    }
    aws::ecr::Client ecr;
    provision::EcrPublisher publisher;
  };
  return std::unique_ptr<provision::Publisher>(std::make_unique<Owned>(
      session,
      provision::EcrPublisherOptions{.repository_name = name, .make_client = push_client_factory(env), .push = push}));
}

core::Result<oci::Image> build_service_image_for(CommandEnv& env, HookContext* hooks) {
  if (hooks != nullptr)
    if (auto pre = env.service.hooks().run_pre_build(*hooks); !pre) return pre.failure();
  std::string task = env.service.tasks().empty() ? std::string() : env.service.tasks().front().name;
  oci::ServiceImageOptions image{
      .binary = "/proc/self/exe", .task = task, .service_name = env.service.name(), .build_id = env.build_id().value};
  image.cache_dir = oci::default_cache_dir().value_or(std::filesystem::path());
  auto img = oci::build_service_image(image);
  if (!img) return img.failure("building the image");
  if (hooks != nullptr) {
    hooks->set(img->digest());
    if (auto post = env.service.hooks().run_post_build(*hooks); !post) return post.failure();
  }
  return img;
}

std::vector<std::pair<std::string, std::string>> template_resources(const std::string& template_text) {
  std::vector<std::pair<std::string, std::string>> out;
  auto doc = nlohmann::ordered_json::parse(template_text, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object() || !doc.contains("Resources") || !doc["Resources"].is_object()) return out;
  for (const auto& [id, r] : doc["Resources"].items()) {
    std::string type = r.is_object() && r.contains("Type") && r["Type"].is_string() ? r["Type"].get<std::string>() : "";
    out.emplace_back(id, type);
  }
  return out;
}

}  // namespace hoplite::app
