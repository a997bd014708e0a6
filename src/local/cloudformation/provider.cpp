#include "local/cloudformation/provider.hpp"

#include "hoplite/cfn/spec_validation.hpp"

namespace hoplite::local::cloudformation {

std::string name_with_random_tail(std::string_view stack_name, std::string_view logical_id, std::string_view random,
                                  std::size_t max) {
  std::string tail = "-" + std::string(random.substr(0, 12));
  std::string head = std::string(stack_name) + "-" + std::string(logical_id);
  return head.substr(0, max > tail.size() ? max - tail.size() : 0) + tail;
}

core::Failure interrupted() { return core::fail("local.interrupted", "the local cloud is shutting down"); }

bool is_interrupted(const core::Error& e) { return e.code == "local.interrupted"; }

std::string Provider::generated_name(std::string_view stack_name, std::string_view logical_id,
                                     std::string_view random) const {
  // AWS's most common pattern: <stack>-<logical id>-<random>, at most 255 characters.
  std::string out = std::string(stack_name) + "-" + std::string(logical_id) + "-" + std::string(random);
  return out.substr(0, 255);
}

std::string Provider::planned_physical_id(const ProviderCall&, const nlohmann::json&) const { return ""; }

bool Provider::needs_replacement(const nlohmann::json& before, const nlohmann::json& after) const {
  auto value = [](const nlohmann::json& props, const std::string& key) {
    auto it = props.find(key);
    return it == props.end() ? nlohmann::json() : *it;
  };
  std::vector<std::string> keys;
  for (const auto& [k, v] : before.items()) keys.push_back(k);
  for (const auto& [k, v] : after.items()) keys.push_back(k);
  for (const auto& k : keys) {
    if (value(before, k) == value(after, k)) continue;
    if (cfn::property_update_type(type(), k) == "Immutable") return true;
  }
  return false;
}

void ProviderRegistry::add(std::unique_ptr<Provider> provider) {
  std::string type(provider->type());
  providers_[type] = std::move(provider);
}

Provider* ProviderRegistry::find(std::string_view type) const {
  auto it = providers_.find(type);
  return it == providers_.end() ? nullptr : it->second.get();
}

std::vector<std::string> ProviderRegistry::types() const {
  std::vector<std::string> out;
  for (const auto& [t, p] : providers_) out.push_back(t);
  return out;
}

}  // namespace hoplite::local::cloudformation
