#pragma once
/// \file
/// The template to S3, when it is too large to send inline (CloudFormation's TemplateBody
/// limit) or when asked (`--s3-bucket`). The key is derived from the content, so a template that
/// is already there is not uploaded again (a no-change provision uploads nothing).

#include <cstddef>
#include <string>

#include "hoplite/aws/s3.hpp"
#include "hoplite/core/result.hpp"

namespace hoplite::provision {

/// The largest TemplateBody CloudFormation accepts, in bytes; larger templates go by TemplateURL.
inline constexpr std::size_t kMaxTemplateBodyBytes = 51'200;

/// A template to put in S3 for TemplateURL.
struct TemplateUpload {
  std::string bucket;      ///< the bucket (it must exist)
  std::string stack_name;  ///< the key's prefix
  std::string body;        ///< the template text
  /// Where S3 is, for the TemplateURL CloudFormation reads. The endpoint (`--endpoint-url`, the
  /// local cloud: path style `<endpoint>/<bucket>/<key>`); empty: AWS's
  /// `https://<bucket>.s3.<region>.amazonaws.com/<key>`.
  std::string endpoint_url;
  std::string region;  ///< the bucket's region (for AWS's URL)
};

/// Where the template is in S3.
struct UploadedTemplate {
  std::string key;        ///< `<stack>/template-<sha256 hex>.json`
  std::string url;        ///< what TemplateURL gets
  bool uploaded = false;  ///< false: an object with that key was there already
};

/// HEAD the key; PUT the body when it is missing. Errors name the bucket (NoSuchBucket: create it,
/// or pass another with --s3-bucket).
core::Result<UploadedTemplate> upload_template(aws::s3::Client& s3, const TemplateUpload& upload);

}  // namespace hoplite::provision
