// JSON templates through nlohmann's SAX interface, so the tree is built by ValueBuilder (bounded
// depth and size, linear-time objects) instead of nlohmann's own DOM parser.

#include <algorithm>

#include "cfn/read/template_text.hpp"
#include "cfn/read/value_builder.hpp"

namespace hoplite::cfn::detail {

namespace {

class JsonHandler final : public nlohmann::json_sax<TemplateValue> {
 public:
  explicit JsonHandler(const TemplateLimits& limits) : builder(limits) {}

  bool null() override { return builder.scalar(nullptr); }
  bool boolean(bool b) override { return builder.scalar(b); }
  bool number_integer(number_integer_t n) override { return builder.scalar(n); }
  bool number_unsigned(number_unsigned_t n) override { return builder.scalar(n); }
  bool number_float(number_float_t n, const string_t&) override { return builder.scalar(n); }
  bool string(string_t& s) override { return builder.scalar(std::move(s)); }
  bool binary(binary_t&) override { return false; }  // never produced by the JSON lexer
  bool start_object(std::size_t) override { return builder.start_object(); }
  bool key(string_t& k) override {
    builder.key(std::move(k));
    return true;
  }
  bool end_object() override {
    builder.end_container();
    return true;
  }
  bool start_array(std::size_t) override { return builder.start_array(); }
  bool end_array() override {
    builder.end_container();
    return true;
  }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception&) override {
    error_position = position;
    syntax_error = true;
    return false;
  }

  ValueBuilder builder;
  std::size_t error_position = 0;
  bool syntax_error = false;
};

// Jackson (AWS's parser) reports the line of the offending character and a column one past it.
std::string position_text(std::string_view text, std::size_t chars_read) {
  std::size_t offending = chars_read == 0 ? 0 : std::min(chars_read - 1, text.size());
  std::string_view before = text.substr(0, offending);
  auto line = 1 + std::count(before.begin(), before.end(), '\n');
  std::size_t last_newline = before.rfind('\n');
  std::size_t line_start = last_newline == std::string_view::npos ? 0 : last_newline + 1;
  return "(line " + std::to_string(line) + ", column " + std::to_string(offending - line_start + 2) + ")";
}

}  // namespace

ParsedText parse_json_text(std::string_view text, const TemplateLimits& limits) {
  JsonHandler handler(limits);
  bool ok = TemplateValue::sax_parse(text.begin(), text.end(), &handler, nlohmann::json::input_format_t::json,
                                     /*strict=*/true, /*ignore_comments=*/false);
  if (ok && handler.builder.done()) return handler.builder.take();
  if (handler.syntax_error) {
    return std::string("Template format error: JSON not well-formed. ") + position_text(text, handler.error_position);
  }
  return "Template format error: " + handler.builder.error() + ".";
}

}  // namespace hoplite::cfn::detail
