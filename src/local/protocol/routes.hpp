#pragma once
/// \file Binding a typed operation to its wire codecs: decode the request shape, run the
/// operation, encode the response shape. Every service's handler table is a list of these, so the
/// handler stays a table and the operations never see the wire.
///
/// **Example**:
/// \code
///   api_.add("PutParameter", json_route(wire::decode_put_parameter_request,
///                                       [this](auto& ctx, auto& r) { return put_parameter(ctx, r); },
///                                       [](const auto& r) { return wire::encode_response(r); }));
///   api_.add("DeleteParameter", json_route(wire::decode_delete_parameter_request,
///                                          [this](auto& ctx, auto& r) { return delete_parameter(ctx, r); }));
/// \endcode

#include <type_traits>
#include <utility>

#include "local/protocol/json.hpp"
#include "local/protocol/query.hpp"

namespace hoplite::local {

/// An operation that answers `{}` (its result is `core::Result<void>`).
struct NoJsonOutput {
  template <typename T>
  nlohmann::json operator()(const T&) const {
    return nlohmann::json::object();
  }
};

/// A JSON-protocol entry: `decode(const json&) -> Result<Request>`,
/// `op(CallContext&, const Request&) -> Result<Response>` (or `Result<void>`),
/// `encode(const Response&) -> json`.
template <typename Decode, typename Op, typename Encode = NoJsonOutput>
JsonApi::Operation json_route(Decode decode, Op op, Encode encode = {}) {
  return [decode, op, encode](const nlohmann::json& in, CallContext& ctx) -> core::Result<nlohmann::json> {
    auto request = decode(in);
    if (!request) return request.failure();
    auto response = op(ctx, *request);
    if (!response) return response.failure();
    if constexpr (std::is_same_v<decltype(response), core::Result<void>>) {
      (void)encode;  // no result members: clang would call the capture unused
      return nlohmann::json::object();
    } else {
      return nlohmann::json(encode(*response));
    }
  };
}

/// A query-protocol entry: `decode(const aws::QueryParams&) -> Result<Request>`,
/// `op(CallContext&, const Request&) -> Result<Response>` (or `Result<void>`: an empty result),
/// `encode(const Response&, aws::XmlWriter&)` writes the members of `<ActionResult>`.
template <typename Decode, typename Op, typename Encode>
QueryApi::Operation query_route(Decode decode, Op op, Encode encode) {
  return [decode, op, encode](const QueryRequest& in, CallContext& ctx, aws::XmlWriter& out) -> core::Result<void> {
    auto request = decode(in.params);
    if (!request) return request.failure();
    auto response = op(ctx, *request);
    if (!response) return response.failure();
    if constexpr (std::is_same_v<decltype(response), core::Result<void>>) {
      (void)encode;  // an empty result: clang would call the capture unused
    } else {
      encode(*response, out);
    }
    return core::ok();
  };
}

/// The encoder of an operation without result members.
struct NoXmlOutput {
  template <typename T>
  void operator()(const T&, aws::XmlWriter&) const {}
};

}  // namespace hoplite::local
