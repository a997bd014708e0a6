// YAML templates through yaml-cpp's event interface: the events build a TemplateValue directly
// (ValueBuilder bounds depth and size), short-form tags become intrinsic objects, aliases are
// copied within the value budget, and plain scalars get YAML 1.2 core-schema types.
//
// yaml-cpp's parser recurses once per nesting level, but it reports each map/sequence start to
// the handler before descending, so the handler's depth limit stops it long before its own guard.

#include <charconv>
#include <cstdint>
#include <map>
#include <optional>
#include <sstream>
#include <string_view>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "cfn/read/template_text.hpp"
#include "cfn/read/value_builder.hpp"
#include "hoplite/core/terminal_text.hpp"

namespace hoplite::cfn::detail {

namespace {

constexpr std::string_view kCoreTag = "tag:yaml.org,2002:";
constexpr std::string_view kNotWellFormed = "Template format error: YAML not well-formed.";

struct Abort {
  std::string message;
};

// CloudFormation's short forms: "!Name" -> "Fn::Name", except Ref and Condition.
std::optional<std::string> intrinsic_for_tag(std::string_view tag) {
  static constexpr std::string_view kFunctions[] = {
      "Base64",  "Cidr",       "FindInMap",    "GetAZs",   "ImportValue",      "Join",         "Select",
      "Split",   "Sub",        "Transform",    "And",      "Equals",           "If",           "Not",
      "Or",      "Length",     "ToJsonString", "Contains", "EachMemberEquals", "EachMemberIn", "RefAll",
      "ValueOf", "ValueOfAll", "GetAtt"};
  if (!tag.starts_with('!') || tag.starts_with("!!")) return std::nullopt;
  std::string_view name = tag.substr(1);
  if (name == "Ref" || name == "Condition") return std::string(name);
  for (std::string_view f : kFunctions) {
    if (name == f) return "Fn::" + std::string(name);
  }
  return std::nullopt;
}

bool all_of(std::string_view s, std::string_view allowed) {
  return !s.empty() && s.find_first_not_of(allowed) == std::string_view::npos;
}

// YAML 1.2 core schema for plain scalars (null is reported by yaml-cpp as OnNull).
TemplateValue plain_scalar(const std::string& text) {
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  std::string_view s = text;
  std::string_view digits = s;
  if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) digits.remove_prefix(1);
  if (all_of(digits, "0123456789")) {
    std::int64_t v = 0;
    std::string_view parse = s.starts_with('+') ? s.substr(1) : s;
    auto [end, ec] = std::from_chars(parse.data(), parse.data() + parse.size(), v);
    if (ec == std::errc() && end == parse.data() + parse.size()) return v;
    return text;  // out of range: keep the text rather than lose digits
  }
  if ((s.starts_with("0x") && all_of(s.substr(2), "0123456789abcdefABCDEF")) ||
      (s.starts_with("0o") && all_of(s.substr(2), "01234567"))) {
    std::int64_t v = 0;
    auto [end, ec] = std::from_chars(s.data() + 2, s.data() + s.size(), v, s[1] == 'x' ? 16 : 8);
    if (ec == std::errc() && end == s.data() + s.size()) return v;
    return text;
  }
  // [-+]? ( \.[0-9]+ | [0-9]+ ( \.[0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  std::size_t int_digits = 0, frac_digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++int_digits;
  bool dot = i < s.size() && s[i] == '.';
  if (dot) {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++frac_digits;
  }
  bool mantissa = int_digits > 0 || frac_digits > 0;
  if (mantissa && i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < s.size() && (s[j] == '-' || s[j] == '+')) ++j;
    std::size_t exp_digits = 0;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j, ++exp_digits;
    i = exp_digits > 0 ? j : s.size() + 1;
  }
  if (mantissa && i == s.size() && (dot || s.find_first_of("eE") != std::string_view::npos)) {
    double v = 0;
    std::string_view parse = s.starts_with('+') ? s.substr(1) : s;
    auto [end, ec] = std::from_chars(parse.data(), parse.data() + parse.size(), v);
    if (ec == std::errc() && end == parse.data() + parse.size()) return v;
  }
  return text;  // .inf and .nan have no JSON form: they stay text
}

class YamlHandler final : public YAML::EventHandler {
 public:
  explicit YamlHandler(const TemplateLimits& limits) : builder_(limits) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark&, YAML::anchor_t anchor) override {
    if (take_key("")) return;
    check(builder_.scalar(nullptr));
    finish_value(anchor, 1, 0);
  }

  void OnAlias(const YAML::Mark&, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) throw Abort{std::string(kNotWellFormed)};
    const Anchored& a = it->second;
    if (expecting_key()) {
      if (!a.value.is_string()) throw Abort{std::string(kNotWellFormed)};
      take_key(a.value.get<std::string>());
      return;
    }
    check(builder_.copy(a.value, a.values, a.depth));
    finish_value(0, a.values, a.depth);
  }

  void OnScalar(const YAML::Mark&, const std::string& tag, YAML::anchor_t anchor, const std::string& value) override {
    // yaml-cpp passes raw bytes through and decodes escapes such as "\ud800" to lone surrogates:
    // refuse any scalar that is not UTF-8, as the JSON parser does, so every string of a template
    // can be written back as JSON (a fuzz-found crash in nlohmann's dump()).
    if (!core::is_utf8(value)) throw Abort{std::string(kNotWellFormed)};
    if (expecting_key()) {
      if (tag != "?" && tag != "!" && tag != std::string(kCoreTag) + "str") throw Abort{std::string(kNotWellFormed)};
      take_key(value);
      return;
    }
    std::size_t before = builder_.values();
    std::size_t depth = 0;
    if (auto function = intrinsic_for_tag(tag)) {
      check(builder_.start_object());
      builder_.key(*function);
      if (*function == "Fn::GetAtt") {
        // !GetAtt Resource.Attribute: the attribute may itself contain dots (Endpoint.Address).
        check(builder_.start_array());
        auto dot = value.find('.');
        check(builder_.scalar(value.substr(0, dot)));
        if (dot != std::string::npos) check(builder_.scalar(value.substr(dot + 1)));
        builder_.end_container();
        depth = 2;
      } else {
        check(builder_.scalar(value));
        depth = 1;
      }
      builder_.end_container();
    } else {
      check(builder_.scalar(typed_scalar(tag, value)));
    }
    finish_value(anchor, builder_.values() - before, depth);
  }

  void OnSequenceStart(const YAML::Mark&, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(tag, anchor, /*map=*/false);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark&, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(tag, anchor, /*map=*/true);
  }
  void OnMapEnd() override {
    if (!frames_.back().expect_key) throw Abort{std::string(kNotWellFormed)};
    close();
  }

  ValueBuilder& builder() { return builder_; }

 private:
  struct Frame {
    bool map = false;
    bool expect_key = false;
    bool wrapped = false;  // inside {"Fn::X": ...} from a short-form tag
    YAML::anchor_t anchor = 0;
    std::size_t values_before = 0;
    std::size_t height = 1;  // levels of nesting in this container's subtree, itself included
  };
  struct Anchored {
    TemplateValue value;
    std::size_t values = 0;
    std::size_t depth = 0;
  };

  void check(bool ok) {
    if (!ok) throw Abort{"Template format error: " + builder_.error() + "."};
  }
  [[nodiscard]] bool expecting_key() const {
    return !frames_.empty() && frames_.back().map && frames_.back().expect_key;
  }
  bool take_key(std::string key) {
    if (!expecting_key()) return false;
    builder_.key(std::move(key));
    frames_.back().expect_key = false;
    return true;
  }

  static TemplateValue typed_scalar(const std::string& tag, const std::string& value) {
    if (tag == "?") return plain_scalar(value);
    if (tag == "!") return value;
    if (!tag.starts_with(kCoreTag)) throw Abort{"Template format error: YAML tag " + tag + " is not supported."};
    std::string_view kind = std::string_view(tag).substr(kCoreTag.size());
    if (kind == "str") return value;
    TemplateValue typed = plain_scalar(value);
    if (kind == "int" && typed.is_number_integer()) return typed;
    if (kind == "float" && typed.is_number()) return typed.get<double>();
    if (kind == "bool" && typed.is_boolean()) return typed;
    if (kind == "null" && (value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL")) {
      return nullptr;
    }
    throw Abort{std::string(kNotWellFormed)};
  }

  void open(const std::string& tag, YAML::anchor_t anchor, bool map) {
    if (expecting_key()) throw Abort{std::string(kNotWellFormed)};  // complex keys
    Frame f{map, map, false, anchor, builder_.values(), 1};
    if (auto function = intrinsic_for_tag(tag)) {
      check(builder_.start_object());
      builder_.key(*function);
      f.wrapped = true;
      f.height = 2;
    } else if (tag != "?" && tag != "!" && tag != std::string(kCoreTag) + (map ? "map" : "seq")) {
      throw Abort{"Template format error: YAML tag " + tag + " is not supported."};
    }
    check(map ? builder_.start_object() : builder_.start_array());
    frames_.push_back(f);
  }

  void close() {
    Frame f = frames_.back();
    frames_.pop_back();
    builder_.end_container();
    if (f.wrapped) builder_.end_container();
    finish_value(f.anchor, builder_.values() - f.values_before, f.height);
  }

  // After a complete value: remember it under its anchor, update the parent's height, and let a
  // map expect its next key.
  void finish_value(YAML::anchor_t anchor, std::size_t values, std::size_t height) {
    if (anchor != 0) anchors_[anchor] = Anchored{builder_.last(), values, height};
    if (frames_.empty()) return;
    Frame& parent = frames_.back();
    std::size_t own = height + (parent.wrapped ? 2 : 1);
    if (own > parent.height) parent.height = own;
    if (parent.map) parent.expect_key = true;
  }

  ValueBuilder builder_;
  std::vector<Frame> frames_;
  std::map<YAML::anchor_t, Anchored> anchors_;
};

}  // namespace

ParsedText parse_yaml_text(std::string_view text, const TemplateLimits& limits) {
  std::istringstream in{std::string(text)};
  try {
    YAML::Parser parser(in);
    YamlHandler handler(limits);
    if (!parser.HandleNextDocument(handler) || !handler.builder().done()) return std::string(kNotWellFormed);
    YamlHandler rest(limits);
    if (parser.HandleNextDocument(rest)) return std::string(kNotWellFormed);  // a second document
    return handler.builder().take();
  } catch (const Abort& a) {
    return a.message;
  } catch (const YAML::Exception&) {
    return std::string(kNotWellFormed);
  }
}

}  // namespace hoplite::cfn::detail
