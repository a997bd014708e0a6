// AWS JSON-protocol responses and errors (ECR, ECS, Step Functions, Logs).
#include "aws/protocol/response.hpp"
#include "fuzz_input.hpp"
#include "hoplite/aws/error.hpp"
#include "hoplite/aws/protocol_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hoplite;
  http::Response response{400, {}, std::string(fuzz::text(data, size))};
  response.headers.add("x-amzn-RequestId", "fuzz");
  if (auto doc = aws::detail::json_body(response, "Op")) {
    (void)aws::detail::str(*doc, "name");
    (void)aws::detail::opt_int(*doc, "count");
    (void)aws::detail::opt_epoch(*doc, "createdAt");
    (void)aws::detail::flag(*doc, "done");
    for (const auto& item : aws::detail::array_at(*doc, "items")) (void)aws::detail::opt_str(item, "arn");
  }
  (void)aws::to_core_error(aws::parse_json_error(response), "Op").to_string();
  return 0;
}
