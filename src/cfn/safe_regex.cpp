#include "cfn/safe_regex.hpp"

#include <bitset>
#include <limits>
#include <vector>

namespace hoplite::cfn::detail {

namespace {

constexpr std::size_t kMaxPattern = 4096;        // characters of pattern text
constexpr std::size_t kMaxInstructions = 20000;  // after {n,m} expansion
constexpr int kMaxNesting = 100;                 // parentheses
constexpr int kUnbounded = -1;

using CharSet = std::bitset<256>;

struct Node {
  enum class Kind { chars, concat, alt, repeat, empty, bol, eol };
  Kind kind = Kind::empty;
  CharSet set;
  std::vector<int> children;
  int min = 0, max = 0;
};

class Parser {
 public:
  explicit Parser(std::string_view p) : p_(p) {}

  // Returns the root node index, or -1 with error_ set.
  int parse() {
    int root = alternation(0);
    if (root >= 0 && pos_ != p_.size()) return fail("unbalanced ')'");
    return root;
  }
  std::vector<Node> nodes;
  std::string error;

 private:
  int fail(std::string e) {
    if (error.empty()) error = std::move(e);
    return -1;
  }
  int add(Node n) {
    nodes.push_back(std::move(n));
    return static_cast<int>(nodes.size() - 1);
  }
  [[nodiscard]] bool at_end() const { return pos_ >= p_.size(); }

  int alternation(int depth) {
    if (depth > kMaxNesting) return fail("groups nested too deeply");
    Node alt{Node::Kind::alt, {}, {}, 0, 0};
    for (;;) {
      int c = concatenation(depth);
      if (c < 0) return -1;
      alt.children.push_back(c);
      if (at_end() || p_[pos_] != '|') break;
      ++pos_;
    }
    return alt.children.size() == 1 ? alt.children[0] : add(std::move(alt));
  }

  int concatenation(int depth) {
    Node cat{Node::Kind::concat, {}, {}, 0, 0};
    while (!at_end() && p_[pos_] != '|' && p_[pos_] != ')') {
      int a = atom(depth);
      if (a < 0) return -1;
      a = quantified(a);
      if (a < 0) return -1;
      cat.children.push_back(a);
    }
    if (cat.children.empty()) return add(Node{});
    return cat.children.size() == 1 ? cat.children[0] : add(std::move(cat));
  }

  std::optional<int> number() {
    std::size_t start = pos_;
    long value = 0;
    while (!at_end() && p_[pos_] >= '0' && p_[pos_] <= '9') {
      value = value * 10 + (p_[pos_] - '0');
      if (value > 10000) return std::nullopt;
      ++pos_;
    }
    if (pos_ == start) return std::nullopt;
    return static_cast<int>(value);
  }

  int quantified(int atom_index) {
    while (!at_end()) {
      char c = p_[pos_];
      int min = 0, max = 0;
      if (c == '*') {
        min = 0, max = kUnbounded, ++pos_;
      } else if (c == '+') {
        min = 1, max = kUnbounded, ++pos_;
      } else if (c == '?') {
        min = 0, max = 1, ++pos_;
      } else if (c == '{') {
        std::size_t save = pos_++;
        auto lo = number();
        if (!lo) {
          pos_ = save;  // a literal '{' (Java would refuse; being lenient costs nothing)
          return atom_index;
        }
        min = max = *lo;
        if (!at_end() && p_[pos_] == ',') {
          ++pos_;
          auto hi = number();
          max = hi ? *hi : kUnbounded;
        }
        if (at_end() || p_[pos_] != '}') return fail("malformed {n,m} quantifier");
        ++pos_;
        if (max != kUnbounded && max < min) return fail("{n,m} with m < n");
      } else {
        return atom_index;
      }
      if (!at_end() && (p_[pos_] == '?' || p_[pos_] == '+')) ++pos_;  // lazy/possessive: same strings
      Node r{Node::Kind::repeat, {}, {atom_index}, min, max};
      atom_index = add(std::move(r));
    }
    return atom_index;
  }

  static CharSet class_for_escape(char e, bool& ok) {
    CharSet s;
    ok = true;
    auto range = [&](char a, char b) {
      for (int ch = static_cast<unsigned char>(a); ch <= static_cast<unsigned char>(b); ++ch)
        s.set(static_cast<std::size_t>(ch));
    };
    switch (e) {
      case 'd':
      case 'D':
        range('0', '9');
        break;
      case 'w':
      case 'W':
        range('a', 'z');
        range('A', 'Z');
        range('0', '9');
        s.set('_');
        break;
      case 's':
      case 'S':
        for (char ch : {' ', '\t', '\n', '\r', '\f', '\v'}) s.set(static_cast<unsigned char>(ch));
        break;
      case 't':
        s.set('\t');
        return s;
      case 'n':
        s.set('\n');
        return s;
      case 'r':
        s.set('\r');
        return s;
      case 'f':
        s.set('\f');
        return s;
      default:
        if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z') || (e >= '0' && e <= '9')) {
          ok = false;  // \b, \1, \p{..}, \Q...: not supported
          return s;
        }
        s.set(static_cast<unsigned char>(e));
        return s;
    }
    if (e == 'D' || e == 'W' || e == 'S') s.flip();
    return s;
  }

  int char_class() {
    CharSet set;
    bool negate = false;
    if (!at_end() && p_[pos_] == '^') negate = true, ++pos_;
    bool first = true;
    while (!at_end() && (p_[pos_] != ']' || first)) {
      first = false;
      CharSet item;
      int lo = -1;
      if (p_[pos_] == '\\') {
        if (++pos_ >= p_.size()) return fail("trailing backslash");
        bool ok = false;
        item = class_for_escape(p_[pos_++], ok);
        if (!ok) return fail("unsupported escape in character class");
        if (item.count() == 1) {
          for (int ch = 0; ch < 256; ++ch) {
            if (item.test(static_cast<std::size_t>(ch))) lo = ch;
          }
        }
      } else if (p_[pos_] == '[') {
        return fail("nested character classes are not supported");
      } else {
        lo = static_cast<unsigned char>(p_[pos_++]);
        item.set(static_cast<std::size_t>(lo));
      }
      if (lo >= 0 && pos_ + 1 < p_.size() && p_[pos_] == '-' && p_[pos_ + 1] != ']') {
        ++pos_;
        int hi = static_cast<unsigned char>(p_[pos_]);
        if (p_[pos_] == '\\') {
          if (++pos_ >= p_.size()) return fail("trailing backslash");
          bool ok = false;
          CharSet h = class_for_escape(p_[pos_], ok);
          if (!ok || h.count() != 1) return fail("bad range in character class");
          for (int ch = 0; ch < 256; ++ch) {
            if (h.test(static_cast<std::size_t>(ch))) hi = ch;
          }
        }
        ++pos_;
        if (hi < lo) return fail("bad range in character class");
        for (int ch = lo; ch <= hi; ++ch) item.set(static_cast<std::size_t>(ch));
      }
      set |= item;
    }
    if (at_end()) return fail("unterminated character class");
    ++pos_;  // ']'
    if (negate) set.flip();
    return add(Node{Node::Kind::chars, set, {}, 0, 0});
  }

  int atom(int depth) {
    char c = p_[pos_++];
    switch (c) {
      case '(': {
        if (!at_end() && p_[pos_] == '?') {
          if (pos_ + 1 < p_.size() && p_[pos_ + 1] == ':') {
            pos_ += 2;
          } else {
            return fail("lookaround and inline flags are not supported");
          }
        }
        int inner = alternation(depth + 1);
        if (inner < 0) return -1;
        if (at_end() || p_[pos_] != ')') return fail("missing ')'");
        ++pos_;
        return inner;
      }
      case '[':
        return char_class();
      case '.': {
        CharSet all;
        all.set();
        all.reset('\n');
        return add(Node{Node::Kind::chars, all, {}, 0, 0});
      }
      case '^':
        return add(Node{Node::Kind::bol, {}, {}, 0, 0});
      case '$':
        return add(Node{Node::Kind::eol, {}, {}, 0, 0});
      case '\\': {
        if (at_end()) return fail("trailing backslash");
        bool ok = false;
        CharSet s = class_for_escape(p_[pos_++], ok);
        if (!ok) return fail("unsupported escape");
        return add(Node{Node::Kind::chars, s, {}, 0, 0});
      }
      case '*':
      case '+':
      case '?':
        return fail("quantifier without a preceding atom");
      default: {
        CharSet s;
        s.set(static_cast<unsigned char>(c));
        return add(Node{Node::Kind::chars, s, {}, 0, 0});
      }
    }
  }

  std::string_view p_;
  std::size_t pos_ = 0;
};

struct Instruction {
  enum class Op { chars, split, jump, bol, eol, match };
  Op op = Op::match;
  int x = 0, y = 0;  // split: both targets; jump: x; chars: index into sets
};

}  // namespace

struct SafeRegex::Program {
  std::vector<Instruction> code;
  std::vector<CharSet> sets;
};

namespace {

// Emits node `n` (recursion depth bounded by the parser's nesting limit and by the node count).
class Compiler {
 public:
  Compiler(const std::vector<Node>& nodes, SafeRegex::Program& out) : nodes_(nodes), out_(out) {}

  bool emit(int n, int depth = 0) {
    if (out_.code.size() > kMaxInstructions || depth > 4 * kMaxNesting + 16) return false;
    const Node& node = nodes_[static_cast<std::size_t>(n)];
    switch (node.kind) {
      case Node::Kind::empty:
        return true;
      case Node::Kind::bol:
        out_.code.push_back({Instruction::Op::bol, 0, 0});
        return true;
      case Node::Kind::eol:
        out_.code.push_back({Instruction::Op::eol, 0, 0});
        return true;
      case Node::Kind::chars:
        out_.sets.push_back(node.set);
        out_.code.push_back({Instruction::Op::chars, static_cast<int>(out_.sets.size() - 1), 0});
        return true;
      case Node::Kind::concat:
        for (int c : node.children) {
          if (!emit(c, depth + 1)) return false;
        }
        return true;
      case Node::Kind::alt: {
        std::vector<std::size_t> jumps;
        for (std::size_t i = 0; i < node.children.size(); ++i) {
          std::size_t split = out_.code.size();
          bool last = i + 1 == node.children.size();
          if (!last) out_.code.push_back({Instruction::Op::split, static_cast<int>(split + 1), 0});
          if (!emit(node.children[i], depth + 1)) return false;
          if (!last) {
            jumps.push_back(out_.code.size());
            out_.code.push_back({Instruction::Op::jump, 0, 0});
            out_.code[split].y = static_cast<int>(out_.code.size());
          }
        }
        for (std::size_t j : jumps) out_.code[j].x = static_cast<int>(out_.code.size());
        return true;
      }
      case Node::Kind::repeat: {
        int body = node.children[0];
        for (int i = 0; i < node.min; ++i) {
          if (!emit(body, depth + 1)) return false;
        }
        if (node.max == kUnbounded) {
          std::size_t loop = out_.code.size();
          out_.code.push_back({Instruction::Op::split, static_cast<int>(loop + 1), 0});
          if (!emit(body, depth + 1)) return false;
          out_.code.push_back({Instruction::Op::jump, static_cast<int>(loop), 0});
          out_.code[loop].y = static_cast<int>(out_.code.size());
          return true;
        }
        std::vector<std::size_t> splits;
        for (int i = node.min; i < node.max; ++i) {
          splits.push_back(out_.code.size());
          out_.code.push_back({Instruction::Op::split, static_cast<int>(out_.code.size() + 1), 0});
          if (!emit(body, depth + 1)) return false;
        }
        for (std::size_t s : splits) out_.code[s].y = static_cast<int>(out_.code.size());
        return true;
      }
    }
    return false;
  }

 private:
  const std::vector<Node>& nodes_;
  SafeRegex::Program& out_;
};

}  // namespace

SafeRegex::SafeRegex(std::unique_ptr<Program> program) : program_(std::move(program)) {}
SafeRegex::SafeRegex(SafeRegex&&) noexcept = default;
SafeRegex& SafeRegex::operator=(SafeRegex&&) noexcept = default;
SafeRegex::~SafeRegex() = default;

std::optional<SafeRegex> SafeRegex::compile(std::string_view pattern, std::string* error) {
  auto fail = [&](std::string e) -> std::optional<SafeRegex> {
    if (error) *error = std::move(e);
    return std::nullopt;
  };
  if (pattern.size() > kMaxPattern) return fail("pattern longer than 4096 characters");
  Parser parser(pattern);
  int root = parser.parse();
  if (root < 0) return fail(parser.error);
  auto program = std::make_unique<Program>();
  Compiler compiler(parser.nodes, *program);
  if (!compiler.emit(root) || program->code.size() > kMaxInstructions) return fail("pattern too large");
  program->code.push_back({Instruction::Op::match, 0, 0});
  return SafeRegex(std::move(program));
}

bool SafeRegex::full_match(std::string_view text) const {
  const auto& code = program_->code;
  const std::size_t n = code.size();
  // Sparse sets of program counters (current and next step), filled through epsilon closures.
  std::vector<int> current, next, stack;
  std::vector<std::size_t> seen(n, std::numeric_limits<std::size_t>::max());
  std::size_t generation = 0;
  auto add = [&](std::vector<int>& list, int start, std::size_t pos) {
    stack.assign(1, start);
    while (!stack.empty()) {
      int pc = stack.back();
      stack.pop_back();
      if (seen[static_cast<std::size_t>(pc)] == generation) continue;
      seen[static_cast<std::size_t>(pc)] = generation;
      const Instruction& in = code[static_cast<std::size_t>(pc)];
      switch (in.op) {
        case Instruction::Op::jump:
          stack.push_back(in.x);
          break;
        case Instruction::Op::split:
          stack.push_back(in.y);
          stack.push_back(in.x);
          break;
        case Instruction::Op::bol:
          if (pos == 0) stack.push_back(pc + 1);
          break;
        case Instruction::Op::eol:
          if (pos == text.size()) stack.push_back(pc + 1);
          break;
        default:
          list.push_back(pc);
      }
    }
  };
  add(current, 0, 0);
  for (std::size_t pos = 0; pos < text.size() && !current.empty(); ++pos) {
    ++generation;
    next.clear();
    auto byte = static_cast<unsigned char>(text[pos]);
    for (int pc : current) {
      const Instruction& in = code[static_cast<std::size_t>(pc)];
      if (in.op == Instruction::Op::chars && program_->sets[static_cast<std::size_t>(in.x)].test(byte)) {
        add(next, pc + 1, pos + 1);
      }
    }
    std::swap(current, next);
  }
  for (int pc : current) {
    if (code[static_cast<std::size_t>(pc)].op == Instruction::Op::match) return true;
  }
  return false;
}

}  // namespace hoplite::cfn::detail
