#pragma once
// Finding intrinsic calls and what they reference, without evaluating them. Shared by the static
// template checks, the dependency graph and the active-reference check.

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hoplite/cfn/template_reader.hpp"

namespace hoplite::cfn::detail {

/// The function name when `v` is an intrinsic call: an object with exactly one member named
/// `Ref`, `Fn::...`, or (only where conditions are allowed) `Condition`.
[[nodiscard]] std::optional<std::string_view> intrinsic_name(const TemplateValue& v, bool condition_context);

/// One piece of a Fn::Sub string: literal text, or a variable name (`Name` or `Name.Attribute`).
struct SubPart {
  bool variable = false;
  std::string text;
};
/// Splits a Fn::Sub string; `${!X}` is the literal `${X}`. nullopt with AWS's message in `error`
/// for an invalid variable name.
[[nodiscard]] std::optional<std::vector<SubPart>> parse_sub(std::string_view text, std::string* error);

/// Names in order of first appearance, each once (a set keeps adding linear).
template <class T>
class OrderedSet {
 public:
  void add(T item) {
    if (seen_.insert(item).second) items_.push_back(std::move(item));
  }
  [[nodiscard]] const std::vector<T>& items() const { return items_; }
  [[nodiscard]] auto begin() const { return items_.begin(); }
  [[nodiscard]] auto end() const { return items_.end(); }
  [[nodiscard]] bool empty() const { return items_.empty(); }

 private:
  std::vector<T> items_;
  std::set<T> seen_;
};

struct References {
  OrderedSet<std::string> refs;  ///< Ref targets and Fn::Sub variables without a dot (any kind of name)
  OrderedSet<std::pair<std::string, std::string>> attributes;  ///< Fn::GetAtt, ${X.Y}
  OrderedSet<std::string> conditions;                          ///< Fn::If conditions, {"Condition": X}
  OrderedSet<std::string> functions;  ///< every intrinsic function name met (for unknown-function checks)
};

/// Which branch of a Fn::If is taken; nullopt = scan both.
using BranchChooser = std::function<std::optional<bool>(std::string_view condition)>;

/// Adds what `v` references to `out`. Fn::Sub variables that its own variable map defines are
/// not references. With `choose`, only the taken branch of each Fn::If is scanned.
void collect_references(const TemplateValue& v, References& out, bool condition_context,
                        const BranchChooser* choose = nullptr);

/// The logical IDs `resource` must be created after: DependsOn first, then Ref/GetAtt/Sub
/// targets that are resources of `doc`, each once, in order of appearance.
[[nodiscard]] std::vector<std::string> resource_dependencies(const TemplateDocument& doc,
                                                             const TemplateResource& resource,
                                                             const BranchChooser* choose = nullptr);

/// True for AWS::AccountId, AWS::Region, ... (the names Ref accepts besides parameters and resources).
[[nodiscard]] bool is_pseudo_parameter(std::string_view name);

}  // namespace hoplite::cfn::detail
