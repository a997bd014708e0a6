#include "hoplite/aws/protocol_query.hpp"

#include <charconv>

#include <fmt/format.h>

#include "aws/protocol/xml.hpp"
#include "hoplite/core/percent.hpp"

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

QueryReader::QueryReader(const QueryParams& params) {
  for (const auto& [k, v] : params.entries()) first_.emplace(k, v);  // emplace keeps the first
}

std::optional<std::string> QueryReader::string(std::string_view key) const {
  auto it = first_.find(key);
  if (it == first_.end()) return std::nullopt;
  return std::string(it->second);
}

core::Result<std::optional<long long>> QueryReader::integer(std::string_view key, std::string_view member) const {
  auto text = string(key);
  if (!text) return std::optional<long long>{};
  long long n = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
  if (text->empty() || ec != std::errc{} || end != text->data() + text->size())
    return core::fail(core::Error{"ValidationError",
                                  fmt::format("1 validation error detected: Value '{}' at '{}' failed to satisfy "
                                              "constraint: Member must be a number",
                                              text->substr(0, 64), member),
                                  400,
                                  false,
                                  {}});
  return std::optional<long long>{n};
}

core::Result<std::optional<bool>> QueryReader::boolean(std::string_view key, std::string_view member) const {
  auto text = string(key);
  if (!text) return std::optional<bool>{};
  if (*text == "true") return std::optional<bool>{true};
  if (*text == "false") return std::optional<bool>{false};
  return core::fail(core::Error{"ValidationError",
                                fmt::format("1 validation error detected: Value '{}' at '{}' failed to satisfy "
                                            "constraint: Member must be true or false",
                                            text->substr(0, 64), member),
                                400,
                                false,
                                {}});
}

std::vector<std::string> QueryReader::list(std::string_view prefix) const {
  std::vector<std::string> out;
  for (std::size_t i = 1;; ++i) {
    auto v = string(QueryParams::member(prefix, i));
    if (!v) break;
    out.push_back(std::move(*v));
  }
  return out;
}

std::vector<std::string> QueryReader::flat_list(std::string_view prefix) const {
  std::vector<std::string> out;
  for (std::size_t i = 1;; ++i) {
    auto v = string(fmt::format("{}.{}", prefix, i));
    if (!v) break;
    out.push_back(std::move(*v));
  }
  return out;
}

std::map<std::string, std::string> QueryReader::map(std::string_view prefix, std::string_view key_name,
                                                    std::string_view value_name) const {
  std::map<std::string, std::string> out;
  for (std::size_t i = 1;; ++i) {
    auto k = string(fmt::format("{}.{}", QueryParams::entry(prefix, i), key_name));
    if (!k) break;
    out.emplace(std::move(*k), string(fmt::format("{}.{}", QueryParams::entry(prefix, i), value_name)).value_or(""));
  }
  return out;
}

std::string encode_query_body(std::string_view action, std::string_view version, const QueryParams& params) {
  std::vector<core::FormField> fields{{"Action", std::string(action)}, {"Version", std::string(version)}};
  fields.insert(fields.end(), params.entries().begin(), params.entries().end());
  return core::form_encode(fields);
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
    // EC2: <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>.
    if (err == nullptr && (doc->name == "ErrorResponse" || doc->name == "Response")) err = doc->find("Errors/Error");
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
