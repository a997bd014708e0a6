#include "sfn/json/value.hpp"

#include <fmt/format.h>

#include <cmath>
#include <memory>
#include <unordered_map>
#include <utility>
#include <vector>

namespace hoplite::sfn::asl {
namespace {

// ordered_map's operator[] takes a key and hides the vector's positional one.
Json& member_at(Json::object_t& members, std::size_t i) {
  return (members.begin() + static_cast<std::ptrdiff_t>(i))->second;
}

// Objects wider than this get a key index while they are read; narrower ones are scanned.
constexpr std::size_t kIndexFrom = 16;

// Builds an ordered_json from nlohmann's (iterative) SAX events, enforcing the depth cap and
// resolving duplicate keys in constant time.
class Builder {
 public:
  explicit Builder(std::size_t max_depth) : max_depth_(max_depth) {}

  Json result;
  std::string error_code;
  std::string error_message;

  bool null() { return put(Json(nullptr)); }
  bool boolean(bool v) { return put(Json(v)); }
  bool number_integer(Json::number_integer_t v) { return put(Json(v)); }
  bool number_unsigned(Json::number_unsigned_t v) { return put(Json(v)); }
  bool number_float(Json::number_float_t v, const std::string& /*text*/) { return put(Json(v)); }
  bool string(std::string& v) { return put(Json(std::move(v))); }
  bool binary(Json::binary_t& /*v*/) { return false; }  // never produced by the JSON reader

  bool start_object(std::size_t /*elements*/) { return open(Json::object()); }
  bool start_array(std::size_t /*elements*/) { return open(Json::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(std::string& k) {
    Frame& f = stack_.back();
    auto& members = f.value->get_ref<Json::object_t&>();
    if (f.index) {
      auto [it, inserted] = f.index->try_emplace(k, members.size());
      f.slot = it->second;
      if (!inserted) return true;
    } else {
      for (std::size_t i = 0; i < members.size(); ++i) {
        if ((members.begin() + static_cast<std::ptrdiff_t>(i))->first == k) {
          f.slot = i;
          return true;
        }
      }
      if (members.size() + 1 >= kIndexFrom) {
        f.index = std::make_unique<std::unordered_map<std::string, std::size_t>>();
        std::size_t i = 0;
        for (const auto& m : members) f.index->emplace(m.first, i++);
        f.index->emplace(k, members.size());
      }
    }
    f.slot = members.size();
    append_member(*f.value, std::move(k), nullptr);
    return true;
  }

  bool parse_error(std::size_t position, const std::string& /*last_token*/, const nlohmann::detail::exception& ex) {
    error_code = "json.syntax";
    // nlohmann's text is "[json.exception.parse_error.101] parse error at line 1, column 2: ..."; keep
    // the part after the id, which says where and what.
    std::string what = ex.what();
    auto close = what.find("] ");
    error_message = close == std::string::npos ? what : what.substr(close + 2);
    if (error_message.empty()) error_message = fmt::format("invalid JSON at byte {}", position);
    return false;
  }

 private:
  struct Frame {
    Json* value;
    std::size_t slot = 0;  // the member the next value goes to (objects)
    std::unique_ptr<std::unordered_map<std::string, std::size_t>> index;
  };

  std::size_t max_depth_;
  std::vector<Frame> stack_;
  bool have_root_ = false;

  // Where the next value goes: the root, the end of the open array, or the member named by the
  // last key of the open object.
  Json* place(Json&& v) {
    if (stack_.empty()) {
      result = std::move(v);
      have_root_ = true;
      return &result;
    }
    Frame& f = stack_.back();
    if (f.value->is_array()) {
      auto& items = f.value->get_ref<Json::array_t&>();
      items.push_back(std::move(v));
      return &items.back();
    }
    auto& members = f.value->get_ref<Json::object_t&>();
    Json& slot = member_at(members, f.slot);
    slot = std::move(v);
    return &slot;
  }

  bool put(Json&& v) {
    place(std::move(v));
    return true;
  }

  bool open(Json&& container) {
    if (stack_.size() >= max_depth_) {
      error_code = "json.too_deep";
      error_message = fmt::format("JSON nested deeper than {} levels", max_depth_);
      return false;
    }
    Json* at = place(std::move(container));
    stack_.push_back(Frame{at, 0, nullptr});
    return true;
  }

  bool close() {
    stack_.pop_back();
    return true;
  }
};

bool numbers_equal(const Json& a, const Json& b) {
  if (a.is_number_float() || b.is_number_float()) return a.get<double>() == b.get<double>();
  if (a.is_number_unsigned() && b.is_number_unsigned()) return a.get<std::uint64_t>() == b.get<std::uint64_t>();
  if (a.is_number_unsigned() || b.is_number_unsigned()) {
    const Json& u = a.is_number_unsigned() ? a : b;
    const Json& s = a.is_number_unsigned() ? b : a;
    return s.get<std::int64_t>() >= 0 && static_cast<std::uint64_t>(s.get<std::int64_t>()) == u.get<std::uint64_t>();
  }
  return a.get<std::int64_t>() == b.get<std::int64_t>();
}

}  // namespace

core::Result<Json> parse_json(std::string_view text, const JsonLimits& limits) {
  if (text.size() > limits.max_bytes)
    return core::fail("json.too_large", fmt::format("JSON of {} bytes is larger than the limit of {} bytes",
                                                    text.size(), limits.max_bytes));
  Builder b(limits.max_depth);
  bool ok = Json::sax_parse(text.begin(), text.end(), &b, Json::input_format_t::json, true);
  if (!ok) {
    if (b.error_code.empty()) return core::fail("json.syntax", "invalid JSON");
    return core::fail(b.error_code, b.error_message);
  }
  return std::move(b.result);
}

bool json_equal(const Json& a, const Json& b) {
  // Iterative over pairs still to compare, so deep values cost no stack.
  std::vector<std::pair<const Json*, const Json*>> todo{{&a, &b}};
  while (!todo.empty()) {
    auto [x, y] = todo.back();
    todo.pop_back();
    if (x->is_number() && y->is_number()) {
      if (!numbers_equal(*x, *y)) return false;
      continue;
    }
    if (x->type() != y->type()) return false;
    if (x->is_array()) {
      if (x->size() != y->size()) return false;
      for (std::size_t i = 0; i < x->size(); ++i) todo.emplace_back(&(*x)[i], &(*y)[i]);
    } else if (x->is_object()) {
      if (x->size() != y->size()) return false;
      for (const auto& [k, v] : x->items()) {
        const Json* other = find_member(*y, k);
        if (other == nullptr) return false;
        todo.emplace_back(&v, other);
      }
    } else if (*x != *y) {
      return false;
    }
  }
  return true;
}

std::size_t json_depth(const Json& value) {
  std::size_t deepest = 0;
  std::vector<std::pair<const Json*, std::size_t>> todo{{&value, 0}};
  while (!todo.empty()) {
    auto [v, d] = todo.back();
    todo.pop_back();
    if (!v->is_structured()) continue;
    deepest = std::max(deepest, d + 1);
    for (const auto& child : *v) todo.emplace_back(&child, d + 1);
  }
  return deepest;
}

Json& append_member(Json& object, std::string key, Json value) {
  auto& members = object.get_ref<Json::object_t&>();
  if (members.size() == members.capacity()) {
    Json::object_t bigger;
    bigger.reserve(std::max<std::size_t>(4, members.size() * 2));
    for (auto& m : members) bigger.emplace_back(m.first, std::move(m.second));
    members.swap(bigger);
  }
  members.emplace_back(std::move(key), std::move(value));
  return members.back().second;
}

const Json* find_member(const Json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  for (const auto& member : object.get_ref<const Json::object_t&>())
    if (member.first == key) return &member.second;
  return nullptr;
}

const char* type_name(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::boolean:
      return "boolean";
    case Json::value_t::string:
      return "string";
    case Json::value_t::array:
      return "array";
    case Json::value_t::object:
      return "object";
    default:
      return "number";
  }
}

}  // namespace hoplite::sfn::asl
