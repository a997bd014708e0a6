// Writing JSON text: compact, iterative (no recursion, whatever the depth), with caps.
#include <fmt/format.h>

#include <cstdint>
#include <vector>

#include "sfn/json/text.hpp"

namespace hoplite::sfn::asl {
namespace {

// Length of the UTF-8 sequence starting at s[i] when it is valid, else 0.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  auto cont = [&](std::size_t k) { return k < s.size() && (b(k) & 0xC0) == 0x80; };
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(i + 1) || !cont(i + 2)) return 0;
    if (c == 0xE0 && b(i + 1) < 0xA0) return 0;  // overlong
    if (c == 0xED && b(i + 1) > 0x9F) return 0;  // surrogates
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    if (c == 0xF0 && b(i + 1) < 0x90) return 0;  // overlong
    if (c == 0xF4 && b(i + 1) > 0x8F) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

void append_scalar(std::string& out, const Json& v) {
  switch (v.type()) {
    case Json::value_t::null:
      out += "null";
      break;
    case Json::value_t::boolean:
      out += v.get<bool>() ? "true" : "false";
      break;
    case Json::value_t::number_integer:
      fmt::format_to(std::back_inserter(out), "{}", v.get<std::int64_t>());
      break;
    case Json::value_t::number_unsigned:
      fmt::format_to(std::back_inserter(out), "{}", v.get<std::uint64_t>());
      break;
    case Json::value_t::string:
      append_json_string(out, v.get_ref<const std::string&>());
      break;
    default:
      out += v.dump();  // floats: nlohmann's shortest round-trip form ("1.1", "3.0")
      break;
  }
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"':
        out += "\\\"";
        ++i;
        continue;
      case '\\':
        out += "\\\\";
        ++i;
        continue;
      case '\b':
        out += "\\b";
        ++i;
        continue;
      case '\f':
        out += "\\f";
        ++i;
        continue;
      case '\n':
        out += "\\n";
        ++i;
        continue;
      case '\r':
        out += "\\r";
        ++i;
        continue;
      case '\t':
        out += "\\t";
        ++i;
        continue;
      default:
        break;
    }
    if (c < 0x20) {
      fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
      ++i;
      continue;
    }
    std::size_t n = utf8_length(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD for a byte that is not UTF-8
      ++i;
      continue;
    }
    out.append(s.data() + i, n);
    i += n;
  }
  out += '"';
}

bool write_json(std::string& out, const Json& value, const WriteLimits& limits) {
  if (!value.is_structured()) {
    append_scalar(out, value);
    return out.size() <= limits.max_bytes;
  }
  // Each frame is a container and the position of the next child to write.
  struct Frame {
    const Json* value;
    Json::const_iterator next;
    bool first;
  };
  std::vector<Frame> stack;
  auto open = [&](const Json& v) {
    out += v.is_object() ? '{' : '[';
    stack.push_back(Frame{&v, v.cbegin(), true});
  };
  open(value);
  while (!stack.empty()) {
    if (out.size() > limits.max_bytes) return false;
    Frame& f = stack.back();
    if (f.next == f.value->cend()) {
      out += f.value->is_object() ? '}' : ']';
      stack.pop_back();
      continue;
    }
    if (!f.first) out += ',';
    f.first = false;
    auto it = f.next++;
    if (f.value->is_object()) {
      append_json_string(out, it.key());
      out += ':';
    }
    const Json& child = *it;
    if (child.is_structured()) {
      if (stack.size() >= limits.max_depth) return false;
      open(child);
    } else {
      append_scalar(out, child);
    }
  }
  return out.size() <= limits.max_bytes;
}

std::string to_text(const Json& value) {
  std::string out;
  // No caps: callers write values the interpreter has already bounded.
  (void)write_json(out, value, WriteLimits{.max_bytes = SIZE_MAX, .max_depth = SIZE_MAX});
  return out;
}

}  // namespace hoplite::sfn::asl
