#pragma once
/// \file
/// STS on the wire, both directions. Each operation's request and response shape has an
/// encoder and a decoder here, and both sides use them: the client (`sts::Client`) encodes
/// requests and decodes responses, the local cloud decodes requests and encodes responses. A test
/// runs every shape both ways against what the AWS CLI sent (tests/testdata/aws-wire), so a wire
/// bug shows on both sides at once. The pattern is described in docs/local.md ("Wire shapes").
///
/// Query protocol: a request is the form parameters after `Action` and `Version`; a response is
/// the members of `<ActionResult>` (the envelope is the protocol layer's business).

#include "hoplite/aws/protocol_query.hpp"
#include "hoplite/aws/sts.hpp"
#include "hoplite/aws/xml.hpp"
#include "hoplite/aws/xml_writer.hpp"
#include "hoplite/core/result.hpp"

namespace hoplite::aws::sts::wire {

inline constexpr std::string_view kXmlNamespace = "https://sts.amazonaws.com/doc/2011-06-15/";

// ---- GetCallerIdentity (no input members) ----

void encode_response(const CallerIdentity& identity, XmlWriter& result);
core::Result<CallerIdentity> decode_caller_identity(const XmlElement& result);

// ---- AssumeRole ----

[[nodiscard]] QueryParams encode_request(const AssumeRoleRequest& request);
/// Types only (a DurationSeconds that is not a number is a `ValidationError`); the service checks
/// the constraints (lengths, ranges) itself.
core::Result<AssumeRoleRequest> decode_assume_role_request(const QueryParams& params);

void encode_response(const AssumeRoleResponse& response, XmlWriter& result);
/// `credentials.source` is left empty: only the caller knows which role it asked for.
core::Result<AssumeRoleResponse> decode_assume_role_response(const XmlElement& result);

}  // namespace hoplite::aws::sts::wire
