#include "local/ecr/ecr_state.hpp"

namespace hoplite::local::ecr {

std::vector<store::Migration> migrations() {
  return {{1, R"sql(
CREATE TABLE ecr_repositories (
  account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
  created INTEGER NOT NULL,          -- epoch milliseconds
  mutability TEXT NOT NULL,          -- MUTABLE | IMMUTABLE
  scan_on_push INTEGER NOT NULL,
  tags TEXT NOT NULL DEFAULT '{}',   -- JSON object
  PRIMARY KEY (account, region, name));
CREATE TABLE ecr_layers (
  account TEXT NOT NULL, region TEXT NOT NULL, repo TEXT NOT NULL,
  digest TEXT NOT NULL, size INTEGER NOT NULL,
  PRIMARY KEY (account, region, repo, digest),
  FOREIGN KEY (account, region, repo) REFERENCES ecr_repositories (account, region, name) ON DELETE CASCADE);
CREATE TABLE ecr_images (
  account TEXT NOT NULL, region TEXT NOT NULL, repo TEXT NOT NULL,
  digest TEXT NOT NULL, media_type TEXT NOT NULL, manifest TEXT NOT NULL,
  size INTEGER NOT NULL, artifact_type TEXT NOT NULL, pushed INTEGER NOT NULL,
  PRIMARY KEY (account, region, repo, digest),
  FOREIGN KEY (account, region, repo) REFERENCES ecr_repositories (account, region, name) ON DELETE CASCADE);
CREATE TABLE ecr_image_tags (
  account TEXT NOT NULL, region TEXT NOT NULL, repo TEXT NOT NULL, tag TEXT NOT NULL, digest TEXT NOT NULL,
  PRIMARY KEY (account, region, repo, tag),
  FOREIGN KEY (account, region, repo, digest) REFERENCES ecr_images (account, region, repo, digest) ON DELETE CASCADE);
CREATE INDEX ecr_image_tags_digest ON ecr_image_tags (account, region, repo, digest);
CREATE TABLE ecr_tokens (
  password_sha256 TEXT PRIMARY KEY, account TEXT NOT NULL, region TEXT NOT NULL,
  expires INTEGER NOT NULL);       -- epoch milliseconds
)sql"}};
}

}  // namespace hoplite::local::ecr
