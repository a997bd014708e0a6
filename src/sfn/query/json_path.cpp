#include "sfn/query/json_path.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>

#include "sfn/query/json_path_filter.hpp"

namespace hoplite::sfn::asl {
namespace {

bool is_name_char(char c) {
  // Dot-notation names: anything but the JSONPath operators and whitespace ("input-value" is fine).
  return c != '.' && c != '[' && c != ']' && c != '(' && c != ')' && c != '\'' && c != '"' && c != '*' && c != '?' &&
         c != '@' && c != ',' && c != ':' && c != '$' && !std::isspace(static_cast<unsigned char>(c));
}

core::Failure syntax(std::string_view text, std::size_t at, std::string_view what) {
  return core::fail("path.syntax", fmt::format("invalid JSONPath '{}' at character {}: {}", text, at + 1, what));
}

class Parser {
 public:
  Parser(std::string_view text, std::size_t depth) : t_(text), depth_(depth) {}

  core::Result<std::vector<PathSegment>> segments(std::size_t from) {
    i_ = from;
    std::vector<PathSegment> out;
    while (i_ < t_.size()) {
      if (t_[i_] == '.') {
        auto seg = dot();
        if (!seg) return seg.failure();
        out.push_back(std::move(*seg));
      } else if (t_[i_] == '[') {
        auto seg = bracket();
        if (!seg) return seg.failure();
        out.push_back(std::move(*seg));
      } else {
        return syntax(t_, i_, "expected '.' or '['");
      }
    }
    return out;
  }

 private:
  std::string_view t_;
  std::size_t depth_;
  std::size_t i_ = 0;

  std::string name() {
    std::size_t start = i_;
    while (i_ < t_.size() && is_name_char(t_[i_])) ++i_;
    return std::string(t_.substr(start, i_ - start));
  }

  core::Result<PathSegment> dot() {
    ++i_;  // '.'
    PathSegment seg;
    bool deep = i_ < t_.size() && t_[i_] == '.';
    if (deep) ++i_;
    if (i_ < t_.size() && t_[i_] == '*') {
      ++i_;
      seg.kind = deep ? PathSegment::Kind::kDeepWildcard : PathSegment::Kind::kWildcard;
      return seg;
    }
    std::string n = name();
    if (n.empty()) return syntax(t_, i_, deep ? "expected a name or '*' after '..'" : "expected a name after '.'");
    seg.kind = deep ? PathSegment::Kind::kDeepName : PathSegment::Kind::kName;
    seg.names.push_back(std::move(n));
    return seg;
  }

  void spaces() {
    while (i_ < t_.size() && t_[i_] == ' ') ++i_;
  }

  bool expect(char c) {
    spaces();
    if (i_ < t_.size() && t_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }

  core::Result<std::string> quoted() {
    char q = t_[i_++];
    std::string out;
    while (i_ < t_.size() && t_[i_] != q) {
      if (t_[i_] == '\\' && i_ + 1 < t_.size()) ++i_;
      out.push_back(t_[i_++]);
    }
    if (i_ >= t_.size()) return syntax(t_, i_, "unterminated quoted name");
    ++i_;
    return out;
  }

  std::optional<std::int64_t> integer() {
    spaces();
    std::size_t start = i_;
    if (i_ < t_.size() && t_[i_] == '-') ++i_;
    while (i_ < t_.size() && std::isdigit(static_cast<unsigned char>(t_[i_]))) ++i_;
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(t_.data() + start, t_.data() + i_, v);
    if (ec != std::errc() || p != t_.data() + i_ || i_ == start) {
      i_ = start;
      return std::nullopt;
    }
    return v;
  }

  core::Result<PathSegment> bracket() {
    ++i_;  // '['
    spaces();
    if (i_ >= t_.size()) return syntax(t_, i_, "unterminated '['");
    PathSegment seg;
    char c = t_[i_];
    if (c == '*') {
      ++i_;
      if (!expect(']')) return syntax(t_, i_, "expected ']' after '*'");
      seg.kind = PathSegment::Kind::kWildcard;
      return seg;
    }
    if (c == '?') return filter();
    if (c == '\'' || c == '"') {
      for (;;) {
        spaces();
        if (i_ >= t_.size() || (t_[i_] != '\'' && t_[i_] != '"')) return syntax(t_, i_, "expected a quoted name");
        auto n = quoted();
        if (!n) return n.failure();
        seg.names.push_back(std::move(*n));
        if (expect(']')) break;
        if (!expect(',')) return syntax(t_, i_, "expected ',' or ']'");
      }
      seg.kind = seg.names.size() == 1 ? PathSegment::Kind::kName : PathSegment::Kind::kNames;
      return seg;
    }
    auto first = integer();
    spaces();
    if (i_ < t_.size() && t_[i_] == ':') {
      ++i_;
      seg.kind = PathSegment::Kind::kSlice;
      seg.start = first;
      seg.end = integer();
      if (!expect(']')) return syntax(t_, i_, "expected ']' to close the slice");
      return seg;
    }
    if (!first) return syntax(t_, i_, "expected an index, a quoted name, '*', a slice or a filter");
    seg.indices.push_back(*first);
    while (!expect(']')) {
      if (!expect(',')) return syntax(t_, i_, "expected ',' or ']'");
      auto next = integer();
      if (!next) return syntax(t_, i_, "expected an index");
      seg.indices.push_back(*next);
    }
    seg.kind = seg.indices.size() == 1 ? PathSegment::Kind::kIndex : PathSegment::Kind::kIndices;
    return seg;
  }

  // [?( ... )] — finds the matching parenthesis (quotes respected), parses what is inside.
  core::Result<PathSegment> filter() {
    ++i_;  // '?'
    if (!expect('(')) return syntax(t_, i_, "expected '(' after '?'");
    std::size_t start = i_;
    int open = 1;
    char quote = 0;
    while (i_ < t_.size() && open > 0) {
      char c = t_[i_];
      if (quote) {
        if (c == '\\')
          ++i_;
        else if (c == quote)
          quote = 0;
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '(') {
        ++open;
      } else if (c == ')') {
        --open;
      }
      ++i_;
    }
    if (open > 0) return syntax(t_, i_, "unterminated filter");
    auto expr = parse_filter(t_.substr(start, i_ - 1 - start), depth_ + 1);
    if (!expr) return expr.failure();
    if (!expect(']')) return syntax(t_, i_, "expected ']' after the filter");
    PathSegment seg;
    seg.kind = PathSegment::Kind::kFilter;
    seg.filter = std::move(*expr);
    return seg;
  }
};

std::string fragment(const PathSegment& s) {
  switch (s.kind) {
    case PathSegment::Kind::kName:
      return fmt::format("['{}']", s.names[0]);
    case PathSegment::Kind::kIndex:
      return fmt::format("[{}]", s.indices[0]);
    case PathSegment::Kind::kWildcard:
      return "[*]";
    case PathSegment::Kind::kDeepName:
      return fmt::format("..['{}']", s.names[0]);
    case PathSegment::Kind::kDeepWildcard:
      return "..[*]";
    case PathSegment::Kind::kNames: {
      std::string out = "[";
      for (std::size_t i = 0; i < s.names.size(); ++i) out += fmt::format("{}'{}'", i ? "," : "", s.names[i]);
      return out + "]";
    }
    case PathSegment::Kind::kIndices: {
      std::string out = "[";
      for (std::size_t i = 0; i < s.indices.size(); ++i) out += fmt::format("{}{}", i ? "," : "", s.indices[i]);
      return out + "]";
    }
    case PathSegment::Kind::kSlice:
      return fmt::format("[{}:{}]", s.start ? std::to_string(*s.start) : "", s.end ? std::to_string(*s.end) : "");
    case PathSegment::Kind::kFilter:
      return "[?]";
  }
  return "";
}

const Json* element(const Json& array, std::int64_t index) {
  auto size = static_cast<std::int64_t>(array.size());
  std::int64_t at = index < 0 ? size + index : index;
  if (at < 0 || at >= size) return nullptr;
  return &array[static_cast<std::size_t>(at)];
}

// Pre-order walk below `node` (not `node` itself), children in document order.
template <typename Visit>
void walk_descendants(const Json& node, Visit visit) {
  std::vector<const Json*> todo;
  auto push_children = [&](const Json& n) {
    if (!n.is_structured()) return;
    std::vector<const Json*> kids;
    for (const auto& child : n) kids.push_back(&child);
    for (auto it = kids.rbegin(); it != kids.rend(); ++it) todo.push_back(*it);
  };
  push_children(node);
  while (!todo.empty()) {
    const Json* n = todo.back();
    todo.pop_back();
    visit(*n);
    push_children(*n);
  }
}

void apply(const PathSegment& seg, const Json& node, const Json& root, std::vector<const Json*>& out) {
  switch (seg.kind) {
    case PathSegment::Kind::kName:
      if (const Json* v = find_member(node, seg.names[0])) out.push_back(v);
      break;
    case PathSegment::Kind::kNames:
      for (const auto& n : seg.names)
        if (const Json* v = find_member(node, n)) out.push_back(v);
      break;
    case PathSegment::Kind::kIndex:
    case PathSegment::Kind::kIndices:
      if (node.is_array())
        for (auto i : seg.indices)
          if (const Json* v = element(node, i)) out.push_back(v);
      break;
    case PathSegment::Kind::kWildcard:
      if (node.is_structured())
        for (const auto& child : node) out.push_back(&child);
      break;
    case PathSegment::Kind::kSlice: {
      if (!node.is_array()) break;
      auto size = static_cast<std::int64_t>(node.size());
      auto clamp = [&](std::int64_t v) { return std::clamp(v < 0 ? size + v : v, std::int64_t{0}, size); };
      std::int64_t from = seg.start ? clamp(*seg.start) : 0;
      std::int64_t to = seg.end ? clamp(*seg.end) : size;
      for (std::int64_t i = from; i < to; ++i) out.push_back(&node[static_cast<std::size_t>(i)]);
      break;
    }
    case PathSegment::Kind::kFilter:
      if (node.is_array()) {
        for (const auto& child : node)
          if (filter_matches(*seg.filter, child, root)) out.push_back(&child);
      } else if (node.is_object() && filter_matches(*seg.filter, node, root)) {
        out.push_back(&node);
      }
      break;
    case PathSegment::Kind::kDeepName:
      if (const Json* v = find_member(node, seg.names[0])) out.push_back(v);
      walk_descendants(node, [&](const Json& n) {
        if (const Json* v = find_member(n, seg.names[0])) out.push_back(v);
      });
      break;
    case PathSegment::Kind::kDeepWildcard:
      walk_descendants(node, [&](const Json& n) { out.push_back(&n); });
      break;
  }
}

}  // namespace

core::Result<JsonPath> JsonPath::compile(std::string_view text, std::size_t nesting) {
  if (nesting > kMaxFilterDepth) return syntax(text, 0, "filters nested too deeply");
  if (text.empty() || text[0] != '$') return syntax(text, 0, "a path starts with '$'");
  JsonPath p;
  p.text_ = std::string(text);
  std::size_t from = 1;
  if (text.size() > 1 && text[1] == '$') {
    p.context_ = true;
    from = 2;
  }
  Parser parser(text, nesting);
  auto segs = parser.segments(from);
  if (!segs) return segs.failure();
  p.segments_ = std::move(*segs);
  for (const auto& s : p.segments_)
    p.definite_ = p.definite_ && (s.kind == PathSegment::Kind::kName || s.kind == PathSegment::Kind::kIndex);
  return p;
}

bool JsonPath::is_reference() const {
  if (!definite_) return false;
  for (const auto& s : segments_)
    if (s.kind == PathSegment::Kind::kIndex && s.indices[0] < 0) return false;
  return true;
}

std::string JsonPath::normalized() const {
  std::string out = "$";
  for (const auto& s : segments_) out += fragment(s);
  return out;
}

const Json* JsonPath::find(const Json& root, std::string* why, std::size_t from) const {
  // The path walked so far, for messages only: built when a message is needed.
  auto walked = [&](std::size_t upto) {
    std::string at = "$";
    for (std::size_t k = 0; k < upto && k < segments_.size(); ++k) at += fragment(segments_[k]);
    return at;
  };
  const Json* cur = &root;
  for (std::size_t i = from; i < segments_.size(); ++i) {
    const PathSegment& s = segments_[i];
    const bool last = i + 1 == segments_.size();
    const Json* next = nullptr;
    if (s.kind == PathSegment::Kind::kName) {
      if (!cur->is_object()) {
        if (why)
          *why = fmt::format("Expected to find an object with property {} in path {} but found '{}'", fragment(s),
                             walked(i), type_name(*cur));
        return nullptr;
      }
      next = find_member(*cur, s.names[0]);
    } else if (s.kind == PathSegment::Kind::kIndex) {
      if (!cur->is_array()) {
        if (why)
          *why = fmt::format("Expected to find an array with index {} in path {} but found '{}'", fragment(s),
                             walked(i), type_name(*cur));
        return nullptr;
      }
      next = element(*cur, s.indices[0]);
    } else {
      std::vector<const Json*> all = select(root, from);
      if (all.empty() && why) *why = "No results for path: " + normalized();
      return all.empty() ? nullptr : all.front();
    }
    if (next == nullptr) {
      if (why)
        *why = last || s.kind == PathSegment::Kind::kIndex ? "No results for path: " + normalized()
                                                           : "Missing property in path " + walked(i + 1);
      return nullptr;
    }
    cur = next;
  }
  return cur;
}

std::vector<const Json*> JsonPath::select(const Json& root, std::size_t from) const {
  std::vector<const Json*> current{&root};
  std::vector<const Json*> next;
  for (std::size_t i = from; i < segments_.size(); ++i) {
    const PathSegment& s = segments_[i];
    next.clear();
    for (const Json* node : current) apply(s, *node, root, next);
    current.swap(next);
    if (current.empty()) break;
  }
  return current;
}

core::Result<Json> JsonPath::read(const Json& root, std::size_t from) const {
  if (definite_) {
    std::string why;
    const Json* v = find(root, &why, from);
    if (v == nullptr) return core::fail("path.missing", why);
    return *v;
  }
  Json out = Json::array();
  for (const Json* v : select(root, from)) out.push_back(*v);
  return out;
}

core::Result<bool> assign_path(Json& document, const JsonPath& path, Json value) {
  const auto& segs = path.segments();
  if (segs.empty()) {
    document = std::move(value);
    return true;
  }
  Json* cur = &document;
  std::string at = "$";
  for (std::size_t i = 0; i < segs.size(); ++i) {
    const PathSegment& s = segs[i];
    const bool last = i + 1 == segs.size();
    if (s.kind == PathSegment::Kind::kName) {
      if (!cur->is_object())
        return core::fail("path.assign", fmt::format("{} is a {}, not an object", at, type_name(*cur)));
      auto& members = cur->get_ref<Json::object_t&>();
      Json* slot = nullptr;
      for (auto& m : members)
        if (m.first == s.names[0]) slot = &m.second;
      if (slot == nullptr) {
        // Missing keys become objects; an index below one could never exist, so fail before
        // changing anything.
        if (!last && segs[i + 1].kind != PathSegment::Kind::kName)
          return core::fail("path.assign", fmt::format("{}['{}'] does not exist", at, s.names[0]));
        slot = &append_member(*cur, s.names[0], last ? Json() : Json::object());
      }
      cur = slot;
    } else if (s.kind == PathSegment::Kind::kIndex) {
      if (!cur->is_array())
        return core::fail("path.assign", fmt::format("{} is a {}, not an array", at, type_name(*cur)));
      auto size = static_cast<std::int64_t>(cur->size());
      if (s.indices[0] < 0 || s.indices[0] >= size)
        return core::fail("path.assign", fmt::format("{} has no index {}", at, s.indices[0]));
      cur = &(*cur)[static_cast<std::size_t>(s.indices[0])];
    } else {
      return core::fail("path.assign", fmt::format("'{}' is not a reference path", path.text()));
    }
    at += fragment(s);
  }
  *cur = std::move(value);
  return true;
}

bool is_reference_path(std::string_view path) {
  auto p = JsonPath::compile(path);
  return p && p->is_reference();
}

bool is_json_path(std::string_view path) { return JsonPath::compile(path).ok(); }

bool is_dynamic_value(std::string_view value) {
  if (value.starts_with("States.")) {
    std::size_t open = value.find('(');
    return open != std::string_view::npos && open > 7 && value.back() == ')';
  }
  return is_json_path(value);
}

}  // namespace hoplite::sfn::asl
