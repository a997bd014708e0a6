#pragma once
/// \file
/// `http::Router`: a Handler that passes each request to the first route that claims it.
/// Routes are predicates over the request, not patterns, because the local cloud routes by
/// headers (`X-Amz-Target`), by the SigV4 credential scope and by path alike.
///
/// **Example**:
/// \code
///   http::Router router;
///   router.prefix("/v2/", registry)                                  // a Handler, not owned
///         .on("GET", "/_hoplite/", [&](http::ServerRequest&) { return inspect(); })
///         .add([](const http::ServerRequest& r) { return r.headers.has("X-Amz-Target"); }, json_api)
///         .otherwise([](http::ServerRequest&) { return http::make_response(404); });
/// \endcode

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "hoplite/http/handler.hpp"

namespace hoplite::http {

/// A Handler that dispatches each request to the first route whose predicate matches (404 when none does).
class Router final : public Handler {
 public:
  /// Decides whether a route takes a request.
  using Predicate = std::function<bool(const ServerRequest&)>;
  /// A route's function, as FunctionHandler takes it.
  using Fn = FunctionHandler::Fn;

  /// Requests for which `matches` is true go to `handler`, which must outlive the router.
  Router& add(Predicate matches, Handler& handler);
  /// The same with a function.
  Router& add(Predicate matches, Fn fn);
  /// Requests with exactly this method and path (the path as sent, without the query).
  Router& on(std::string method, std::string path, Fn fn);
  /// Requests whose path (as sent) starts with `prefix`, any method.
  Router& prefix(std::string path_prefix, Handler& handler);
  /// What answers when no route matches. Default: 404 with an empty body.
  Router& otherwise(Fn fn);

  /// Tries the routes in the order they were added; the first match answers.
  Response handle(ServerRequest& request) override;

 private:
  struct Route {
    Predicate matches;
    Handler* handler = nullptr;
    std::unique_ptr<Handler> owned;  ///< set for routes made from a function
  };
  std::vector<Route> routes_;
  Fn otherwise_;
};

}  // namespace hoplite::http
