#pragma once
/// \file
/// cfn::Json — a JSON tree whose leaves may be CloudFormation intrinsics.
///
/// Used for spec properties of PrimitiveType `Json` (an IAM PolicyDocument, a state machine
/// Definition), for Metadata and Mappings, and by other modules that embed JSON holding references
/// (`{"Resource": cfn::get_att(role, "Arn")}`). Objects keep insertion order so rendering is
/// deterministic. Intrinsic leaves remember which logical IDs they reference, so validation and
/// dependency ordering see references buried anywhere in the tree.
///
/// **Example**:
///
///     cfn::Json policy = cfn::Json::object({
///         {"Version", "2012-10-17"},
///         {"Statement", cfn::Json::array({cfn::Json::object({
///             {"Effect", "Allow"}, {"Action", "sns:Publish"}, {"Resource", cfn::ref(topic)}})})}});
///
/// The conversion to and from nlohmann::ordered_json lives in <hoplite/cfn/render.hpp>, so this
/// header stays light.

#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace hoplite::cfn {

namespace detail {
struct IntrinsicNode;
}

/// What an intrinsic leaf refers to; collected by Json::references() for validation.
struct Reference {
  /// How the intrinsic refers to `id`.
  enum class Kind {
    ref,        ///< {"Ref": id} or ${id} in Fn::Sub: a resource, a parameter or a pseudo parameter
    attribute,  ///< {"Fn::GetAtt": [id, attribute]} or ${id.attribute} in Fn::Sub
    condition,  ///< a condition name (Fn::If, {"Condition": name})
    mapping,    ///< a mapping name (Fn::FindInMap with a literal map name)
  };
  Kind kind = Kind::ref;                              ///< default: a Ref
  std::string id;                                     ///< logical ID, condition name or mapping name
  std::string attribute;                              ///< for Kind::attribute only
  bool operator==(const Reference&) const = default;  ///< member-wise
};

/// A JSON tree for templates whose leaves may be CloudFormation intrinsics (Ref, Fn::GetAtt, …),
/// so references can be collected and validated before anything renders. Objects keep insertion order.
class Json {
 public:
  using Array = std::vector<Json>;  ///< array items, in order
  /// Members in insertion order (CloudFormation does not care; humans diffing templates do).
  using Object = std::vector<std::pair<std::string, Json>>;
  /// What a Json holds; `number` is a double, `intrinsic` an intrinsic function leaf.
  enum class Kind { null, boolean, integer, number, string, array, object, intrinsic };

  Json() = default;  ///< null; as a property or an optional field it means "not set"
  ///@{
  /// A scalar: null, a boolean, an integer (stored as 64 bits), a double or a string.
  Json(std::nullptr_t) {}
  Json(bool b) : v_(b) {}
  template <std::integral I>
  requires(!std::same_as<I, bool>) Json(I i) : v_(static_cast<std::int64_t>(i)) {}
  Json(double d) : v_(d) {}
  Json(const char* s) : v_(std::string(s)) {}
  Json(std::string s) : v_(std::move(s)) {}
  Json(std::string_view s) : v_(std::string(s)) {}
  ///@}

  /// `Json::array({1, "two", cfn::ref(x)})`.
  static Json array(Array items = {});
  /// `Json::object({{"Key", "value"}, {"Other", 2}})`; later duplicates replace earlier keys.
  static Json object(Object members = {});
  /// An intrinsic function leaf, e.g. make_intrinsic("Fn::Base64", "text"). Prefer the typed
  /// helpers in <hoplite/cfn/intrinsics.hpp>; this is for functions they do not cover.
  static Json make_intrinsic(std::string function, Json args, std::vector<Reference> references = {});
  /// Parses JSON text; `{"Ref": "X"}` and `{"Fn::GetAtt": [...]}` objects become intrinsic leaves
  /// (so references in hand-written JSON are validated too). Throws std::invalid_argument.
  static Json parse(std::string_view text);

  ///@{
  /// What the value holds (kind() or one is_… test).
  [[nodiscard]] Kind kind() const { return static_cast<Kind>(v_.index()); }
  [[nodiscard]] bool is_null() const { return kind() == Kind::null; }
  [[nodiscard]] bool is_object() const { return kind() == Kind::object; }
  [[nodiscard]] bool is_array() const { return kind() == Kind::array; }
  [[nodiscard]] bool is_string() const { return kind() == Kind::string; }
  [[nodiscard]] bool is_intrinsic() const { return kind() == Kind::intrinsic; }
  ///@}

  ///@{
  /// Typed access; each throws std::logic_error when the kind differs.
  [[nodiscard]] bool as_bool() const;
  [[nodiscard]] std::int64_t as_int() const;
  [[nodiscard]] double as_double() const;  ///< also accepts an integer
  [[nodiscard]] const std::string& as_string() const;
  [[nodiscard]] const Array& as_array() const;
  [[nodiscard]] Array& as_array();
  [[nodiscard]] const Object& as_object() const;
  [[nodiscard]] Object& as_object();
  [[nodiscard]] const detail::IntrinsicNode& as_intrinsic() const;
  ///@}

  ///@{
  /// Object member lookup; nullptr when absent or when this is not an object.
  [[nodiscard]] const Json* find(std::string_view key) const;
  [[nodiscard]] Json* find(std::string_view key);
  ///@}
  /// Object member, inserted as null when missing; a null Json becomes an object first.
  Json& operator[](std::string_view key);
  /// Sets (replacing in place, or appending) an object member.
  Json& set(std::string_view key, Json value);
  /// Removes an object member; false when it was not there.
  bool erase(std::string_view key);
  /// Appends to an array; a null Json becomes an array first.
  void push_back(Json value);
  [[nodiscard]] std::size_t size() const;  ///< array/object members, else 0

  /// Every reference made by intrinsic leaves anywhere in the tree, in tree order.
  [[nodiscard]] std::vector<Reference> references() const;
  /// Compact text (for messages and tests; templates render through render.hpp).
  [[nodiscard]] std::string dump() const;

  /// Deep equality (object members compared in order; intrinsics by function and arguments).
  bool operator==(const Json& other) const;

 private:
  std::variant<std::nullptr_t, bool, std::int64_t, double, std::string, Array, Object,
               std::shared_ptr<const detail::IntrinsicNode>>
      v_;
};

namespace detail {
/// An intrinsic function call: renders as {function: args}. Immutable and shared.
struct IntrinsicNode {
  std::string function;               ///< "Ref", "Fn::GetAtt", "Fn::Join", "Condition", ...
  Json args;                          ///< the function's argument, rendered as is
  std::vector<Reference> references;  ///< what this node itself refers to (not its arguments)
};
}  // namespace detail

}  // namespace hoplite::cfn
