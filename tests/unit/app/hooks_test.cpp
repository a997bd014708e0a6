#include "hoplite/app/hooks.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "hoplite/app/definition_error.hpp"
#include "hoplite/app/service.hpp"
#include "hoplite/app/synthesize.hpp"
#include "hoplite/cfn/resource.hpp"
#include "hoplite/cfn/template.hpp"
#include "hoplite/cfn/validation_error.hpp"
#include "support/golden.hpp"

namespace hoplite::app {
namespace {

HookContext make_context() { return HookContext({.service_name = "Svc", .build_id = "abc123", .noop = true}); }

struct ImageDigest {
  std::string value;
};
struct MoveOnly {
  std::unique_ptr<int> p;
};

TEST(HookContext, TypedSlotsHoldOneValuePerType) {
  HookContext ctx = make_context();
  EXPECT_EQ(ctx.find<ImageDigest>(), nullptr);
  EXPECT_FALSE(ctx.has<ImageDigest>());
  ctx.set(ImageDigest{"sha256:1"});
  ctx.set(std::string("a string is its own slot"));
  EXPECT_EQ(ctx.get<ImageDigest>().value, "sha256:1");
  ctx.set(ImageDigest{"sha256:2"});  // replaces
  EXPECT_EQ(ctx.get<ImageDigest>().value, "sha256:2");
  EXPECT_EQ(ctx.get<std::string>(), "a string is its own slot");
  ctx.get<ImageDigest>().value = "changed in place";
  EXPECT_EQ(std::as_const(ctx).get<ImageDigest>().value, "changed in place");
  ctx.set(MoveOnly{std::make_unique<int>(7)});
  EXPECT_EQ(*ctx.get<MoveOnly>().p, 7);
}

TEST(HookContext, ReadingAnEmptySlotNamesTheType) {
  HookContext ctx = make_context();
  EXPECT_THROW_WITH((void)ctx.get<ImageDigest>(), DefinitionError,
                    "[app.hooks.301] no hook set a value of type hoplite::app::(anonymous namespace)::ImageDigest");
}

TEST(HookContext, CarriesRunFacts) {
  const HookContext ctx = make_context();
  EXPECT_EQ(ctx.service_name(), "Svc");
  EXPECT_EQ(ctx.build_id(), "abc123");
  EXPECT_TRUE(ctx.noop());
}

TEST(Hooks, EachKindRunsInRegistrationOrderSharingTheContext) {
  std::vector<std::string> calls;
  Hooks hooks;
  hooks.add_pre_build("pre1", [&](HookContext& ctx) {
    calls.push_back("pre1");
    ctx.set(ImageDigest{"from pre1"});
    return core::ok();
  });
  hooks.add_pre_build("pre2", [&](HookContext& ctx) {
    calls.push_back("pre2 saw " + ctx.get<ImageDigest>().value);
    return core::ok();
  });
  hooks.add_post_build("post1", [&](HookContext&) {
    calls.push_back("post1");
    return core::ok();
  });
  hooks.add_post_build("post2", [&](HookContext&) {
    calls.push_back("post2");
    return core::ok();
  });
  HookContext ctx = make_context();
  ASSERT_TRUE(hooks.run_pre_build(ctx));
  ASSERT_TRUE(hooks.run_post_build(ctx));
  EXPECT_EQ(calls, (std::vector<std::string>{"pre1", "pre2 saw from pre1", "post1", "post2"}));
}

TEST(Hooks, AFailingBuildHookStopsTheRestAndIsNamed) {
  std::vector<std::string> calls;
  Hooks hooks;
  hooks.add_pre_build("fetch secrets", [&](HookContext&) -> core::Result<void> {
    calls.push_back("fetch");
    return core::fail("hook.failed", "vault unreachable");
  });
  hooks.add_pre_build("never", [&](HookContext&) {
    calls.push_back("never");
    return core::ok();
  });
  HookContext ctx = make_context();
  auto r = hooks.run_pre_build(ctx);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "pre-build hook 'fetch secrets': vault unreachable");
  EXPECT_EQ(calls, std::vector<std::string>{"fetch"});
}

TEST(Hooks, RollbacksRunNewestFirstAndAllRunEvenWhenOneThrows) {
  std::vector<std::string> calls;
  Hooks hooks;
  hooks.add_rollback("first", [&](HookContext&) { calls.push_back("first"); });
  hooks.add_rollback("second", [&](HookContext&) {
    calls.push_back("second");
    throw std::runtime_error("cleanup failed");
  });
  hooks.add_rollback("third", [&](HookContext&) { calls.push_back("third"); });
  HookContext ctx = make_context();
  hooks.run_rollbacks(ctx);
  EXPECT_EQ(calls, (std::vector<std::string>{"third", "second", "first"}));
}

cfn::RawResource topic(std::string id) { return cfn::RawResource{std::move(id), "AWS::SNS::Topic"}; }

std::vector<std::string> ids(const cfn::Template& t) {
  std::vector<std::string> out;
  for (const cfn::Resource& r : t.resources()) out.push_back(r.logical_id());
  return out;
}

TEST(Synthesize, DecoratorsRunInOrderEachSeeingTheWholeTemplateThenValidators) {
  Service svc("Svc", "d");
  svc.add(topic("Defined"));
  std::vector<std::string> calls;
  svc.hooks().add_decorator("first", [&](cfn::Template& t, HookContext&) {
    calls.push_back("first saw " + std::to_string(t.resources().size()));
    t.add(topic("FromFirst"));
  });
  svc.hooks().add_validator("check", [&](const cfn::Template& t, const HookContext&) -> core::Result<void> {
    calls.push_back("validator saw " + std::to_string(t.resources().size()));
    return core::ok();
  });
  svc.hooks().add_decorator("second", [&](cfn::Template& t, HookContext&) {
    calls.push_back("second saw " + std::to_string(t.resources().size()));
    ASSERT_NE(t.find("FromFirst"), nullptr);
    t.remove("Defined");  // decorators may change anything
    t.add(topic("FromSecond"));
  });
  HookContext ctx = make_context();
  const cfn::Template out = synthesize(svc, ctx);
  EXPECT_EQ(calls, (std::vector<std::string>{"first saw 1", "second saw 2", "validator saw 2"}));
  EXPECT_EQ(ids(out), (std::vector<std::string>{"FromFirst", "FromSecond"}));
  // The service's own template is untouched, so synthesizing again gives the same result.
  EXPECT_EQ(ids(svc.cfn_template()), std::vector<std::string>{"Defined"});
  calls.clear();
  HookContext again = make_context();
  EXPECT_EQ(synthesize_text(svc, again), out.render());
}

TEST(Synthesize, AFailingValidatorFailsSynthesisWithItsMessage) {
  Service svc("Svc", "d");
  svc.add(topic("Public"));
  bool later_validator_ran = false;
  svc.hooks().add_validator("no public topics", [](const cfn::Template& t, const HookContext&) -> core::Result<void> {
    if (t.find("Public") != nullptr) return core::fail("policy", "resource 'Public' must not be public; rename it");
    return core::ok();
  });
  svc.hooks().add_validator("later", [&](const cfn::Template&, const HookContext&) -> core::Result<void> {
    later_validator_ran = true;
    return core::ok();
  });
  HookContext ctx = make_context();
  EXPECT_THROW_WITH((void)synthesize_text(svc, ctx), DefinitionError,
                    "[app.hooks.201] validator 'no public topics' rejected the template: resource 'Public' must not be "
                    "public; rename it");
  EXPECT_FALSE(later_validator_ran);
}

TEST(Synthesize, ValidatorsSeeTheDecoratedTemplate) {
  Service svc("Svc", "d");
  svc.hooks().add_decorator("adds", [](cfn::Template& t, HookContext&) { t.add(topic("Added")); });
  svc.hooks().add_validator("needs it", [](const cfn::Template& t, const HookContext&) -> core::Result<void> {
    if (t.find("Added") == nullptr) return core::fail("policy", "missing");
    return core::ok();
  });
  HookContext ctx = make_context();
  EXPECT_NO_THROW((void)synthesize(svc, ctx));
}

TEST(Synthesize, TemplateErrorsFromDecoratorsPropagate) {
  Service svc("Svc", "d");
  svc.add(topic("Same"));
  svc.hooks().add_decorator("dup", [](cfn::Template& t, HookContext&) { t.add(topic("Same")); });
  HookContext ctx = make_context();
  EXPECT_THROW_WITH((void)synthesize(svc, ctx), cfn::ValidationError, "Same");
}

}  // namespace
}  // namespace hoplite::app
