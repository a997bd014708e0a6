#include "hoplite/aws/endpoint.hpp"

#include <cctype>

#include "aws/environment.hpp"

namespace hoplite::aws {
namespace {

core::Result<std::string> checked_override(std::string url, const std::string& from) {
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
    return core::fail("aws.endpoint", from + " must be an http:// or https:// URL, not '" + url + "'");
  while (url.size() > 8 && url.back() == '/') url.pop_back();
  return url;
}

std::string dns_suffix(std::string_view partition) {
  if (partition == "aws-cn") return "amazonaws.com.cn";
  return "amazonaws.com";
}

}  // namespace

std::string partition_of(std::string_view region) {
  if (region.rfind("cn-", 0) == 0) return "aws-cn";
  if (region.rfind("us-gov-", 0) == 0) return "aws-us-gov";
  return "aws";
}

std::string endpoint_env_suffix(std::string_view service_id) {
  // The AWS CLI derives these from each service's "service id"; ours are endpoint prefixes.
  if (service_id == "states") return "SFN";
  if (service_id == "logs") return "CLOUDWATCH_LOGS";
  if (service_id == "api.ecr") return "ECR";
  std::string out;
  for (char ch : service_id)
    out +=
        (ch == '.' || ch == '-' || ch == ' ') ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return out;
}

core::Result<std::string> resolve_endpoint(std::string_view service_id, std::string_view region,
                                           const EndpointOptions& o) {
  if (o.endpoint_url) return checked_override(*o.endpoint_url, "--endpoint-url");
  if (!detail::env_true("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")) {
    std::string specific = "AWS_ENDPOINT_URL_" + endpoint_env_suffix(service_id);
    if (auto v = detail::env_value(specific.c_str())) return checked_override(*v, specific);
    if (auto v = detail::env_value("AWS_ENDPOINT_URL")) return checked_override(*v, "AWS_ENDPOINT_URL");
  }
  if (region.empty())
    return core::fail("aws.endpoint", "no region to build the " + std::string(service_id) + " endpoint for");
  for (char ch : region)
    if (!(std::islower(static_cast<unsigned char>(ch)) || std::isdigit(static_cast<unsigned char>(ch)) || ch == '-'))
      return core::fail("aws.endpoint", "'" + std::string(region) + "' is not a region name (e.g. us-east-1)");
  std::string prefix(service_id == "ecr" ? "api.ecr" : service_id);
  return "https://" + prefix + "." + std::string(region) + "." + dns_suffix(partition_of(region));
}

}  // namespace hoplite::aws
