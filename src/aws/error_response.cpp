#include "hoplite/aws/error_response.hpp"

#include <nlohmann/json.hpp>

#include "hoplite/aws/xml_writer.hpp"

namespace hoplite::aws {

http::Response error_response(ErrorDialect dialect, const ServiceError& error, const ErrorResponseOptions& options) {
  http::Response r;
  r.status = error.http_status > 0 ? error.http_status : 400;
  switch (dialect) {
    case ErrorDialect::query: {
      XmlWriter w;
      w.open("ErrorResponse", options.xml_namespace)
          .open("Error")
          .element("Type", r.status >= 500 ? "Receiver" : "Sender")
          .element("Code", error.code)
          .element("Message", error.message)
          .close()
          .element("RequestId", error.request_id);
      r.body = w.finish();
      r.headers.set("Content-Type", "text/xml");
      r.headers.set("x-amzn-RequestId", error.request_id);
      break;
    }
    case ErrorDialect::ec2: {
      XmlWriter w(true);
      w.open("Response")
          .open("Errors")
          .open("Error")
          .element("Code", error.code)
          .element("Message", error.message)
          .close()
          .close()
          .element("RequestID", error.request_id);
      r.body = w.finish();
      r.headers.set("Content-Type", "text/xml;charset=UTF-8");
      r.headers.set("x-amzn-RequestId", error.request_id);
      break;
    }
    case ErrorDialect::json: {
      nlohmann::ordered_json body{{"__type", error.code}, {"message", error.message}};
      r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      r.headers.set("Content-Type", std::string(json_content_type(options.json_version)));
      r.headers.set("x-amzn-RequestId", error.request_id);
      break;
    }
    case ErrorDialect::rest_json: {
      nlohmann::ordered_json body{{"Type", r.status >= 500 ? "Service" : "User"}, {"message", error.message}};
      r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      r.headers.set("Content-Type", "application/json");
      r.headers.set("x-amzn-ErrorType", error.code);
      r.headers.set("x-amzn-RequestId", error.request_id);
      break;
    }
    case ErrorDialect::rest_xml: {
      XmlWriter w(true);
      w.open("Error").element("Code", error.code).element("Message", error.message);
      for (const auto& [name, value] : options.extra) w.element(name, value);
      w.element("RequestId", error.request_id);
      r.body = w.finish();
      r.headers.set("Content-Type", "application/xml");
      r.headers.set("x-amz-request-id", error.request_id);
      break;
    }
  }
  return r;
}

}  // namespace hoplite::aws
