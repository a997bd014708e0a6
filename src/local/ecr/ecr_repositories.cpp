// ECR's repository operations and authorization tokens.
#include <nlohmann/json.hpp>

#include "hoplite/core/base64.hpp"
#include "hoplite/core/sha256.hpp"
#include "local/ecr/ecr_names.hpp"
#include "local/ecr/ecr_service.hpp"
#include "local/ids.hpp"
#include "local/paging.hpp"
#include "local/sql_values.hpp"
#include "local/store/database.hpp"
#include "local/validation.hpp"

namespace hoplite::local::ecr {
namespace {

using store::Row;
using store::Tx;
namespace ecr = aws::ecr;

constexpr std::string_view kRepositoryColumns = "name, created, mutability, scan_on_push";

ecr::Repository repository_of(const CallContext& ctx, const Row& row) {
  const std::string name = row.text(0);
  return ecr::Repository{.repository_arn = repository_arn(ctx, name),
                         .registry_id = ctx.principal.account_id,
                         .repository_name = name,
                         .repository_uri = repository_uri(ctx, name),
                         .created_at = from_millis(row.integer(1)),
                         .image_tag_mutability = row.text(2),
                         .scan_on_push = row.integer(3) != 0,
                         .encryption_type = "AES256"};
}

core::Result<std::optional<Row>> find_repository(Tx& tx, const CallContext& ctx, const std::string& name) {
  return tx.query_one(std::string("SELECT ") + std::string(kRepositoryColumns) +
                          " FROM ecr_repositories WHERE account = ? AND region = ? AND name = ?",
                      {ctx.principal.account_id, ctx.region, name});
}

core::Result<void> check_mutability(const std::optional<std::string>& value) {
  Violations v;
  v.one_of("imageTagMutability", value, {"MUTABLE", "IMMUTABLE"});
  return v.finish();
}

}  // namespace

core::Result<ecr::CreateRepositoryResponse> EcrService::create_repository(const CallContext& ctx,
                                                                          const ecr::CreateRepositoryRequest& r) {
  if (auto c = check_registry_id(ctx, r.registry_id); !c) return c.failure();
  if (auto c = check_repository_name(r.repository_name); !c) return c.failure();
  if (auto c = check_mutability(r.image_tag_mutability); !c) return c.failure();
  if (r.tags.size() > 50)
    return aws_error("TooManyTagsException", "The repository can have a maximum of 50 tags.", 400);
  nlohmann::json tags = nlohmann::json::object();
  for (const auto& [k, v] : r.tags) tags[k] = v;
  const std::int64_t now = to_millis(ctx.now);
  return house_.db.transaction<ecr::CreateRepositoryResponse>(
      [&](Tx& tx) -> core::Result<ecr::CreateRepositoryResponse> {
        auto existing = find_repository(tx, ctx, r.repository_name);
        if (!existing) return existing.failure();
        if (*existing)
          return aws_error("RepositoryAlreadyExistsException",
                           "The repository with name '" + r.repository_name +
                               "' already exists in the registry with id '" + ctx.principal.account_id + "'",
                           400);
        if (auto ins = tx.exec("INSERT INTO ecr_repositories VALUES (?, ?, ?, ?, ?, ?, ?)",
                               {ctx.principal.account_id, ctx.region, r.repository_name, now,
                                r.image_tag_mutability.value_or("MUTABLE"),
                                static_cast<std::int64_t>(r.scan_on_push.value_or(false)), tags.dump()});
            !ins)
          return ins.failure();
        auto row = find_repository(tx, ctx, r.repository_name);
        if (!row) return row.failure();
        return ecr::CreateRepositoryResponse{repository_of(ctx, **row)};
      });
}

core::Result<ecr::DescribeRepositoriesResponse> EcrService::describe_repositories(
    const CallContext& ctx, const ecr::DescribeRepositoriesRequest& r) {
  if (auto c = check_registry_id(ctx, r.registry_id); !c) return c.failure();
  Violations v;
  v.range("maxResults", r.max_results, 1, 1000);
  if (auto c = v.finish(); !c) return c.failure();
  if (!r.repository_names.empty() && (r.max_results || r.next_token))
    return invalid_parameter("Invalid parameter: maxResults and nextToken cannot be used with repositoryNames");
  if (r.repository_names.size() > 100)
    return aws_error("ValidationException",
                     "1 validation error detected: Value at 'repositoryNames' failed to satisfy constraint: Member "
                     "must have length less than or equal to 100",
                     400);
  for (const auto& name : r.repository_names)
    if (auto c = check_repository_name(name); !c) return c.failure();
  std::string after;
  if (r.next_token) {
    auto position = read_page_token("ecr.DescribeRepositories", *r.next_token);
    if (!position)
      return invalid_parameter("Invalid parameter at 'nextToken' failed to satisfy constraint: 'invalid token'");
    after = *position;
  }
  const int limit = r.max_results.value_or(100);
  return house_.db.transaction<ecr::DescribeRepositoriesResponse>(
      [&](Tx& tx) -> core::Result<ecr::DescribeRepositoriesResponse> {
        ecr::DescribeRepositoriesResponse out;
        if (!r.repository_names.empty()) {
          for (const auto& name : r.repository_names) {
            auto row = find_repository(tx, ctx, name);
            if (!row) return row.failure();
            if (!*row) return repository_not_found(ctx, name);
            out.repositories.push_back(repository_of(ctx, **row));
          }
          return out;
        }
        auto rows = tx.query(std::string("SELECT ") + std::string(kRepositoryColumns) +
                                 " FROM ecr_repositories WHERE account = ? AND region = ? AND name > ? ORDER BY name "
                                 "LIMIT ?",
                             {ctx.principal.account_id, ctx.region, after, static_cast<std::int64_t>(limit) + 1});
        if (!rows) return rows.failure();
        for (const auto& row : *rows) {
          if (static_cast<int>(out.repositories.size()) == limit) {
            out.next_token = page_token("ecr.DescribeRepositories", out.repositories.back().repository_name);
            break;
          }
          out.repositories.push_back(repository_of(ctx, row));
        }
        return out;
      });
}

core::Result<ecr::DeleteRepositoryResponse> EcrService::delete_repository(const CallContext& ctx,
                                                                          const ecr::DeleteRepositoryRequest& r) {
  if (auto c = check_registry_id(ctx, r.registry_id); !c) return c.failure();
  if (auto c = check_repository_name(r.repository_name); !c) return c.failure();
  return house_.db.transaction<ecr::DeleteRepositoryResponse>(
      [&](Tx& tx) -> core::Result<ecr::DeleteRepositoryResponse> {
        auto row = find_repository(tx, ctx, r.repository_name);
        if (!row) return row.failure();
        if (!*row) return repository_not_found(ctx, r.repository_name);
        auto images = tx.query_one("SELECT COUNT(*) FROM ecr_images WHERE account = ? AND region = ? AND repo = ?",
                                   {ctx.principal.account_id, ctx.region, r.repository_name});
        if (!images) return images.failure();
        if ((*images)->integer(0) > 0 && !r.force)
          return aws_error("RepositoryNotEmptyException",
                           "The repository with name '" + r.repository_name + "' in registry with id '" +
                               ctx.principal.account_id + "' cannot be deleted because it still contains images",
                           400);
        // Layers, images and tags go with it (ON DELETE CASCADE); blob files stay for other users.
        if (auto d = tx.exec("DELETE FROM ecr_repositories WHERE account = ? AND region = ? AND name = ?",
                             {ctx.principal.account_id, ctx.region, r.repository_name});
            !d)
          return d.failure();
        return ecr::DeleteRepositoryResponse{repository_of(ctx, **row)};
      });
}

core::Result<ecr::PutImageTagMutabilityResponse> EcrService::put_image_tag_mutability(
    const CallContext& ctx, const ecr::PutImageTagMutabilityRequest& r) {
  if (auto c = check_registry_id(ctx, r.registry_id); !c) return c.failure();
  if (auto c = check_repository_name(r.repository_name); !c) return c.failure();
  Violations v;
  v.required("imageTagMutability", !r.image_tag_mutability.empty());
  if (!r.image_tag_mutability.empty()) v.one_of("imageTagMutability", r.image_tag_mutability, {"MUTABLE", "IMMUTABLE"});
  if (auto c = v.finish(); !c) return c.failure();
  return house_.db.transaction<ecr::PutImageTagMutabilityResponse>(
      [&](Tx& tx) -> core::Result<ecr::PutImageTagMutabilityResponse> {
        if (auto u = tx.exec("UPDATE ecr_repositories SET mutability = ? WHERE account = ? AND region = ? AND name = ?",
                             {r.image_tag_mutability, ctx.principal.account_id, ctx.region, r.repository_name});
            !u)
          return u.failure();
        if (tx.changes() == 0) return repository_not_found(ctx, r.repository_name);
        return ecr::PutImageTagMutabilityResponse{ctx.principal.account_id, r.repository_name, r.image_tag_mutability};
      });
}

core::Result<ecr::GetAuthorizationTokenResponse> EcrService::get_authorization_token(
    const CallContext& ctx, const ecr::GetAuthorizationTokenRequest& r) {
  for (const auto& id : r.registry_ids)
    if (auto c = check_registry_id(ctx, id); !c) return c.failure();
  // The password is random and only its hash is kept: the state never holds a usable token.
  const std::string password = random_base64ish(128);
  const core::TimePoint expires = ctx.now + kTokenLifetime;
  auto stored = house_.db.transaction([&](Tx& tx) -> core::Result<void> {
    if (auto d = tx.exec("DELETE FROM ecr_tokens WHERE expires <= ?", {to_millis(ctx.now)}); !d) return d;
    return tx.exec("INSERT INTO ecr_tokens VALUES (?, ?, ?, ?)",
                   {core::sha256_hex(password), ctx.principal.account_id, ctx.region, to_millis(expires)});
  });
  if (!stored) return stored.failure();
  std::string host = ctx.host.empty() ? std::string("127.0.0.1:4566") : ctx.host;
  ecr::GetAuthorizationTokenResponse out;
  out.authorization_data.push_back({.authorization_token = core::base64_encode("AWS:" + password),
                                    .expires_at = expires,
                                    .proxy_endpoint = "http://" + host});
  return out;
}

}  // namespace hoplite::local::ecr
