#include "describe/json_html.hpp"

#include "describe/html.hpp"

namespace hoplite::describe {
namespace {

constexpr int kMaxDepth = 64;
constexpr std::size_t kInlineWidth = 72;

void indent(std::string& out, int level) { out.append(static_cast<std::size_t>(level) * 2, ' '); }

bool is_scalar(const Json& v) { return !v.is_structured(); }

/// A scalar as JSON text (numbers and literals as written by nlohmann, strings quoted).
std::string scalar_text(const Json& v) { return v.dump(-1, ' ', false, Json::error_handler_t::replace); }

class Writer {
 public:
  Writer(std::string& out, const DetailLink& link) : out_(out), link_(link) {}

  void value(const Json& v, int level) {
    if (level > kMaxDepth) {
      out_ += "…";
      return;
    }
    if (v.is_object() && v.size() == 1 && intrinsic(v, level)) return;
    if (v.is_object()) return object(v, level);
    if (v.is_array()) return array(v, level);
    scalar(v, level);
  }

 private:
  void scalar(const Json& v, int level) {
    if (v.is_string()) {
      const std::string& s = v.get_ref<const std::string&>();
      if (s.find('\n') != std::string::npos && s.size() > 40) return block(s, level);
      out_ += "<span class=\"s\">\"";
      append_linked_text(out_, s, link_);
      out_ += "\"</span>";
      return;
    }
    out_ += "<span class=\"n\">";
    append_escaped(out_, scalar_text(v));
    out_ += "</span>";
  }

  /// A multi-line string as a YAML-style literal block: "|" and its lines, indented.
  void block(const std::string& s, int level) {
    out_ += "<span class=\"s\">|";
    std::size_t start = 0;
    while (start <= s.size()) {
      std::size_t end = s.find('\n', start);
      if (end == std::string::npos) end = s.size();
      if (end == s.size() && start == end) break;  // the trailing newline
      out_ += '\n';
      indent(out_, level + 1);
      append_linked_text(out_, std::string_view(s).substr(start, end - start), link_);
      start = end + 1;
    }
    out_ += "</span>";
  }

  void object(const Json& v, int level) {
    if (v.empty()) {
      out_ += "{}";
      return;
    }
    out_ += "{\n";
    std::size_t i = 0;
    for (const auto& [key, member] : v.items()) {
      indent(out_, level + 1);
      out_ += "<span class=\"k\">";
      append_escaped(out_, key);
      out_ += "</span>: ";
      value(member, level + 1);
      out_ += ++i < v.size() ? ",\n" : "\n";
    }
    indent(out_, level);
    out_ += "}";
  }

  void array(const Json& v, int level) {
    if (v.empty()) {
      out_ += "[]";
      return;
    }
    std::size_t width = 0;
    bool flat = true;
    for (const auto& item : v) {
      if (!is_scalar(item)) {
        flat = false;
        break;
      }
      width += scalar_text(item).size() + 2;
    }
    if (flat && width <= kInlineWidth) {
      out_ += "[";
      for (std::size_t i = 0; i < v.size(); ++i) {
        if (i > 0) out_ += ", ";
        scalar(v[i], level);
      }
      out_ += "]";
      return;
    }
    out_ += "[\n";
    for (std::size_t i = 0; i < v.size(); ++i) {
      indent(out_, level + 1);
      value(v[i], level + 1);
      out_ += i + 1 < v.size() ? ",\n" : "\n";
    }
    indent(out_, level);
    out_ += "]";
  }

  bool intrinsic(const Json& v, int level) {
    const std::string& key = v.begin().key();
    const Json& arg = v.begin().value();
    if (key == "Ref" && arg.is_string()) {
      out_ += "<span class=\"fn\">!Ref</span> ";
      const std::string& target = arg.get_ref<const std::string&>();
      append_link(out_, resolve(target), target);
      return true;
    }
    if (key == "Fn::GetAtt" && arg.is_array() && arg.size() == 2 && arg[0].is_string() && arg[1].is_string()) {
      out_ += "<span class=\"fn\">!GetAtt</span> ";
      const std::string& target = arg[0].get_ref<const std::string&>();
      append_link(out_, resolve(target), target);
      out_ += ".";
      append_escaped(out_, arg[1].get_ref<const std::string&>());
      return true;
    }
    if (!key.starts_with("Fn::") && key != "Condition") return false;
    out_ += "<span class=\"fn\">!";
    append_escaped(out_, key.starts_with("Fn::") ? std::string_view(key).substr(4) : std::string_view(key));
    out_ += "</span> ";
    value(arg, level);
    return true;
  }

  std::string resolve(std::string_view name) const { return link_ ? link_(name) : std::string(); }

  std::string& out_;
  const DetailLink& link_;
};

}  // namespace

void append_link(std::string& out, std::string_view id, std::string_view text) {
  if (id.empty()) {
    append_escaped(out, text);
    return;
  }
  out += "<a class=\"ref\" href=\"#";
  out += id;  // ids are made by describe (d-r12): no escaping needed, but they never hold user text
  out += "\" data-detail=\"";
  out += id;
  out += "\">";
  append_escaped(out, text);
  out += "</a>";
}

void append_linked_text(std::string& out, std::string_view text, const DetailLink& link) {
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t open = text.find("${", i);
    const std::size_t close = open == std::string_view::npos ? open : text.find('}', open + 2);
    if (open == std::string_view::npos || close == std::string_view::npos) {
      append_escaped(out, text.substr(i));
      return;
    }
    append_escaped(out, text.substr(i, open - i));
    const std::string_view body = text.substr(open + 2, close - open - 2);
    const std::string_view name = body.substr(0, body.find('.'));
    const std::string id = body.starts_with('!') || !link ? std::string() : link(name);
    out += "<span class=\"ph\">";
    append_link(out, id, text.substr(open, close - open + 1));
    out += "</span>";
    i = close + 1;
  }
}

void append_json_html(std::string& out, const Json& value, const DetailLink& link) {
  Writer(out, link).value(value, 0);
}

}  // namespace hoplite::describe
