#pragma once
// Renders generated property structs into cfn::Json. Generated code (src/cfn/resources/) calls
// `w.field("Name", Name)` for every member in spec order; unset members are left out.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "hoplite/cfn/json.hpp"
#include "hoplite/cfn/value.hpp"

namespace hoplite::cfn::detail {

class ObjectWriter {
 public:
  template <class T>
  void field(std::string_view name, const Value<T>& v) {
    if (v.is_set()) add(name, v.to_json());
  }
  template <class T>
  void field(std::string_view name, const List<T>& v) {
    if (v.is_set()) add(name, v.to_json());
  }
  void field(std::string_view name, const Json& v) {
    if (!v.is_null()) add(name, v);
  }
  template <class S>
  void field(std::string_view name, const std::optional<S>& s) {
    if (s) add(name, render(*s));
  }
  /// A nested property type held by value: left out when nothing in it is set.
  template <class S>
  requires requires(const S& s, ObjectWriter& w) { s.write(w); }
  void field(std::string_view name, const S& s) {
    Json rendered = render(s);
    if (rendered.size() > 0) add(name, std::move(rendered));
  }
  template <class S>
  void field(std::string_view name, const std::vector<S>& items) {
    if (items.empty()) return;
    Json::Array out;
    out.reserve(items.size());
    for (const S& item : items) out.push_back(render(item));
    add(name, Json::array(std::move(out)));
  }
  template <class S>
  void field(std::string_view name, const std::map<std::string, S>& items) {
    if (items.empty()) return;
    Json::Object out;
    for (const auto& [key, item] : items) out.emplace_back(key, render(item));
    add(name, Json::object(std::move(out)));
  }

  [[nodiscard]] Json take() { return Json::object(std::move(members_)); }

 private:
  void add(std::string_view name, Json value) { members_.emplace_back(std::string(name), std::move(value)); }

  template <class S>
  static Json render(const S& s) {
    if constexpr (std::is_same_v<S, Json>) {
      return s;
    } else if constexpr (std::is_same_v<S, Tag>) {
      return Json::object({{"Key", s.Key.to_json()}, {"Value", s.Value.to_json()}});
    } else if constexpr (requires { s.to_json(); }) {
      return s.to_json();  // Value<T>, List<T>
    } else {
      ObjectWriter w;
      s.write(w);
      return w.take();
    }
  }

  Json::Object members_;
};

}  // namespace hoplite::cfn::detail
