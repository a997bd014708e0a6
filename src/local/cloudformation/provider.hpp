#pragma once
/// \file What the engine asks of a resource type: create, update in place, delete, and the
/// values `Ref` and `Fn::GetAtt` return. One provider per type, one file each under providers/,
/// each calling the owning service's typed operations (never its tables or its HTTP handler), so
/// a resource a stack makes is the same thing the service's own API shows.
///
/// Whether a change replaces the resource comes from the spec's UpdateType (Immutable
/// properties) unless the provider knows better (`needs_replacement`).

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "hoplite/core/result.hpp"
#include "local/service.hpp"

namespace hoplite::local::cloudformation {

/// A resource as it exists: what `Ref` returns and the `Fn::GetAtt` attributes.
struct ProvidedResource {
  std::string physical_id;
  nlohmann::json attributes = nlohmann::json::object();  ///< attribute name -> value (string or list)
};

/// What a provider knows about the call it runs for.
struct ProviderCall {
  const CallContext& context;  ///< account, region, principal, time of the stack operation
  std::string stack_name;
  std::string stack_id;
  std::string logical_id;
  /// A name for resources whose name the template leaves out, chosen (and recorded) by the engine
  /// before the call, in the type's own format (providers may ignore it).
  std::string generated_name;
  /// True once the local cloud shuts down. A provider that waits (for a service to stabilize,
  /// for its tasks to drain) stops waiting then and returns `interrupted()`: the engine leaves
  /// the resource *_IN_PROGRESS, exactly as a crash would, and the next start settles it.
  std::function<bool()> stopping = [] { return false; };
};

/// What a provider returns when `ProviderCall::stopping` cut its wait short.
[[nodiscard]] core::Failure interrupted();
[[nodiscard]] bool is_interrupted(const core::Error& e);

/// `<stack>-<logical id>-<first 12 characters of random>` in at most `max` characters, the
/// pattern most types' generated names follow: the stack and logical id are cut and the random
/// tail is kept whole, so that a replacement never collides with the resource it replaces.
[[nodiscard]] std::string name_with_random_tail(std::string_view stack_name, std::string_view logical_id,
                                                std::string_view random, std::size_t max);

class Provider {
 public:
  virtual ~Provider() = default;
  /// The resource type, e.g. "AWS::SSM::Parameter".
  [[nodiscard]] virtual std::string_view type() const = 0;
  /// The name the engine generates for a resource that has none: AWS's pattern for the type,
  /// e.g. `CFN-<logical id>-<12 random characters>` for SSM parameters. `random` is fresh.
  [[nodiscard]] virtual std::string generated_name(std::string_view stack_name, std::string_view logical_id,
                                                   std::string_view random) const;
  /// The physical ID the resource will have, when it is known before creating it (a name taken
  /// from the properties or the generated one); "" when only the service can tell (a vpc-… id).
  /// The engine records it before `create`, so a crash mid-create cannot leak the resource.
  [[nodiscard]] virtual std::string planned_physical_id(const ProviderCall& call,
                                                        const nlohmann::json& properties) const;
  /// Creates the resource. Errors carry the service's message, which becomes the resource's
  /// CREATE_FAILED reason.
  virtual core::Result<ProvidedResource> create(const ProviderCall& call, const nlohmann::json& properties) = 0;
  /// Changes the resource in place (no replacement needed).
  virtual core::Result<ProvidedResource> update(const ProviderCall& call, const ProvidedResource& current,
                                                const nlohmann::json& before, const nlohmann::json& after) = 0;
  /// Deletes the resource; one that is already gone is not an error.
  virtual core::Result<void> remove(const ProviderCall& call, const ProvidedResource& current,
                                    const nlohmann::json& properties) = 0;
  /// True when going from `before` to `after` needs a new physical resource. Default: an
  /// Immutable property (spec UpdateType) changed.
  [[nodiscard]] virtual bool needs_replacement(const nlohmann::json& before, const nlohmann::json& after) const;
};

/// Reads an SSM parameter's value for the stack's account and region (AWS::SSM::Parameter::Value
/// parameters, `{{resolve:ssm:…}}`); an error names what is missing.
using SsmLookup = std::function<core::Result<std::string>(const CallContext&, const std::string& name)>;

/// Every provider, by type.
class ProviderRegistry {
 public:
  /// The SSM service's lookup, when there is one (else SSM references fail).
  SsmLookup ssm;

  void add(std::unique_ptr<Provider> provider);
  /// nullptr for a type without a provider.
  [[nodiscard]] Provider* find(std::string_view type) const;
  [[nodiscard]] std::vector<std::string> types() const;

 private:
  std::map<std::string, std::unique_ptr<Provider>, std::less<>> providers_;
};

/// The providers of the services in `services` (each provider finds its service there). A type
/// whose service is not in the list gets no provider: its resources fail to create with AWS's
/// kind of message.
[[nodiscard]] ProviderRegistry make_providers(const std::vector<std::unique_ptr<Service>>& services);

}  // namespace hoplite::local::cloudformation
