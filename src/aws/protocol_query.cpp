#include "hoplite/aws/protocol_query.hpp"

#include <fmt/format.h>

#include "aws/protocol/xml.hpp"

namespace hoplite::aws {

QueryParams& QueryParams::add(std::string key, std::string value) {
  entries_.emplace_back(std::move(key), std::move(value));
  return *this;
}

QueryParams& QueryParams::add(std::string key, const std::optional<std::string>& value) {
  if (value) add(std::move(key), *value);
  return *this;
}

QueryParams& QueryParams::add_list(std::string_view prefix, const std::vector<std::string>& values) {
  for (std::size_t i = 0; i < values.size(); ++i) add(member(prefix, i + 1), values[i]);
  return *this;
}

QueryParams& QueryParams::add_map(std::string_view prefix, const std::map<std::string, std::string>& entries,
                                  std::string_view key_name, std::string_view value_name) {
  std::size_t i = 0;
  for (const auto& [k, v] : entries) {
    ++i;
    add(fmt::format("{}.{}", entry(prefix, i), key_name), k);
    add(fmt::format("{}.{}", entry(prefix, i), value_name), v);
  }
  return *this;
}

std::string QueryParams::member(std::string_view prefix, std::size_t index) {
  return fmt::format("{}.member.{}", prefix, index);
}

std::string QueryParams::entry(std::string_view prefix, std::size_t index) {
  return fmt::format("{}.entry.{}", prefix, index);
}

std::string percent_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '_' || c == '.' || c == '~';
    if (unreserved) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

std::string encode_query_body(std::string_view action, std::string_view version, const QueryParams& params) {
  std::string out = fmt::format("Action={}&Version={}", percent_encode(action), percent_encode(version));
  for (const auto& [k, v] : params.entries()) out += fmt::format("&{}={}", percent_encode(k), percent_encode(v));
  return out;
}

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string form_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

std::vector<QueryParams::Entry> decode_form(std::string_view body) {
  std::vector<QueryParams::Entry> out;
  while (!body.empty()) {
    auto amp = body.find('&');
    std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    if (eq == std::string_view::npos) {
      out.emplace_back(form_decode(pair), std::string{});
    } else {
      out.emplace_back(form_decode(pair.substr(0, eq)), form_decode(pair.substr(eq + 1)));
    }
  }
  return out;
}

ServiceError parse_query_error(const http::Response& response) {
  ServiceError e;
  e.http_status = response.status;
  e.request_id = request_id_from(response.headers);
  auto doc = detail::parse_xml(response.body);
  if (doc) {
    // Query services: <ErrorResponse><Error><Code/>…</Error><RequestId/></ErrorResponse>;
    // S3 (and some query services): <Error><Code/><Message/><RequestId/></Error>.
    const detail::XmlElement* err = doc->name == "Error" ? &*doc : doc->find("Error");
    if (err == nullptr && doc->name == "ErrorResponse") err = doc->find("Errors/Error");
    if (err != nullptr) {
      e.code = err->text_at("Code");
      e.message = err->text_at("Message");
      if (e.request_id.empty()) e.request_id = err->text_at("RequestId");
    }
    if (e.request_id.empty()) e.request_id = doc->text_at("RequestId");
    if (e.request_id.empty()) e.request_id = doc->text_at("RequestID");
  }
  if (e.code.empty()) e.code = code_for_status(response.status);
  return e;
}

}  // namespace hoplite::aws
