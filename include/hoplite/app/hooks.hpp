#pragma once
/// \file
/// Workflow hooks (Sparta's `WorkflowHooks`), typed. A service registers them once; the
/// deploy commands call them at fixed points:
///
/// | kind        | signature                                            | called by                    |
/// |-------------|------------------------------------------------------|------------------------------|
/// | pre-build   | `Result<void>(HookContext&)`                         | `build`/`provision`, before the image is
/// built | | post-build  | `Result<void>(HookContext&)`                         | `build`/`provision`, after it is
/// built | | decorator   | `void(cfn::Template&, HookContext&)`                 | `synth`/`provision`: may add, change
/// or remove anything in the template | | validator   | `Result<void>(const cfn::Template&, const HookContext&)` |
/// after the decorators: read-only; a failure stops synthesis | | rollback    | `void(HookContext&)` | `provision`,
/// when it fails (newest first) |
///
/// Each kind runs in registration order. Unlike Sparta, a decorator gets the whole template built
/// so far (the service's resources plus earlier decorators' changes), not an empty one.
/// Hooks share values through the HookContext's typed slots instead of an untyped map:
///
/// \code
///   struct ImageDigest { std::string value; };
///   svc.hooks().add_post_build("remember digest", [](hoplite::app::HookContext& ctx) {
///     ctx.set(ImageDigest{"sha256:…"});
///     return hoplite::core::ok();
///   });
///   svc.hooks().add_decorator("tag image", [](hoplite::cfn::Template& t, hoplite::app::HookContext& ctx) {
///     if (const auto* d = ctx.find<ImageDigest>()) { /* use d->value */ }
///   });
/// \endcode

#include <functional>
#include <memory>
#include <string>
#include <typeindex>
#include <typeinfo>
#include <unordered_map>
#include <utility>
#include <vector>

#include "hoplite/core/log.hpp"
#include "hoplite/core/result.hpp"

namespace hoplite::cfn {
class Template;
}

namespace hoplite::app {

/// What every hook sees: facts about the run, and typed slots for values hooks hand each other.
class HookContext {
 public:
  /// The facts a HookContext is made from.
  struct Info {
    std::string service_name;  ///< the service's name (its stack name)
    std::string build_id;      ///< the build id; when empty, `build_id_source` gives it on first use
    bool noop = false;         ///< `--noop`: hooks must not change the cloud
    core::Logger log;          ///< the logger hooks write to
    /// Resolves the build id the first time a hook asks (a command pays for git or hashing the
    /// binary only when something uses the id: `synth` itself never does). Default: none.
    std::function<std::string()> build_id_source;
  };
  /// A context with these facts and empty slots.
  explicit HookContext(Info info) : info_(std::move(info)) {}

  /// The service's name.
  [[nodiscard]] const std::string& service_name() const { return info_.service_name; }
  /// The build id (resolved on first call when the context was made with a source).
  [[nodiscard]] const std::string& build_id() const {
    if (info_.build_id.empty() && info_.build_id_source) info_.build_id = info_.build_id_source();
    return info_.build_id;
  }
  /// True under `--noop`: a hook must not change the cloud.
  [[nodiscard]] bool noop() const { return info_.noop; }
  /// The logger hooks write to.
  [[nodiscard]] const core::Logger& log() const { return info_.log; }

  /// Stores `value` in the slot for its type (replacing an earlier one) and returns the stored value.
  template <typename T>
  std::decay_t<T>& set(T&& value) {
    using V = std::decay_t<T>;
    auto stored = std::make_shared<V>(std::forward<T>(value));
    V& ref = *stored;
    slots_[std::type_index(typeid(V))] = std::move(stored);
    return ref;
  }
  /// The value in T's slot, or nullptr when no hook set one.
  template <typename T>
  [[nodiscard]] T* find() {
    auto it = slots_.find(std::type_index(typeid(T)));
    return it == slots_.end() ? nullptr : static_cast<T*>(it->second.get());
  }
  /// The value in T's slot, or nullptr when no hook set one.
  template <typename T>
  [[nodiscard]] const T* find() const {
    auto it = slots_.find(std::type_index(typeid(T)));
    return it == slots_.end() ? nullptr : static_cast<const T*>(it->second.get());
  }
  /// The value in T's slot; throws DefinitionError (app.hooks.301) naming the type when empty,
  /// because a hook that needs a value another hook did not set is a definition mistake.
  template <typename T>
  [[nodiscard]] T& get() {
    if (T* v = find<T>()) return *v;
    throw_missing(typeid(T));
  }
  /// The value in T's slot; throws DefinitionError (app.hooks.301) when empty.
  template <typename T>
  [[nodiscard]] const T& get() const {
    if (const T* v = find<T>()) return *v;
    throw_missing(typeid(T));
  }
  template <typename T>
  /// True when a hook set T's slot.
  [[nodiscard]] bool has() const {
    return find<T>() != nullptr;
  }

 private:
  [[noreturn]] static void throw_missing(const std::type_info& type);

  mutable Info info_;  // mutable: the build id is resolved lazily
  std::unordered_map<std::type_index, std::shared_ptr<void>> slots_;
};

/// A pre- or post-build hook; a failure stops the command.
using BuildHook = std::function<core::Result<void>(HookContext&)>;
/// A decorator: may add, change or remove anything in the template.
using Decorator = std::function<void(cfn::Template&, HookContext&)>;
/// A validator: reads the decorated template; a failure stops synthesis.
using Validator = std::function<core::Result<void>(const cfn::Template&, const HookContext&)>;
/// A rollback hook: undoes what a hook did when `provision` fails.
using RollbackHook = std::function<void(HookContext&)>;

/// A hook and the name it is reported under in logs and errors.
template <typename Fn>
struct NamedHook {
  std::string name;  ///< shown in logs and errors
  Fn fn;             ///< the hook itself
};

/// The hooks of one service. Registration returns *this so calls chain.
class Hooks {
 public:
  /// Registers a hook run before the image is built (`build`, `provision`).
  Hooks& add_pre_build(std::string name, BuildHook fn);
  /// Registers a hook run after the image is built (`build`, `provision`).
  Hooks& add_post_build(std::string name, BuildHook fn);
  /// Registers a decorator, run on the template by `synth` and `provision`.
  Hooks& add_decorator(std::string name, Decorator fn);
  /// Registers a validator, run on the template after the decorators.
  Hooks& add_validator(std::string name, Validator fn);
  /// Registers a rollback hook, run when `provision` fails.
  Hooks& add_rollback(std::string name, RollbackHook fn);

  /// The registered pre-build hooks, in order.
  [[nodiscard]] const std::vector<NamedHook<BuildHook>>& pre_build() const { return pre_build_; }
  /// The registered post-build hooks, in order.
  [[nodiscard]] const std::vector<NamedHook<BuildHook>>& post_build() const { return post_build_; }
  /// The registered decorators, in order.
  [[nodiscard]] const std::vector<NamedHook<Decorator>>& decorators() const { return decorators_; }
  /// The registered validators, in order.
  [[nodiscard]] const std::vector<NamedHook<Validator>>& validators() const { return validators_; }
  /// The registered rollback hooks, in registration order (they run newest first).
  [[nodiscard]] const std::vector<NamedHook<RollbackHook>>& rollbacks() const { return rollbacks_; }

  /// Runs the pre-build hooks in order. It stops at the first failure, whose message then starts
  /// with ``pre-build hook '<name>': ``.
  [[nodiscard]] core::Result<void> run_pre_build(HookContext& ctx) const;
  /// Same for post-build hooks.
  [[nodiscard]] core::Result<void> run_post_build(HookContext& ctx) const;
  /// Runs every decorator in order on `t`. Exceptions (e.g. cfn::ValidationError) propagate.
  void run_decorators(cfn::Template& t, HookContext& ctx) const;
  /// Runs the validators in order. The first failure throws DefinitionError app.hooks.201
  /// ``validator '<name>' rejected the template: <message>``.
  void run_validators(const cfn::Template& t, const HookContext& ctx) const;
  /// Runs every rollback hook, newest first (undo in reverse); a hook that throws is logged and
  /// the others still run.
  void run_rollbacks(HookContext& ctx) const;

 private:
  std::vector<NamedHook<BuildHook>> pre_build_;
  std::vector<NamedHook<BuildHook>> post_build_;
  std::vector<NamedHook<Decorator>> decorators_;
  std::vector<NamedHook<Validator>> validators_;
  std::vector<NamedHook<RollbackHook>> rollbacks_;
};

}  // namespace hoplite::app
