#include "hoplite/http/router.hpp"

#include <utility>

namespace hoplite::http {

Router& Router::add(Predicate matches, Handler& handler) {
  routes_.push_back(Route{std::move(matches), &handler, nullptr});
  return *this;
}

Router& Router::add(Predicate matches, Fn fn) {
  auto owned = std::make_unique<FunctionHandler>(std::move(fn));
  Handler* raw = owned.get();
  routes_.push_back(Route{std::move(matches), raw, std::move(owned)});
  return *this;
}

Router& Router::on(std::string method, std::string path, Fn fn) {
  return add([method = std::move(method),
              path = std::move(path)](const ServerRequest& r) { return r.method == method && r.path() == path; },
             std::move(fn));
}

Router& Router::prefix(std::string path_prefix, Handler& handler) {
  return add([p = std::move(path_prefix)](const ServerRequest& r) { return r.path().starts_with(p); }, handler);
}

Router& Router::otherwise(Fn fn) {
  otherwise_ = std::move(fn);
  return *this;
}

Response Router::handle(ServerRequest& request) {
  for (const auto& route : routes_)
    if (route.matches(request)) return route.handler->handle(request);
  if (otherwise_) return otherwise_(request);
  return make_response(404);
}

}  // namespace hoplite::http
