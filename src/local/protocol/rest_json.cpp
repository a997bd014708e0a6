#include "local/protocol/rest_json.hpp"

#include "local/protocol/json.hpp"

namespace hoplite::local {
namespace {

/// Most segments a request path may have before it is refused: the templates have a handful.
constexpr std::size_t kMaxRestJsonSegments = 16;

/// The path split at `/` (a leading `/` gives no empty first segment; a trailing one gives an empty
/// last segment). nullopt for more than kMaxRestJsonSegments.
std::optional<std::vector<std::string_view>> rest_json_segments(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.starts_with('/')) path.remove_prefix(1);
  while (true) {
    if (out.size() >= kMaxRestJsonSegments) return std::nullopt;
    auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

bool is_rest_json_parameter(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

std::optional<std::string> RestJsonRequest::query_value(std::string_view name) const {
  for (const auto& [k, v] : query)
    if (k == name) return v;
  return std::nullopt;
}

std::vector<std::string> RestJsonRequest::query_values(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : query)
    if (k == name) out.push_back(v);
  return out;
}

const std::string& RestJsonRequest::path_value(std::string_view name) const {
  static const std::string kNone;
  auto it = path.find(name);
  return it == path.end() ? kNone : it->second;
}

RestJsonApi& RestJsonApi::add(std::string method, std::string_view path, std::string operation, Operation op) {
  Route r{std::move(method), {}, std::move(operation), std::move(op)};
  for (auto s : rest_json_segments(path).value_or(std::vector<std::string_view>{})) r.segments.emplace_back(s);
  routes_.push_back(std::move(r));
  return *this;
}

http::Response RestJsonApi::handle(Call& call) const {
  const std::string& id = call.context.request_id;
  auto respond_error = [&](const core::Error& e) {
    http::Response r = render_error(spec_, e, id);
    if (call.request.method == "HEAD") r.body.clear();
    return r;
  };
  auto segments = rest_json_segments(call.request.path());
  const Route* found = nullptr;
  RestJsonRequest in;
  if (segments) {
    for (const auto& route : routes_) {
      if (route.method != call.request.method || route.segments.size() != segments->size()) continue;
      std::map<std::string, std::string, std::less<>> params;
      bool match = true;
      for (std::size_t i = 0; match && i < segments->size(); ++i) {
        const std::string& want = route.segments[i];
        std::string_view got = (*segments)[i];
        if (is_rest_json_parameter(want)) {
          // A parameter is percent-decoded once, strictly; an empty one matches nothing (AWS's
          // templates never take an empty label).
          auto decoded = core::percent_decode_strict(got);
          if (!decoded || decoded->empty()) {
            match = false;
          } else {
            params[want.substr(1, want.size() - 2)] = std::move(*decoded);
          }
        } else {
          match = want == got;
        }
      }
      if (match) {
        found = &route;
        in.path = std::move(params);
        break;
      }
    }
  }
  if (found == nullptr)
    return respond_error(core::Error{"UnknownOperationException", "Unknown operation", 404, false, {}});
  call.operation = found->operation;
  in.query = core::form_decode(call.request.query());
  auto body = parse_json_body(call.body);
  if (!body) return respond_error(core::Error{bad_body_code_, body.error().message, 400, false, {}});
  in.body = std::move(*body);
  auto out = found->op(in, call.context);
  if (!out) return respond_error(out.error());
  http::Response r{out->status, {}, {}};
  if (!out->body.is_null()) {
    r.body = out->body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    r.headers.set("Content-Type", "application/json");
  }
  r.headers.set("x-amzn-RequestId", id);
  return r;
}

}  // namespace hoplite::local
