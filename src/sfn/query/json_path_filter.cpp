#include "sfn/query/json_path_filter.hpp"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <string>

#include "sfn/query/json_path.hpp"

namespace hoplite::sfn::asl {
namespace {

using Expr = std::shared_ptr<const FilterExpr>;

class FilterParser {
 public:
  FilterParser(std::string_view text, std::size_t depth) : t_(text), depth_(depth) {}

  core::Result<Expr> parse() {
    auto e = disjunction(depth_);
    if (!e) return e;
    spaces();
    if (i_ != t_.size()) return error("unexpected text");
    return e;
  }

 private:
  std::string_view t_;
  std::size_t depth_;
  std::size_t i_ = 0;

  core::Failure error(std::string_view what) const {
    return core::fail("path.syntax", fmt::format("invalid filter '{}' at character {}: {}", t_, i_ + 1, what));
  }

  void spaces() {
    while (i_ < t_.size() && std::isspace(static_cast<unsigned char>(t_[i_]))) ++i_;
  }

  bool eat(std::string_view token) {
    spaces();
    if (t_.substr(i_, token.size()) == token) {
      i_ += token.size();
      return true;
    }
    return false;
  }

  core::Result<Expr> disjunction(std::size_t depth) {
    auto first = conjunction(depth);
    if (!first) return first;
    auto node = std::make_shared<FilterExpr>();
    node->kind = FilterExpr::Kind::kOr;
    node->children.push_back(*first);
    while (eat("||")) {
      auto next = conjunction(depth);
      if (!next) return next;
      node->children.push_back(*next);
    }
    if (node->children.size() == 1) return node->children[0];
    return Expr(node);
  }

  core::Result<Expr> conjunction(std::size_t depth) {
    auto first = unary(depth);
    if (!first) return first;
    auto node = std::make_shared<FilterExpr>();
    node->kind = FilterExpr::Kind::kAnd;
    node->children.push_back(*first);
    while (eat("&&")) {
      auto next = unary(depth);
      if (!next) return next;
      node->children.push_back(*next);
    }
    if (node->children.size() == 1) return node->children[0];
    return Expr(node);
  }

  core::Result<Expr> unary(std::size_t depth) {
    if (depth >= kMaxFilterDepth) return error("nested too deeply");
    spaces();
    if (i_ < t_.size() && t_[i_] == '!' && t_.substr(i_, 2) != "!=") {
      ++i_;
      auto inner = unary(depth + 1);
      if (!inner) return inner;
      auto node = std::make_shared<FilterExpr>();
      node->kind = FilterExpr::Kind::kNot;
      node->children.push_back(*inner);
      return Expr(node);
    }
    if (eat("(")) {
      auto inner = disjunction(depth + 1);
      if (!inner) return inner;
      if (!eat(")")) return error("expected ')'");
      return inner;
    }
    auto lhs = operand(depth);
    if (!lhs) return lhs.failure();
    auto node = std::make_shared<FilterExpr>();
    node->lhs = std::move(*lhs);
    static const std::pair<const char*, FilterExpr::Op> kOps[] = {
        {"==", FilterExpr::Op::kEq}, {"!=", FilterExpr::Op::kNe}, {"<=", FilterExpr::Op::kLe},
        {">=", FilterExpr::Op::kGe}, {"<", FilterExpr::Op::kLt},  {">", FilterExpr::Op::kGt},
    };
    spaces();
    if (t_.substr(i_, 2) == "=~") return error("regular expressions (=~) are not supported");
    for (const auto& [token, op] : kOps) {
      if (eat(token)) {
        auto rhs = operand(depth);
        if (!rhs) return rhs.failure();
        node->kind = FilterExpr::Kind::kCompare;
        node->op = op;
        node->rhs = std::move(*rhs);
        return Expr(node);
      }
    }
    if (node->lhs.kind == FilterOperand::Kind::kLiteral) return error("a test needs a path or a comparison");
    node->kind = FilterExpr::Kind::kExists;
    return Expr(node);
  }

  // A path ends at the first space, operator or closing parenthesis outside brackets and quotes.
  std::string_view path_text() {
    std::size_t start = i_;
    int brackets = 0;
    char quote = 0;
    while (i_ < t_.size()) {
      char c = t_[i_];
      if (quote) {
        if (c == '\\')
          ++i_;
        else if (c == quote)
          quote = 0;
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '[') {
        ++brackets;
      } else if (c == ']') {
        --brackets;
      } else if (brackets == 0 && (std::isspace(static_cast<unsigned char>(c)) || c == ')' || c == '=' || c == '!' ||
                                   c == '<' || c == '>' || c == '&' || c == '|')) {
        break;
      }
      ++i_;
    }
    return t_.substr(start, i_ - start);
  }

  core::Result<FilterOperand> operand(std::size_t depth) {
    spaces();
    if (i_ >= t_.size()) return error("expected a value");
    FilterOperand out;
    char c = t_[i_];
    if (c == '@' || c == '$') {
      std::string text(path_text());
      out.kind = c == '@' ? FilterOperand::Kind::kRelative : FilterOperand::Kind::kAbsolute;
      if (c == '@') text[0] = '$';
      auto p = JsonPath::compile(text, depth + 1);
      if (!p) return p.failure();
      if (!p->is_definite()) return error("paths in filters must be definite");
      out.path = std::make_shared<JsonPath>(std::move(*p));
      return out;
    }
    if (c == '\'' || c == '"') {
      char q = t_[i_++];
      std::string s;
      while (i_ < t_.size() && t_[i_] != q) {
        if (t_[i_] == '\\' && i_ + 1 < t_.size()) ++i_;
        s.push_back(t_[i_++]);
      }
      if (i_ >= t_.size()) return error("unterminated string");
      ++i_;
      out.literal = std::move(s);
      return out;
    }
    for (const auto& [word, value] :
         {std::pair<const char*, Json>{"true", Json(true)}, std::pair<const char*, Json>{"false", Json(false)},
          std::pair<const char*, Json>{"null", Json(nullptr)}}) {
      if (eat(word)) {
        out.literal = value;
        return out;
      }
    }
    std::size_t start = i_;
    if (c == '-') ++i_;
    while (i_ < t_.size() && (std::isdigit(static_cast<unsigned char>(t_[i_])) || t_[i_] == '.' || t_[i_] == 'e' ||
                              t_[i_] == 'E' || ((t_[i_] == '+' || t_[i_] == '-') && i_ > start)))
      ++i_;
    auto number = parse_json(t_.substr(start, i_ - start));
    if (i_ == start || !number || !number->is_number())
      return error("expected a path, a string, a number or a literal");
    out.literal = std::move(*number);
    return out;
  }
};

const Json* resolve(const FilterOperand& o, const Json& item, const Json& root) {
  switch (o.kind) {
    case FilterOperand::Kind::kRelative:
      return o.path->find(item);
    case FilterOperand::Kind::kAbsolute:
      return o.path->find(root);
    case FilterOperand::Kind::kLiteral:
      return &o.literal;
  }
  return nullptr;
}

bool compare(FilterExpr::Op op, const Json& a, const Json& b) {
  if (op == FilterExpr::Op::kEq) return json_equal(a, b);
  if (op == FilterExpr::Op::kNe) return !json_equal(a, b);
  int order = 0;
  if (a.is_number() && b.is_number()) {
    double x = a.get<double>();
    double y = b.get<double>();
    order = x < y ? -1 : (x > y ? 1 : 0);
  } else if (a.is_string() && b.is_string()) {
    int c = a.get_ref<const std::string&>().compare(b.get_ref<const std::string&>());
    order = c < 0 ? -1 : (c > 0 ? 1 : 0);
  } else {
    return false;  // ordering is defined for two numbers or two strings only
  }
  switch (op) {
    case FilterExpr::Op::kLt:
      return order < 0;
    case FilterExpr::Op::kLe:
      return order <= 0;
    case FilterExpr::Op::kGt:
      return order > 0;
    case FilterExpr::Op::kGe:
      return order >= 0;
    default:
      return false;
  }
}

}  // namespace

core::Result<std::shared_ptr<const FilterExpr>> parse_filter(std::string_view text, std::size_t depth) {
  if (depth > kMaxFilterDepth) return core::fail("path.syntax", "filters nested too deeply");
  return FilterParser(text, depth).parse();
}

// Recursion is bounded by kMaxFilterDepth, enforced when the filter was parsed.
bool filter_matches(const FilterExpr& expr, const Json& item, const Json& root) {
  switch (expr.kind) {
    case FilterExpr::Kind::kOr:
      for (const auto& c : expr.children)
        if (filter_matches(*c, item, root)) return true;
      return false;
    case FilterExpr::Kind::kAnd:
      for (const auto& c : expr.children)
        if (!filter_matches(*c, item, root)) return false;
      return true;
    case FilterExpr::Kind::kNot:
      return !filter_matches(*expr.children[0], item, root);
    case FilterExpr::Kind::kExists:
      return resolve(expr.lhs, item, root) != nullptr;
    case FilterExpr::Kind::kCompare: {
      const Json* a = resolve(expr.lhs, item, root);
      const Json* b = resolve(expr.rhs, item, root);
      return a != nullptr && b != nullptr && compare(expr.op, *a, *b);
    }
  }
  return false;
}

}  // namespace hoplite::sfn::asl
