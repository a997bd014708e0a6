// ECR's image operations: what the registry's pushes left in ecr_images / ecr_image_tags.
#include <algorithm>

#include "hoplite/oci/digest.hpp"
#include "local/ecr/ecr_names.hpp"
#include "local/ecr/ecr_service.hpp"
#include "local/paging.hpp"
#include "local/sql_values.hpp"
#include "local/store/database.hpp"
#include "local/validation.hpp"

namespace hoplite::local::ecr {
namespace {

using store::Row;
using store::Tx;
namespace ecr = aws::ecr;

/// One image of a repository, with its tags (sorted).
struct ImageRow {
  std::string digest;
  std::string media_type;
  std::string manifest;
  std::int64_t size = 0;
  std::string artifact_type;
  std::int64_t pushed = 0;
  std::vector<std::string> tags;
};

core::Result<void> require_repository(Tx& tx, const CallContext& ctx, const std::string& repo) {
  auto row = tx.query_one("SELECT 1 FROM ecr_repositories WHERE account = ? AND region = ? AND name = ?",
                          {ctx.principal.account_id, ctx.region, repo});
  if (!row) return row.failure();
  if (!*row) return repository_not_found(ctx, repo);
  return core::ok();
}

/// Every image of the repository, by digest.
core::Result<std::vector<ImageRow>> all_images(Tx& tx, const CallContext& ctx, const std::string& repo) {
  auto rows = tx.query(
      "SELECT digest, media_type, manifest, size, artifact_type, pushed FROM ecr_images WHERE account = ? AND "
      "region = ? AND repo = ? ORDER BY digest",
      {ctx.principal.account_id, ctx.region, repo});
  if (!rows) return rows.failure();
  auto tags =
      tx.query("SELECT digest, tag FROM ecr_image_tags WHERE account = ? AND region = ? AND repo = ? ORDER BY tag",
               {ctx.principal.account_id, ctx.region, repo});
  if (!tags) return tags.failure();
  std::vector<ImageRow> out;
  for (const auto& r : *rows)
    out.push_back({r.text(0), r.text(1), r.text(2), r.integer(3), r.text(4), r.integer(5), {}});
  for (const auto& t : *tags) {
    auto it = std::lower_bound(out.begin(), out.end(), t.text(0),
                               [](const ImageRow& i, const std::string& d) { return i.digest < d; });
    if (it != out.end() && it->digest == t.text(0)) it->tags.push_back(t.text(1));
  }
  return out;
}

bool keep(const ImageRow& image, const std::optional<std::string>& tag_status) {
  if (!tag_status || *tag_status == "ANY") return true;
  return (*tag_status == "TAGGED") == !image.tags.empty();
}

core::Result<void> check_listing(const std::optional<int>& max_results, const std::optional<std::string>& tag_status) {
  Violations v;
  v.range("maxResults", max_results, 1, 1000);
  v.one_of("filter.tagStatus", tag_status, {"TAGGED", "UNTAGGED", "ANY"});
  return v.finish();
}

std::string describe_id(const ecr::ImageId& id) {
  return "{imageDigest:'" + id.image_digest.value_or("null") + "', imageTag:'" + id.image_tag.value_or("null") + "'}";
}

/// The image an id names, or a failure entry.
struct Lookup {
  const ImageRow* image = nullptr;
  std::optional<ecr::ImageFailure> failure;
};

Lookup find_image(const std::vector<ImageRow>& images, const ecr::ImageId& id) {
  auto fail = [&](std::string code, std::string reason) {
    return Lookup{nullptr, ecr::ImageFailure{id, std::move(code), std::move(reason)}};
  };
  if (!id.image_digest && !id.image_tag)
    return fail("MissingDigestAndTag", "Invalid request parameters: both tag and digest cannot be null");
  if (id.image_digest && !oci::Digest::parse(*id.image_digest))
    return fail("InvalidImageDigest", "Invalid image digest");
  const ImageRow* by_digest = nullptr;
  const ImageRow* by_tag = nullptr;
  for (const auto& image : images) {
    if (id.image_digest && image.digest == *id.image_digest) by_digest = &image;
    if (id.image_tag && std::find(image.tags.begin(), image.tags.end(), *id.image_tag) != image.tags.end())
      by_tag = &image;
  }
  if (id.image_digest && id.image_tag && by_digest && by_tag && by_digest != by_tag)
    return fail("ImageTagDoesNotMatchDigest",
                "Invalid request parameters: given tag and digest do not point to the same image");
  const ImageRow* found = id.image_digest ? by_digest : by_tag;
  if (id.image_digest && id.image_tag && found && !by_tag) found = nullptr;
  if (!found) return fail("ImageNotFound", "Requested image not found");
  return Lookup{found, std::nullopt};
}

ecr::ImageDetail detail_of(const CallContext& ctx, const std::string& repo, const ImageRow& i) {
  return ecr::ImageDetail{.registry_id = ctx.principal.account_id,
                          .repository_name = repo,
                          .image_digest = i.digest,
                          .image_tags = i.tags,
                          .image_size_bytes = i.size,
                          .image_pushed_at = from_millis(i.pushed),
                          .image_manifest_media_type = i.media_type,
                          .artifact_media_type = i.artifact_type};
}

}  // namespace

core::Result<ecr::DescribeImagesResponse> EcrService::describe_images(const CallContext& ctx,
                                                                      const ecr::DescribeImagesRequest& r) {
  if (auto c = check_registry_id(ctx, r.registry_id); !c) return c.failure();
  if (auto c = check_repository_name(r.repository_name); !c) return c.failure();
  if (auto c = check_listing(r.max_results, r.tag_status); !c) return c.failure();
  if (!r.image_ids.empty() && (r.max_results || r.next_token))
    return invalid_parameter("Invalid parameter: maxResults and nextToken cannot be used with imageIds");
  std::string after;
  if (r.next_token) {
    auto position = read_page_token("ecr.DescribeImages", *r.next_token);
    if (!position)
      return invalid_parameter("Invalid parameter at 'nextToken' failed to satisfy constraint: 'invalid token'");
    after = *position;
  }
  return house_.db.transaction<ecr::DescribeImagesResponse>([&](Tx& tx) -> core::Result<ecr::DescribeImagesResponse> {
    if (auto c = require_repository(tx, ctx, r.repository_name); !c) return c.failure();
    auto images = all_images(tx, ctx, r.repository_name);
    if (!images) return images.failure();
    ecr::DescribeImagesResponse out;
    if (!r.image_ids.empty()) {
      for (const auto& id : r.image_ids) {
        Lookup found = find_image(*images, id);
        if (!found.image) {
          if (found.failure->failure_code != "ImageNotFound")
            return invalid_parameter("Invalid parameter: " + found.failure->failure_reason);
          return aws_error("ImageNotFoundException",
                           "The image with imageId " + describe_id(id) +
                               " does not exist within the repository with name '" + r.repository_name +
                               "' in the registry with id '" + ctx.principal.account_id + "'",
                           400);
        }
        out.image_details.push_back(detail_of(ctx, r.repository_name, *found.image));
      }
      return out;
    }
    const int limit = r.max_results.value_or(100);
    for (const auto& image : *images) {
      if (image.digest <= after || !keep(image, r.tag_status)) continue;
      if (static_cast<int>(out.image_details.size()) == limit) {
        out.next_token = page_token("ecr.DescribeImages", out.image_details.back().image_digest);
        break;
      }
      out.image_details.push_back(detail_of(ctx, r.repository_name, image));
    }
    return out;
  });
}

core::Result<ecr::ListImagesResponse> EcrService::list_images(const CallContext& ctx, const ecr::ListImagesRequest& r) {
  if (auto c = check_registry_id(ctx, r.registry_id); !c) return c.failure();
  if (auto c = check_repository_name(r.repository_name); !c) return c.failure();
  if (auto c = check_listing(r.max_results, r.tag_status); !c) return c.failure();
  std::string after;
  if (r.next_token) {
    auto position = read_page_token("ecr.ListImages", *r.next_token);
    if (!position)
      return invalid_parameter("Invalid parameter at 'nextToken' failed to satisfy constraint: 'invalid token'");
    after = *position;
  }
  return house_.db.transaction<ecr::ListImagesResponse>([&](Tx& tx) -> core::Result<ecr::ListImagesResponse> {
    if (auto c = require_repository(tx, ctx, r.repository_name); !c) return c.failure();
    auto images = all_images(tx, ctx, r.repository_name);
    if (!images) return images.failure();
    // One entry per tag, an untagged image once; the position is "<digest> <tag>".
    const int limit = r.max_results.value_or(100);
    ecr::ListImagesResponse out;
    std::string last;
    for (const auto& image : *images) {
      if (!keep(image, r.tag_status)) continue;
      std::vector<std::optional<std::string>> names;
      if (image.tags.empty()) names.emplace_back();
      for (const auto& t : image.tags) names.emplace_back(t);
      for (const auto& tag : names) {
        std::string position = image.digest + " " + tag.value_or("");
        if (!after.empty() && position <= after) continue;
        if (static_cast<int>(out.image_ids.size()) == limit) {
          out.next_token = page_token("ecr.ListImages", last);
          return out;
        }
        out.image_ids.push_back({image.digest, tag});
        last = position;
      }
    }
    return out;
  });
}

core::Result<ecr::BatchGetImageResponse> EcrService::batch_get_image(const CallContext& ctx,
                                                                     const ecr::BatchGetImageRequest& r) {
  if (auto c = check_registry_id(ctx, r.registry_id); !c) return c.failure();
  if (auto c = check_repository_name(r.repository_name); !c) return c.failure();
  Violations v;
  if (r.image_ids.empty() || r.image_ids.size() > 100)
    v.add("imageIds", std::nullopt, "Member must have length between 1 and 100");
  if (auto c = v.finish(); !c) return c.failure();
  return house_.db.transaction<ecr::BatchGetImageResponse>([&](Tx& tx) -> core::Result<ecr::BatchGetImageResponse> {
    if (auto c = require_repository(tx, ctx, r.repository_name); !c) return c.failure();
    auto images = all_images(tx, ctx, r.repository_name);
    if (!images) return images.failure();
    ecr::BatchGetImageResponse out;
    for (const auto& id : r.image_ids) {
      Lookup found = find_image(*images, id);
      if (!found.image) {
        out.failures.push_back(*found.failure);
        continue;
      }
      const auto& accepted = r.accepted_media_types;
      if (!accepted.empty() && std::find(accepted.begin(), accepted.end(), found.image->media_type) == accepted.end()) {
        out.failures.push_back({id, "UnsupportedImageType", "Image does not match the requested media types"});
        continue;
      }
      out.images.push_back({.registry_id = ctx.principal.account_id,
                            .repository_name = r.repository_name,
                            .image_id = {found.image->digest, id.image_tag},
                            .image_manifest = found.image->manifest,
                            .image_manifest_media_type = found.image->media_type});
    }
    return out;
  });
}

core::Result<ecr::BatchDeleteImageResponse> EcrService::batch_delete_image(const CallContext& ctx,
                                                                           const ecr::BatchDeleteImageRequest& r) {
  if (auto c = check_registry_id(ctx, r.registry_id); !c) return c.failure();
  if (auto c = check_repository_name(r.repository_name); !c) return c.failure();
  Violations v;
  if (r.image_ids.empty() || r.image_ids.size() > 100)
    v.add("imageIds", std::nullopt, "Member must have length between 1 and 100");
  if (auto c = v.finish(); !c) return c.failure();
  const std::string& account = ctx.principal.account_id;
  return house_.db.transaction<ecr::BatchDeleteImageResponse>(
      [&](Tx& tx) -> core::Result<ecr::BatchDeleteImageResponse> {
        if (auto c = require_repository(tx, ctx, r.repository_name); !c) return c.failure();
        ecr::BatchDeleteImageResponse out;
        for (const auto& id : r.image_ids) {
          // Each id sees what the ones before it left (a digest, then one of its tags: not found).
          auto images = all_images(tx, ctx, r.repository_name);
          if (!images) return images.failure();
          Lookup found = find_image(*images, id);
          if (!found.image) {
            out.failures.push_back(*found.failure);
            continue;
          }
          const ImageRow& image = *found.image;
          const bool whole = !id.image_tag || image.tags.size() == 1;
          if (whole) {
            if (image.tags.empty()) out.image_ids.push_back({image.digest, std::nullopt});
            for (const auto& t : image.tags) out.image_ids.push_back({image.digest, t});
            if (auto d = tx.exec("DELETE FROM ecr_images WHERE account = ? AND region = ? AND repo = ? AND digest = ?",
                                 {account, ctx.region, r.repository_name, image.digest});
                !d)
              return d.failure();
          } else {
            out.image_ids.push_back({image.digest, id.image_tag});
            if (auto d = tx.exec("DELETE FROM ecr_image_tags WHERE account = ? AND region = ? AND repo = ? AND tag = ?",
                                 {account, ctx.region, r.repository_name, *id.image_tag});
                !d)
              return d.failure();
          }
        }
        return out;
      });
}

core::Result<ecr::BatchCheckLayerAvailabilityResponse> EcrService::batch_check_layer_availability(
    const CallContext& ctx, const ecr::BatchCheckLayerAvailabilityRequest& r) {
  if (auto c = check_registry_id(ctx, r.registry_id); !c) return c.failure();
  if (auto c = check_repository_name(r.repository_name); !c) return c.failure();
  Violations v;
  if (r.layer_digests.empty() || r.layer_digests.size() > 100)
    v.add("layerDigests", std::nullopt, "Member must have length between 1 and 100");
  if (auto c = v.finish(); !c) return c.failure();
  return house_.db.transaction<ecr::BatchCheckLayerAvailabilityResponse>(
      [&](Tx& tx) -> core::Result<ecr::BatchCheckLayerAvailabilityResponse> {
        if (auto c = require_repository(tx, ctx, r.repository_name); !c) return c.failure();
        ecr::BatchCheckLayerAvailabilityResponse out;
        for (const auto& digest : r.layer_digests) {
          if (!oci::Digest::parse(digest)) {
            out.failures.push_back({digest, "InvalidLayerDigest", "Invalid layer digest"});
            continue;
          }
          auto row =
              tx.query_one("SELECT size FROM ecr_layers WHERE account = ? AND region = ? AND repo = ? AND digest = ?",
                           {ctx.principal.account_id, ctx.region, r.repository_name, digest});
          if (!row) return row.failure();
          if (!*row) {
            out.failures.push_back({digest, "MissingLayerDigest", "Layer digest not found"});
            continue;
          }
          out.layers.push_back({digest, true, (*row)->integer(0)});
        }
        return out;
      });
}

}  // namespace hoplite::local::ecr
