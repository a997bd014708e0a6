#include "hoplite/provision/template_upload.hpp"

#include <fmt/format.h>

#include "hoplite/core/log.hpp"
#include "hoplite/core/sha256.hpp"

namespace hoplite::provision {

core::Result<UploadedTemplate> upload_template(aws::s3::Client& s3, const TemplateUpload& u) {
  UploadedTemplate out;
  out.key = fmt::format("{}/template-{}.json", u.stack_name, core::sha256_hex(u.body));
  out.url = u.endpoint_url.empty() ? fmt::format("https://{}.s3.{}.amazonaws.com/{}", u.bucket, u.region, out.key)
                                   : fmt::format("{}/{}/{}", u.endpoint_url, u.bucket, out.key);
  auto head = s3.head_object(u.bucket, out.key);
  if (head && head->content_length == static_cast<std::int64_t>(u.body.size())) return out;
  if (!head && head.error().code != "NotFound" && head.error().code != "NoSuchKey")
    return head.failure(fmt::format("looking for the template in s3://{}", u.bucket));
  auto put = s3.put_object(
      {.bucket = u.bucket, .key = out.key, .body = u.body, .content_type = std::string("application/json")});
  if (!put) return put.failure(fmt::format("uploading the template to s3://{}/{}", u.bucket, out.key));
  out.uploaded = true;
  core::log::info("uploaded the template ({} bytes) to s3://{}/{}", u.body.size(), u.bucket, out.key);
  return out;
}

}  // namespace hoplite::provision
