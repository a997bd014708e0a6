#include <fmt/format.h>

#include <cctype>

#include "sfn/query/intrinsic.hpp"
#include "sfn/query/json_path.hpp"

namespace hoplite::sfn::asl {
namespace {

struct Signature {
  const char* name;
  Intrinsic function;
  std::size_t min_args;
  std::size_t max_args;  // SIZE_MAX: any number
};

constexpr std::size_t kAny = static_cast<std::size_t>(-1);

constexpr Signature kFunctions[] = {
    {"States.Format", Intrinsic::kFormat, 1, kAny},
    {"States.StringToJson", Intrinsic::kStringToJson, 1, 1},
    {"States.JsonToString", Intrinsic::kJsonToString, 1, 1},
    {"States.Array", Intrinsic::kArray, 0, kAny},
    {"States.ArrayPartition", Intrinsic::kArrayPartition, 2, 2},
    {"States.ArrayContains", Intrinsic::kArrayContains, 2, 2},
    {"States.ArrayRange", Intrinsic::kArrayRange, 3, 3},
    {"States.ArrayGetItem", Intrinsic::kArrayGetItem, 2, 2},
    {"States.ArrayLength", Intrinsic::kArrayLength, 1, 1},
    {"States.ArrayUnique", Intrinsic::kArrayUnique, 1, 1},
    {"States.Base64Encode", Intrinsic::kBase64Encode, 1, 1},
    {"States.Base64Decode", Intrinsic::kBase64Decode, 1, 1},
    {"States.Hash", Intrinsic::kHash, 2, 2},
    {"States.JsonMerge", Intrinsic::kJsonMerge, 3, 3},
    {"States.MathRandom", Intrinsic::kMathRandom, 2, 3},
    {"States.MathAdd", Intrinsic::kMathAdd, 2, 2},
    {"States.StringSplit", Intrinsic::kStringSplit, 2, 2},
    {"States.UUID", Intrinsic::kUuid, 0, 0},
};

class CallParser {
 public:
  explicit CallParser(std::string_view text) : t_(text) {}

  core::Result<std::shared_ptr<const IntrinsicCall>> parse() {
    auto call = parse_call(0);
    if (!call) return call;
    spaces();
    if (i_ != t_.size()) return error("unexpected text after the closing parenthesis");
    return call;
  }

 private:
  std::string_view t_;
  std::size_t i_ = 0;

  core::Failure error(std::string_view what) const {
    return core::fail("intrinsic.syntax",
                      fmt::format("invalid intrinsic function '{}' at character {}: {}", t_, i_ + 1, what));
  }

  void spaces() {
    while (i_ < t_.size() && std::isspace(static_cast<unsigned char>(t_[i_]))) ++i_;
  }

  core::Result<std::shared_ptr<const IntrinsicCall>> parse_call(std::size_t depth) {
    if (depth >= kMaxIntrinsicDepth) return error("calls nested too deeply");
    std::size_t start = i_;
    while (i_ < t_.size() && (std::isalnum(static_cast<unsigned char>(t_[i_])) || t_[i_] == '.')) ++i_;
    std::string name(t_.substr(start, i_ - start));
    const Signature* sig = nullptr;
    for (const auto& s : kFunctions)
      if (name == s.name) sig = &s;
    if (sig == nullptr) return error(fmt::format("'{}' is not an intrinsic function", name));
    spaces();
    if (i_ >= t_.size() || t_[i_] != '(') return error("expected '('");
    ++i_;
    auto call = std::make_shared<IntrinsicCall>();
    call->function = sig->function;
    call->name = name;
    spaces();
    if (i_ < t_.size() && t_[i_] == ')') {
      ++i_;
    } else {
      for (;;) {
        auto arg = parse_arg(depth);
        if (!arg) return arg.failure();
        call->args.push_back(std::move(*arg));
        spaces();
        if (i_ < t_.size() && t_[i_] == ',') {
          ++i_;
          continue;
        }
        if (i_ < t_.size() && t_[i_] == ')') {
          ++i_;
          break;
        }
        return error("expected ',' or ')'");
      }
    }
    std::size_t n = call->args.size();
    if (n < sig->min_args || n > sig->max_args) {
      std::string expected = sig->min_args == sig->max_args ? std::to_string(sig->min_args)
                             : sig->max_args == kAny        ? fmt::format("at least {}", sig->min_args)
                                                            : fmt::format("{} or {}", sig->min_args, sig->max_args);
      return core::fail("intrinsic.syntax", fmt::format("{} takes {} argument{}, not {}: '{}'", name, expected,
                                                        expected == "1" ? "" : "s", n, t_));
    }
    call->text = std::string(t_.substr(start, i_ - start));
    return std::shared_ptr<const IntrinsicCall>(call);
  }

  core::Result<IntrinsicArg> parse_arg(std::size_t depth) {
    spaces();
    if (i_ >= t_.size()) return error("expected an argument");
    IntrinsicArg arg;
    char c = t_[i_];
    if (c == '\'') return string_literal();
    if (c == '$') {
      auto text = path_text();
      auto p = JsonPath::compile(text);
      if (!p) return core::fail("intrinsic.syntax", fmt::format("in '{}': {}", t_, p.error().message));
      arg.kind = IntrinsicArg::Kind::kPath;
      arg.path = std::make_shared<JsonPath>(std::move(*p));
      return arg;
    }
    if (t_.substr(i_).starts_with("States.")) {
      auto call = parse_call(depth + 1);
      if (!call) return call.failure();
      arg.kind = IntrinsicArg::Kind::kCall;
      arg.call = std::move(*call);
      return arg;
    }
    std::size_t start = i_;
    while (i_ < t_.size() && t_[i_] != ',' && t_[i_] != ')' && !std::isspace(static_cast<unsigned char>(t_[i_]))) ++i_;
    std::string_view word = t_.substr(start, i_ - start);
    auto value = parse_json(word);
    if (!value || value->is_structured() || value->is_string()) {
      i_ = start;
      return error("expected a quoted string, a number, true, false, null, a path or a call");
    }
    arg.literal = std::move(*value);
    return arg;
  }

  // 'text' with \' \{ \} \\ escapes; remembers where unescaped {} pairs are.
  core::Result<IntrinsicArg> string_literal() {
    ++i_;  // opening quote
    IntrinsicArg arg;
    std::string s;
    bool last_open_unescaped = false;
    while (i_ < t_.size() && t_[i_] != '\'') {
      char c = t_[i_];
      if (c == '\\') {
        if (i_ + 1 >= t_.size()) return error("a backslash ends the string");
        char e = t_[i_ + 1];
        // \' \{ \} \\ are the escapes of the ASL; any other backslash is kept as written.
        if (e != '\'' && e != '{' && e != '}' && e != '\\') s.push_back(c);
        s.push_back(e);
        i_ += 2;
        last_open_unescaped = false;
        continue;
      }
      if (c == '}' && last_open_unescaped) arg.placeholders.push_back(s.size() - 1);
      last_open_unescaped = c == '{';
      s.push_back(c);
      ++i_;
    }
    if (i_ >= t_.size()) return error("unterminated string");
    ++i_;
    arg.literal = std::move(s);
    return arg;
  }

  // A path argument ends at ',' or ')' outside brackets, parentheses and quotes.
  std::string_view path_text() {
    std::size_t start = i_;
    int nesting = 0;
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
      } else if (c == '[' || c == '(') {
        ++nesting;
      } else if (c == ']' || c == ')') {
        if (nesting == 0) break;
        --nesting;
      } else if (nesting == 0 && (c == ',' || std::isspace(static_cast<unsigned char>(c)))) {
        break;
      }
      ++i_;
    }
    return t_.substr(start, i_ - start);
  }
};

}  // namespace

bool looks_like_intrinsic(std::string_view text) {
  if (!text.starts_with("States.")) return false;
  std::size_t open = text.find('(');
  return open != std::string_view::npos && open > 7;
}

core::Result<std::shared_ptr<const IntrinsicCall>> parse_intrinsic(std::string_view text) {
  return CallParser(text).parse();
}

}  // namespace hoplite::sfn::asl
