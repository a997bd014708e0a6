// Credentials defined by a profile: static keys, credential_process, or role_arn assumed with
// source_profile / credential_source.

#include <cstdlib>
#include <set>

#include <nlohmann/json.hpp>

#include "aws/credential_sources.hpp"
#include "hoplite/core/json.hpp"
#include "hoplite/core/process.hpp"
#include "hoplite/core/time_format.hpp"

namespace hoplite::aws::detail {
namespace {

core::Failure profile_error(const std::string& name, const std::string& what) {
  return core::fail("aws.credentials.profile", "profile '" + name + "': " + what);
}

std::string sts_region(const Profile& p) {
  if (auto r = p.get("region")) return *r;
  for (const char* name : {"AWS_REGION", "AWS_DEFAULT_REGION"})
    if (const char* v = std::getenv(name); v != nullptr && *v != '\0') return v;
  return "us-east-1";
}

core::Result<std::shared_ptr<CredentialsProvider>> resolve(const SharedConfig& cfg, const std::string& name,
                                                           SourceContext& ctx, std::vector<std::string> chain,
                                                           bool as_source);

std::optional<Credentials> static_keys(const Profile& p) {
  auto id = p.get("aws_access_key_id");
  auto secret = p.get("aws_secret_access_key");
  if (!id || !secret) return std::nullopt;
  return Credentials{*id, *secret, p.get("aws_session_token").value_or(""), std::nullopt, "profile " + p.name};
}

core::Result<std::shared_ptr<CredentialsProvider>> role_provider(const SharedConfig& cfg, const Profile& p,
                                                                 SourceContext& ctx, std::vector<std::string> chain) {
  std::string role_arn = *p.get("role_arn");
  std::shared_ptr<CredentialsProvider> source;
  if (auto src = p.get("source_profile")) {
    if (*src == p.name) {  // a profile may name itself: then its own keys are the source
      auto keys = static_keys(p);
      if (!keys) return profile_error(p.name, "source_profile names itself but it has no aws_access_key_id");
      source = std::make_shared<StaticCredentialsProvider>(*keys);
    } else {
      auto s = resolve(cfg, *src, ctx, chain, true);
      if (!s) return s.failure();
      source = *s;
    }
  } else if (auto cs = p.get("credential_source")) {
    if (*cs == "Environment") {
      auto env = from_environment();
      if (!env) return profile_error(p.name, "credential_source = Environment but AWS_ACCESS_KEY_ID is not set");
      if (!*env) return env->failure();
      source = std::make_shared<StaticCredentialsProvider>(**env);
    } else if (*cs == "EcsContainer") {
      source = std::make_shared<RefreshingProvider>(
          [&ctx]() -> core::Result<Credentials> {
            auto c = from_container(ctx);
            if (!c) return core::fail("aws.credentials.container", "AWS_CONTAINER_CREDENTIALS_* is not set");
            return *c;
          },
          ctx.clock);
    } else if (*cs == "Ec2InstanceMetadata") {
      source = std::make_shared<RefreshingProvider>([&ctx] { return from_imds(ctx); }, ctx.clock);
    } else {
      return profile_error(
          p.name, "credential_source '" + *cs + "' is not one of Environment, EcsContainer, Ec2InstanceMetadata");
    }
  } else {
    return profile_error(p.name, "role_arn needs source_profile or credential_source");
  }
  std::string session = p.get("role_session_name").value_or("hoplite");
  std::optional<std::string> external_id = p.get("external_id");
  std::optional<std::string> duration = p.get("duration_seconds");
  std::string region = sts_region(p);
  std::string label = "profile " + p.name + " (role " + role_arn + ")";
  return std::shared_ptr<CredentialsProvider>(std::make_shared<RefreshingProvider>(
      [&ctx, source, role_arn, session, external_id, duration, region, label]() -> core::Result<Credentials> {
        auto src = source->credentials();
        if (!src) return src.failure("getting source credentials for " + label);
        auto c = assume_role(ctx, *src, role_arn, session, external_id, duration, region);
        if (!c) return c;
        c->source = label;
        return c;
      },
      ctx.clock));
}

core::Result<std::shared_ptr<CredentialsProvider>> resolve(const SharedConfig& cfg, const std::string& name,
                                                           SourceContext& ctx, std::vector<std::string> chain,
                                                           bool as_source) {
  for (const auto& seen : chain)
    if (seen == name) {
      std::string loop;
      for (const auto& c : chain) loop += c + " -> ";
      return profile_error(chain.front(), "source_profile chain loops: " + loop + name);
    }
  chain.push_back(name);
  auto p = cfg.profile(name);
  if (!p)
    return profile_error(name, "is not defined in " + cfg.config_path + " or " + cfg.credentials_path +
                                   (chain.size() > 1 ? " (source_profile of '" + chain[chain.size() - 2] + "')" : ""));
  // As a source, static keys win over the source's own role (the AWS CLI's rule).
  if (as_source)
    if (auto keys = static_keys(*p))
      return std::shared_ptr<CredentialsProvider>(std::make_shared<StaticCredentialsProvider>(*keys));
  if (p->get("role_arn")) return role_provider(cfg, *p, ctx, chain);
  if (p->get("aws_access_key_id") || p->get("aws_secret_access_key")) {
    auto keys = static_keys(*p);
    if (!keys) return profile_error(name, "needs both aws_access_key_id and aws_secret_access_key");
    return std::shared_ptr<CredentialsProvider>(std::make_shared<StaticCredentialsProvider>(*keys));
  }
  if (auto process = p->get("credential_process")) {
    std::string command = *process;
    return std::shared_ptr<CredentialsProvider>(
        std::make_shared<RefreshingProvider>([command, name] { return from_process(command, name); }, ctx.clock));
  }
  if (as_source) return profile_error(name, "is used as source_profile but defines no credentials");
  return std::shared_ptr<CredentialsProvider>{};
}

}  // namespace

core::Result<std::shared_ptr<CredentialsProvider>> profile_provider(const SharedConfig& cfg, const std::string& name,
                                                                    SourceContext& ctx) {
  return resolve(cfg, name, ctx, {}, false);
}

core::Result<Credentials> from_process(const std::string& command, const std::string& profile_name) {
  core::PosixProcessRunner runner;
  core::ProcessSpec spec;
  spec.argv = {"/bin/sh", "-c", command};
  spec.timeout = std::chrono::minutes(1);
  spec.max_output_bytes = core::kSmallDocumentLimits.max_bytes;
  std::string what = "credential_process of profile '" + profile_name + "'";
  auto r = runner.run(spec);
  if (!r) return r.failure("running " + what);
  if (r->timed_out) return core::fail("aws.credentials.process", what + " did not finish within 60 s");
  if (r->output_exceeded)
    return core::fail("aws.credentials.process",
                      what + " printed more than " + std::to_string(spec.max_output_bytes) + " bytes");
  if (r->exit_code != 0) {
    // stderr is the process's own explanation; stdout may hold secrets and is never shown.
    std::string err = r->err.substr(0, 300);
    while (!err.empty() && (err.back() == '\n' || err.back() == '\r')) err.pop_back();
    return core::fail("aws.credentials.process",
                      what + " exited with status " + std::to_string(r->exit_code) + (err.empty() ? "" : ": " + err));
  }
  auto parsed = core::parse_json(r->out, what + "'s output", core::kSmallDocumentLimits);
  if (!parsed || !parsed->is_object()) return core::fail("aws.credentials.process", what + " printed no JSON object");
  const nlohmann::json j = std::move(*parsed);
  if (!j.contains("Version") || j["Version"] != 1)
    return core::fail("aws.credentials.process", what + ": output must have \"Version\": 1");
  auto str = [&](const char* key) {
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string{};
  };
  Credentials c{str("AccessKeyId"), str("SecretAccessKey"), str("SessionToken"), std::nullopt,
                "profile " + profile_name + " (credential_process)"};
  if (c.access_key_id.empty() || c.secret_access_key.empty())
    return core::fail("aws.credentials.process", what + ": output lacks AccessKeyId or SecretAccessKey");
  if (std::string exp = str("Expiration"); !exp.empty()) {
    c.expiration = core::parse_iso8601(exp);
    if (!c.expiration) return core::fail("aws.credentials.process", what + ": unreadable Expiration '" + exp + "'");
  }
  return c;
}

}  // namespace hoplite::aws::detail
