#pragma once
/// \file Typed property values: each holds nothing (not set), a literal, or an intrinsic.
///
/// Generated resource classes use `Value<std::string>`, `Value<int>`, `Value<std::int64_t>`,
/// `Value<double>`, `Value<bool>` for primitive properties, `List<T>` for lists of primitives and
/// `cfn::Json` for PrimitiveType Json. A default-constructed value is "not set" and is left out of
/// the template (a required property left unset fails validation at synthesis).
///
///     cfn::Value<std::string> name = "orders";          // literal
///     cfn::Value<std::string> arn = cfn::get_att(q, "Arn");  // intrinsic
///     cfn::List<std::string> subnets = {cfn::ref(a), cfn::ref(b)};

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "hoplite/cfn/json.hpp"

namespace hoplite::cfn {

/// An intrinsic function call (Ref, Fn::GetAtt, Fn::If, ...) whose result type CloudFormation
/// decides at deploy time; converts to any Value<T>, List<T> or Json. See intrinsics.hpp.
class Intrinsic {
 public:
  /// `json` must be an intrinsic leaf (Json::make_intrinsic); throws std::invalid_argument if not.
  explicit Intrinsic(Json json);
  [[nodiscard]] const Json& json() const { return json_; }
  operator Json() const { return json_; }  // NOLINT(google-explicit-constructor): intrinsics are values

 private:
  Json json_;
};

template <class T>
class Value {
 public:
  using value_type = T;

  Value() = default;  ///< not set
  Value(T literal) : v_(std::move(literal)) {}
  /// String values also accept C strings and string views.
  template <class S>
  requires(std::is_same_v<T, std::string>&& std::is_convertible_v<S, std::string_view> &&
           !std::is_same_v<std::decay_t<S>, std::string>) Value(const S& s)
      : v_(std::string(std::string_view(s))) {}
  /// Integer and double values accept any arithmetic literal of their own kind.
  template <class N>
  requires(std::is_arithmetic_v<T> && !std::is_same_v<T, bool> && std::is_arithmetic_v<N> && !std::is_same_v<N, bool> &&
           !std::is_same_v<N, T>) Value(N n)
      : v_(static_cast<T>(n)) {}
  /// `Value<bool> b = "true"` would silently become true through pointer conversion; forbid it.
  Value(const char*) requires std::is_same_v<T, bool>
  = delete;
  Value(Intrinsic i) : v_(i.json()) {}

  /// Escape hatch: any JSON (even a literal of the wrong type, which validation then reports).
  static Value from_json(Json j) {
    Value v;
    if (!j.is_null()) v.v_ = std::move(j);
    return v;
  }

  [[nodiscard]] bool is_set() const { return v_.index() != 0; }
  [[nodiscard]] bool is_literal() const { return v_.index() == 1; }
  /// The literal, or nullptr when unset or an intrinsic.
  [[nodiscard]] const T* literal() const { return std::get_if<1>(&v_); }
  /// The literal, or `fallback` when unset or an intrinsic.
  [[nodiscard]] T literal_or(T fallback) const {
    if (const T* t = std::get_if<1>(&v_)) return *t;
    return fallback;
  }
  /// As JSON (null when unset).
  [[nodiscard]] Json to_json() const {
    if (const T* t = std::get_if<1>(&v_)) return Json(*t);
    if (const Json* j = std::get_if<2>(&v_)) return *j;
    return Json();
  }
  operator Json() const { return to_json(); }  // NOLINT(google-explicit-constructor)
  bool operator==(const Value& other) const { return to_json() == other.to_json(); }

 private:
  std::variant<std::monostate, T, Json> v_;
};

/// A list property: unset, a list of typed values, or one intrinsic that yields a list
/// (Fn::GetAZs, Fn::Split, a GetAtt of a list attribute, a Ref to a List<> parameter).
template <class T>
class List {
 public:
  using value_type = T;

  List() = default;  ///< not set
  List(std::initializer_list<Value<T>> items) : v_(std::vector<Value<T>>(items)) {}
  List(std::vector<Value<T>> items) : v_(std::move(items)) {}
  List(const std::vector<T>& items) : v_(std::vector<Value<T>>(items.begin(), items.end())) {}
  List(Intrinsic i) : v_(i.json()) {}

  static List from_json(Json j) {
    List l;
    if (!j.is_null()) l.v_ = std::move(j);
    return l;
  }

  [[nodiscard]] bool is_set() const { return v_.index() != 0; }
  /// The items, or nullptr when unset or an intrinsic.
  [[nodiscard]] const std::vector<Value<T>>* items() const { return std::get_if<1>(&v_); }
  [[nodiscard]] std::vector<Value<T>>* items() { return std::get_if<1>(&v_); }
  /// Appends an item (an unset or intrinsic list becomes a literal list first).
  void push_back(Value<T> item) {
    if (v_.index() != 1) v_ = std::vector<Value<T>>{};
    std::get<1>(v_).push_back(std::move(item));
  }
  [[nodiscard]] Json to_json() const {
    if (const auto* items = std::get_if<1>(&v_)) {
      Json::Array out;
      out.reserve(items->size());
      for (const auto& item : *items) out.push_back(item.to_json());
      return Json::array(std::move(out));
    }
    if (const Json* j = std::get_if<2>(&v_)) return *j;
    return Json();
  }
  operator Json() const { return to_json(); }  // NOLINT(google-explicit-constructor)

 private:
  std::variant<std::monostate, std::vector<Value<T>>, Json> v_;
};

// NOLINTBEGIN(readability-identifier-naming): AWS's property names, as in the generated resources.
/// A resource tag (the spec's global property type `Tag`). Both fields are required.
struct Tag {
  ::hoplite::cfn::Value<std::string> Key;    ///< Required: yes
  ::hoplite::cfn::Value<std::string> Value;  ///< Required: yes
};
// NOLINTEND(readability-identifier-naming)

}  // namespace hoplite::cfn
