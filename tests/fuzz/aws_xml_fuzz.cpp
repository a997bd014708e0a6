// AWS query and REST-XML responses: the XML tree, `<OpResult>` lookup, timestamps, error bodies.
#include "aws/protocol/response.hpp"
#include "aws/protocol/xml.hpp"
#include "fuzz_input.hpp"
#include "hoplite/aws/error.hpp"
#include "hoplite/aws/protocol_query.hpp"
#include "hoplite/aws/protocol_rest_xml.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hoplite;
  std::string body(fuzz::text(data, size));
  if (auto doc = aws::detail::parse_xml(body)) {
    (void)doc->text_at("Error/Code");
    (void)doc->members("Stacks");
    (void)aws::detail::time_at(*doc, "CreationTime");
    (void)aws::detail::xml_bool(*doc, "Enabled");
  }
  http::Response response{400, {}, body};
  (void)aws::detail::query_result(response, "DescribeStacks");
  aws::ServiceError q = aws::parse_query_error(response);
  aws::ServiceError r = aws::parse_rest_xml_error(response);
  (void)aws::to_core_error(q, "Op").to_string();
  (void)aws::to_core_error(r, "Op").to_string();
  return 0;
}
