#include "hoplite/cfn/json.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "hoplite/cfn/render.hpp"
#include "hoplite/core/limits.hpp"

namespace hoplite::cfn {

namespace {
[[noreturn]] void wrong_kind(const char* wanted, const Json& j) {
  throw std::logic_error(std::string("cfn::Json: expected ") + wanted + ", have " + j.dump());
}

void collect(const Json& j, std::vector<Reference>& out) {
  switch (j.kind()) {
    case Json::Kind::array:
      for (const Json& item : j.as_array()) collect(item, out);
      break;
    case Json::Kind::object:
      for (const auto& [key, value] : j.as_object()) collect(value, out);
      break;
    case Json::Kind::intrinsic: {
      const auto& node = j.as_intrinsic();
      out.insert(out.end(), node.references.begin(), node.references.end());
      collect(node.args, out);
      break;
    }
    default:
      break;
  }
}
}  // namespace

Json Json::array(Array items) {
  Json j;
  j.v_ = std::move(items);
  return j;
}

Json Json::object(Object members) {
  Json j;
  j.v_ = Object{};
  for (auto& [key, value] : members) j.set(key, std::move(value));
  return j;
}

Json Json::make_intrinsic(std::string function, Json args, std::vector<Reference> references) {
  Json j;
  j.v_ = std::make_shared<const detail::IntrinsicNode>(
      detail::IntrinsicNode{std::move(function), std::move(args), std::move(references)});
  return j;
}

Json Json::parse(std::string_view text) {
  // from_nlohmann recurses: the depth is bounded before any parsing.
  if (auto checked = core::check_json_limits(text, "the JSON text"); !checked)
    throw std::invalid_argument("cfn::Json::parse: " + checked.error().message);
  nlohmann::ordered_json parsed;
  try {
    parsed = nlohmann::ordered_json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw std::invalid_argument(std::string("cfn::Json::parse: ") + e.what());
  }
  return from_nlohmann(parsed);
}

bool Json::as_bool() const {
  if (const bool* b = std::get_if<bool>(&v_)) return *b;
  wrong_kind("a boolean", *this);
}

std::int64_t Json::as_int() const {
  if (const std::int64_t* i = std::get_if<std::int64_t>(&v_)) return *i;
  wrong_kind("an integer", *this);
}

double Json::as_double() const {
  if (const double* d = std::get_if<double>(&v_)) return *d;
  if (const std::int64_t* i = std::get_if<std::int64_t>(&v_)) return static_cast<double>(*i);
  wrong_kind("a number", *this);
}

const std::string& Json::as_string() const {
  if (const std::string* s = std::get_if<std::string>(&v_)) return *s;
  wrong_kind("a string", *this);
}

const Json::Array& Json::as_array() const {
  if (const Array* a = std::get_if<Array>(&v_)) return *a;
  wrong_kind("an array", *this);
}

Json::Array& Json::as_array() {
  if (Array* a = std::get_if<Array>(&v_)) return *a;
  wrong_kind("an array", *this);
}

const Json::Object& Json::as_object() const {
  if (const Object* o = std::get_if<Object>(&v_)) return *o;
  wrong_kind("an object", *this);
}

Json::Object& Json::as_object() {
  if (Object* o = std::get_if<Object>(&v_)) return *o;
  wrong_kind("an object", *this);
}

const detail::IntrinsicNode& Json::as_intrinsic() const {
  if (const auto* p = std::get_if<std::shared_ptr<const detail::IntrinsicNode>>(&v_)) return **p;
  wrong_kind("an intrinsic", *this);
}

const Json* Json::find(std::string_view key) const {
  const Object* o = std::get_if<Object>(&v_);
  if (o == nullptr) return nullptr;
  for (const auto& [k, v] : *o) {
    if (k == key) return &v;
  }
  return nullptr;
}

Json* Json::find(std::string_view key) { return const_cast<Json*>(std::as_const(*this).find(key)); }

Json& Json::operator[](std::string_view key) {
  if (is_null()) v_ = Object{};
  if (Json* existing = find(key)) return *existing;
  Object& o = as_object();
  o.emplace_back(std::string(key), Json());
  return o.back().second;
}

Json& Json::set(std::string_view key, Json value) {
  Json& slot = (*this)[key];
  slot = std::move(value);
  return slot;
}

bool Json::erase(std::string_view key) {
  Object* o = std::get_if<Object>(&v_);
  if (o == nullptr) return false;
  for (auto it = o->begin(); it != o->end(); ++it) {
    if (it->first == key) {
      o->erase(it);
      return true;
    }
  }
  return false;
}

void Json::push_back(Json value) {
  if (is_null()) v_ = Array{};
  as_array().push_back(std::move(value));
}

std::size_t Json::size() const {
  if (const Array* a = std::get_if<Array>(&v_)) return a->size();
  if (const Object* o = std::get_if<Object>(&v_)) return o->size();
  return 0;
}

std::vector<Reference> Json::references() const {
  std::vector<Reference> out;
  collect(*this, out);
  return out;
}

std::string Json::dump() const { return to_nlohmann(*this).dump(); }

bool Json::operator==(const Json& other) const {
  if (v_.index() != other.v_.index()) return false;
  if (is_intrinsic()) {
    const auto& a = as_intrinsic();
    const auto& b = other.as_intrinsic();
    return a.function == b.function && a.args == b.args && a.references == b.references;
  }
  return v_ == other.v_;
}

}  // namespace hoplite::cfn
