#include "hoplite/app/hooks.hpp"

#include <cxxabi.h>

#include <cstdlib>
#include <exception>
#include <memory>

#include <fmt/format.h>

#include "hoplite/app/definition_error.hpp"

namespace hoplite::app {
namespace {

core::Result<void> run_build_hooks(const std::vector<NamedHook<BuildHook>>& hooks, std::string_view kind,
                                   HookContext& ctx) {
  for (const auto& hook : hooks) {
    ctx.log().debug("running {} hook '{}'", kind, hook.name);
    if (auto r = hook.fn(ctx); !r) return r.failure(fmt::format("{} hook '{}'", kind, hook.name));
  }
  return core::ok();
}

// "ImageDigest" rather than the mangled "11ImageDigest".
std::string readable_type_name(const std::type_info& type) {
  int status = 0;
  std::unique_ptr<char, decltype(&std::free)> name(abi::__cxa_demangle(type.name(), nullptr, nullptr, &status),
                                                   &std::free);
  return status == 0 && name ? std::string(name.get()) : std::string(type.name());
}

}  // namespace

void HookContext::throw_missing(const std::type_info& type) {
  throw DefinitionError("app.hooks.301",
                        fmt::format("no hook set a value of type {} in the hook context before it was read; set it "
                                    "in an earlier hook or use find<T>() for optional values",
                                    readable_type_name(type)));
}

Hooks& Hooks::add_pre_build(std::string name, BuildHook fn) {
  pre_build_.push_back({std::move(name), std::move(fn)});
  return *this;
}
Hooks& Hooks::add_post_build(std::string name, BuildHook fn) {
  post_build_.push_back({std::move(name), std::move(fn)});
  return *this;
}
Hooks& Hooks::add_decorator(std::string name, Decorator fn) {
  decorators_.push_back({std::move(name), std::move(fn)});
  return *this;
}
Hooks& Hooks::add_validator(std::string name, Validator fn) {
  validators_.push_back({std::move(name), std::move(fn)});
  return *this;
}
Hooks& Hooks::add_rollback(std::string name, RollbackHook fn) {
  rollbacks_.push_back({std::move(name), std::move(fn)});
  return *this;
}

core::Result<void> Hooks::run_pre_build(HookContext& ctx) const {
  return run_build_hooks(pre_build_, "pre-build", ctx);
}

core::Result<void> Hooks::run_post_build(HookContext& ctx) const {
  return run_build_hooks(post_build_, "post-build", ctx);
}

void Hooks::run_decorators(cfn::Template& t, HookContext& ctx) const {
  for (const auto& hook : decorators_) {
    ctx.log().debug("running decorator '{}'", hook.name);
    hook.fn(t, ctx);
  }
}

void Hooks::run_validators(const cfn::Template& t, const HookContext& ctx) const {
  for (const auto& hook : validators_) {
    ctx.log().debug("running validator '{}'", hook.name);
    if (auto r = hook.fn(t, ctx); !r) {
      throw DefinitionError("app.hooks.201",
                            fmt::format("validator '{}' rejected the template: {}", hook.name, r.error().message));
    }
  }
}

void Hooks::run_rollbacks(HookContext& ctx) const {
  for (auto it = rollbacks_.rbegin(); it != rollbacks_.rend(); ++it) {
    ctx.log().info("running rollback hook '{}'", it->name);
    try {
      it->fn(ctx);
    } catch (const std::exception& e) {
      ctx.log().error("rollback hook '{}' failed: {}", it->name, e.what());
    }
  }
}

}  // namespace hoplite::app
