#include "hoplite/aws/sns.hpp"

#include "aws/protocol/response.hpp"

namespace hoplite::aws::sns {

ServiceInfo service_info() {
  return {.name = "sns",
          .endpoint_id = "sns",
          .signing_name = "sns",
          .protocol = Protocol::query,
          .api_version = "2010-03-31"};
}

Client::Client(const ClientConfig& config) : caller_(service_info(), config) {}

core::Result<std::string> Client::publish(const PublishRequest& r) {
  QueryParams p;
  p.add("TopicArn", r.topic_arn).add("Message", r.message).add("Subject", r.subject);
  std::size_t i = 0;
  for (const auto& [name, value] : r.message_attributes) {
    std::string e = QueryParams::entry("MessageAttributes", ++i);
    p.add(e + ".Name", name).add(e + ".Value.DataType", "String").add(e + ".Value.StringValue", value);
  }
  p.add("MessageDeduplicationId", r.message_deduplication_id).add("MessageGroupId", r.message_group_id);
  auto resp = caller_.query("Publish", p);
  if (!resp) return resp.failure();
  auto x = detail::query_result(*resp, "Publish");
  if (!x) return x.failure();
  return x->text_at("MessageId");
}

}  // namespace hoplite::aws::sns
