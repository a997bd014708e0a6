// SQS's handler table: each operation decoded and encoded by the shared shapes (sqs_wire.hpp).
#include "local/sqs/sqs_service.hpp"

#include <stdexcept>

#include "hoplite/aws/sqs_wire.hpp"
#include "local/protocol/routes.hpp"
#include "local/sqs/sqs_state.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::sqs {

namespace wire = aws::sqs::wire;

SqsService::SqsService(ServiceContext& house)
    : spec_{.signing_name = "sqs",
            .protocol = Protocol::query,
            .api_version = std::string(wire::kApiVersion),
            .xml_namespace = std::string(wire::kXmlNamespace)},
      api_(spec_),
      house_(house) {
  if (auto m = house_.db.migrate("sqs", migrations()); !m)
    throw std::runtime_error("local sqs: " + m.error().to_string());
  add_routes();
}

void SqsService::add_routes() {
  auto encode = [](const auto& r, aws::XmlWriter& out) { wire::encode_response(r, out); };
  api_.add("CreateQueue",
           query_route(
               wire::decode_create_queue_request, [this](auto& ctx, auto& r) { return create_queue(ctx, r); }, encode));
  api_.add("DeleteQueue", query_route(
                              wire::decode_delete_queue_request,
                              [this](auto& ctx, auto& r) { return delete_queue(ctx, r); }, NoXmlOutput{}));
  api_.add("ListQueues",
           query_route(
               wire::decode_list_queues_request, [this](auto& ctx, auto& r) { return list_queues(ctx, r); }, encode));
  api_.add("GetQueueUrl", query_route(
                              wire::decode_get_queue_url_request,
                              [this](auto& ctx, auto& r) { return get_queue_url(ctx, r); }, encode));
  api_.add("GetQueueAttributes", query_route(
                                     wire::decode_get_queue_attributes_request,
                                     [this](auto& ctx, auto& r) { return get_queue_attributes(ctx, r); }, encode));
  api_.add("SetQueueAttributes",
           query_route(
               wire::decode_set_queue_attributes_request,
               [this](auto& ctx, auto& r) { return set_queue_attributes(ctx, r); }, NoXmlOutput{}));
  api_.add("SendMessage",
           query_route(
               wire::decode_send_message_request, [this](auto& ctx, auto& r) { return send_message(ctx, r); }, encode));
  api_.add("SendMessageBatch", query_route(
                                   wire::decode_send_message_batch_request,
                                   [this](auto& ctx, auto& r) { return send_message_batch(ctx, r); }, encode));
  api_.add("ReceiveMessage", query_route(
                                 wire::decode_receive_message_request,
                                 [this](auto& ctx, auto& r) { return receive_message(ctx, r); }, encode));
  api_.add("DeleteMessage", query_route(
                                wire::decode_delete_message_request,
                                [this](auto& ctx, auto& r) { return delete_message(ctx, r); }, NoXmlOutput{}));
  api_.add("DeleteMessageBatch", query_route(
                                     wire::decode_delete_message_batch_request,
                                     [this](auto& ctx, auto& r) { return delete_message_batch(ctx, r); }, encode));
  api_.add("ChangeMessageVisibility",
           query_route(
               wire::decode_change_message_visibility_request,
               [this](auto& ctx, auto& r) { return change_message_visibility(ctx, r); }, NoXmlOutput{}));
  api_.add("PurgeQueue", query_route(
                             wire::decode_purge_queue_request,
                             [this](auto& ctx, auto& r) { return purge_queue(ctx, r); }, NoXmlOutput{}));
  api_.add("TagQueue", query_route(
                           wire::decode_tag_queue_request, [this](auto& ctx, auto& r) { return tag_queue(ctx, r); },
                           NoXmlOutput{}));
  api_.add("UntagQueue", query_route(
                             wire::decode_untag_queue_request,
                             [this](auto& ctx, auto& r) { return untag_queue(ctx, r); }, NoXmlOutput{}));
  api_.add("ListQueueTags", query_route(
                                wire::decode_list_queue_tags_request,
                                [this](auto& ctx, auto& r) { return list_queue_tags(ctx, r); }, encode));
}

nlohmann::json SqsService::inspect() {
  nlohmann::json out = nlohmann::json::object();
  auto queues = queues_by_account(house_.db, 100);
  if (!queues) return out;
  for (const auto& [account, regions] : *queues) out[account]["queues"] = regions;
  return out;
}

}  // namespace hoplite::local::sqs
