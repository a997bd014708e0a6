#pragma once
// An AWS::S3::Bucket's CorsConfiguration, WebsiteConfiguration, ObjectLockConfiguration and
// NotificationConfiguration as the XML documents S3's PutBucketCors, PutBucketWebsite,
// PutObjectLockConfiguration and PutBucketNotificationConfiguration take (CloudFormation's property names become S3's
// element names: CorsRules[].MaxAge -> CORSRule/MaxAgeSeconds, RoutingRuleCondition -> Condition, Queue -> Queue, ...).

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace hoplite::local::cloudformation {

/// The CORSConfiguration document, or nullopt without CorsConfiguration.
[[nodiscard]] std::optional<std::string> cors_document(const nlohmann::json& props);
/// The WebsiteConfiguration document, or nullopt without WebsiteConfiguration.
[[nodiscard]] std::optional<std::string> website_document(const nlohmann::json& props);
/// The ObjectLockConfiguration document, or nullopt unless ObjectLockEnabled is true or an
/// ObjectLockConfiguration is given (a bucket made with object lock has it enabled).
[[nodiscard]] std::optional<std::string> object_lock_document(const nlohmann::json& props);
/// The NotificationConfiguration document, or nullopt without NotificationConfiguration. S3 names
/// each configuration with an Id (CloudFormation has none to give): `<id_prefix><n>`.
[[nodiscard]] std::optional<std::string> notification_document(const nlohmann::json& props,
                                                               const std::string& id_prefix);

}  // namespace hoplite::local::cloudformation
