#include "sfn/query/payload_template.hpp"

#include <fmt/format.h>

#include <unordered_set>

#include "sfn/query/intrinsic.hpp"
#include "sfn/query/json_path.hpp"
#include "sfn/query/scope.hpp"

namespace hoplite::sfn::asl {

struct PayloadTemplate::Node {
  // A named struct, not std::pair<std::string, Node>: a pair of the still incomplete Node is
  // ill-formed, and clang 14 with libstdc++ 12 rejects it.
  struct Member;
  enum class Kind { kConstant, kObject, kArray, kPath, kCall };
  Kind kind = Kind::kConstant;
  Json constant;
  std::string key;    // the member name without ".$" (kObject members; kPath/kCall hold their field)
  std::string field;  // the field as written, "x.$", for messages
  std::vector<Member> members;
  std::vector<Node> items;
  std::shared_ptr<const JsonPath> path;
  std::shared_ptr<const IntrinsicCall> call;
};

struct PayloadTemplate::Node::Member {
  std::string key;
  Node node;
};

namespace {

using Node = PayloadTemplate::Node;

bool is_dynamic(const Json& v) {
  // Iterative: does any object below hold a key ending in ".$"?
  std::vector<const Json*> todo{&v};
  while (!todo.empty()) {
    const Json* n = todo.back();
    todo.pop_back();
    if (n->is_object()) {
      for (auto it = n->begin(); it != n->end(); ++it) {
        if (it.key().ends_with(".$")) return true;
        todo.push_back(&*it);
      }
    } else if (n->is_array()) {
      for (const auto& item : *n) todo.push_back(&item);
    }
  }
  return false;
}

std::string escape_pointer(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

// Recursion follows the template's nesting, which the definition's depth cap bounds.
core::Result<Node> compile_node(const Json& v, const std::string& pointer, std::string* where) {
  Node node;
  if (!is_dynamic(v)) {
    node.constant = v;
    return node;
  }
  if (v.is_array()) {
    node.kind = Node::Kind::kArray;
    for (std::size_t i = 0; i < v.size(); ++i) {
      auto child = compile_node(v[i], pointer + "/" + std::to_string(i), where);
      if (!child) return child;
      node.items.push_back(std::move(*child));
    }
    return node;
  }
  node.kind = Node::Kind::kObject;
  std::unordered_set<std::string> names;
  for (auto it = v.begin(); it != v.end(); ++it) {
    const std::string& key = it.key();
    std::string at = pointer + "/" + escape_pointer(key);
    std::string name = key.ends_with(".$") ? key.substr(0, key.size() - 2) : key;
    if (!names.insert(name).second) {
      if (where) *where = at;
      return core::fail("template.invalid",
                        fmt::format("The field '{}' is given twice ('{}' and '{}.$')", name, name, name));
    }
    if (!key.ends_with(".$")) {
      auto child = compile_node(*it, at, where);
      if (!child) return child;
      node.members.push_back({key, std::move(*child)});
      continue;
    }
    Node leaf;
    leaf.field = key;
    const Json& expr = *it;
    if (!expr.is_string()) {
      if (where) *where = at;
      return core::fail("template.invalid",
                        fmt::format("The value for the field '{}' must be a STRING that contains a JSONPath or an "
                                    "intrinsic function",
                                    key));
    }
    const std::string& text = expr.get_ref<const std::string&>();
    if (looks_like_intrinsic(text)) {
      auto call = parse_intrinsic(text);
      if (!call) {
        if (where) *where = at;
        return core::fail("template.invalid", fmt::format("The value for the field '{}' must be a valid intrinsic "
                                                          "function: {}",
                                                          key, call.error().message));
      }
      leaf.kind = Node::Kind::kCall;
      leaf.call = std::move(*call);
    } else {
      auto path = JsonPath::compile(text);
      if (!path) {
        if (where) *where = at;
        return core::fail("template.invalid",
                          fmt::format("The value for the field '{}' must be a valid JSONPath or a valid intrinsic "
                                      "function call: {}",
                                      key, path.error().message));
      }
      leaf.kind = Node::Kind::kPath;
      leaf.path = std::make_shared<JsonPath>(std::move(*path));
    }
    node.members.push_back({key.substr(0, key.size() - 2), std::move(leaf)});
  }
  return node;
}

core::Result<Json> fill(const Node& node, const Scope& scope) {
  switch (node.kind) {
    case Node::Kind::kConstant:
      return node.constant;
    case Node::Kind::kArray: {
      Json out = Json::array();
      for (const auto& item : node.items) {
        auto v = fill(item, scope);
        if (!v) return v;
        out.push_back(std::move(*v));
      }
      return out;
    }
    case Node::Kind::kObject: {
      Json out = Json::object();
      auto& members = out.get_ref<Json::object_t&>();
      members.reserve(node.members.size());
      for (const auto& [key, child] : node.members) {
        auto v = fill(child, scope);
        if (!v) return v;
        // Keys are unique in the compiled template (the reader resolved duplicates).
        members.emplace_back(key, std::move(*v));
      }
      return out;
    }
    case Node::Kind::kPath: {
      auto v = scope.read(*node.path);
      if (!v)
        return core::fail("States.Runtime",
                          fmt::format("The JSONPath '{}' specified for the field '{}' could not be found in the input "
                                      "'{}'",
                                      node.path->text(), node.field, to_text(scope.input)));
      return v;
    }
    case Node::Kind::kCall:
      return evaluate_intrinsic(*node.call, scope);
  }
  return Json();
}

}  // namespace

core::Result<PayloadTemplate> PayloadTemplate::compile(const Json& tmpl, std::string* where) {
  auto root = compile_node(tmpl, "", where);
  if (!root) return root.failure();
  PayloadTemplate t;
  t.root_ = std::make_shared<const Node>(std::move(*root));
  return t;
}

core::Result<Json> PayloadTemplate::evaluate(const Scope& scope) const { return fill(*root_, scope); }

}  // namespace hoplite::sfn::asl
