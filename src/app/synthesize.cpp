#include "hoplite/app/synthesize.hpp"

namespace hoplite::app {

cfn::Template synthesize(const Service& service, HookContext& ctx) {
  cfn::Template t = service.cfn_template();
  service.hooks().run_decorators(t, ctx);
  t.validate();  // validators may rely on a well-formed template
  service.hooks().run_validators(t, ctx);
  return t;
}

std::string synthesize_text(const Service& service, HookContext& ctx) { return synthesize(service, ctx).render(); }

}  // namespace hoplite::app
