// Writing JSON text: compact, iterative (no recursion, whatever the depth), with caps. One
// writer, two sinks: plain text, or the same text already escaped as a JSON string literal (how
// inputs and outputs sit inside history events) in the same single pass.
#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
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

// Bytes that end a run of plain copying in a JSON string: control characters, '"', '\', and
// non-ASCII (checked to be UTF-8).
constexpr std::array<bool, 256> kSpecial = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = c < 0x20 || c >= 0x80 || c == '"' || c == '\\';
  return t;
}();

// The JSON escape of one special ASCII byte ("\n", "\"", "\u0001"), in `buf`; its length.
std::size_t escape_of(unsigned char c, char* buf) {
  static const char kHex[] = "0123456789abcdef";
  buf[0] = '\\';
  switch (c) {
    case '"':
      buf[1] = '"';
      return 2;
    case '\\':
      buf[1] = '\\';
      return 2;
    case '\b':
      buf[1] = 'b';
      return 2;
    case '\f':
      buf[1] = 'f';
      return 2;
    case '\n':
      buf[1] = 'n';
      return 2;
    case '\r':
      buf[1] = 'r';
      return 2;
    case '\t':
      buf[1] = 't';
      return 2;
    default:
      buf[1] = 'u';
      buf[2] = '0';
      buf[3] = '0';
      buf[4] = kHex[c >> 4];
      buf[5] = kHex[c & 0xf];
      return 6;
  }
}

// A growable character buffer written through a raw pointer: appends are a bounds check and a
// store (std::string's push_back is not inlined across the library boundary).
class Buffer {
 public:
  // The storage keeps its full size between uses (only `len_` bytes are the text), so nothing is
  // cleared or zero-filled per call.
  explicit Buffer(std::string& storage) : s_(storage) {
    if (s_.size() < 256) s_.resize(256);
  }
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
  [[gnu::always_inline]] void put(char c) {
    if (len_ == s_.size()) [[unlikely]]
      grow(1);
    s_[len_++] = c;
  }
  [[gnu::always_inline]] void put(const char* p, std::size_t n) {
    if (len_ + n > s_.size()) [[unlikely]]
      grow(n);
    std::memcpy(s_.data() + len_, p, n);
    len_ += n;
  }
  [[nodiscard]] std::string_view view() const { return {s_.data(), len_}; }

 private:
  std::string& s_;
  std::size_t len_ = 0;
  [[gnu::noinline]] void grow(std::size_t need) { s_.resize(std::max(s_.size() * 2, len_ + need)); }
};

// Plain JSON text.
struct PlainSink {
  Buffer out;
  std::size_t count = 0;
  std::size_t plain() const { return count; }
  void raw(char c) {
    ++count;
    out.put(c);
  }
  void raw(std::string_view s) {
    count += s.size();
    out.put(s.data(), s.size());
  }
  void quote() { raw('"'); }
  // A JSON escape sequence (`\n`, `\"`, `\u0001`).
  void escape(const char* s, std::size_t n) { raw(std::string_view(s, n)); }
};

// The same text escaped as the contents of a JSON string literal: '"' and '\' of the plain
// text get a backslash. Counts the plain size for the limits.
struct LiteralSink {
  Buffer out;
  std::size_t count = 0;
  std::size_t plain() const { return count; }
  void raw(char c) {
    ++count;
    out.put(c);
  }
  void raw(std::string_view s) {
    count += s.size();
    out.put(s.data(), s.size());
  }
  void quote() {
    ++count;
    out.put("\\\"", 2);
  }
  // `\n` becomes `\\n`; `\"` and `\\` become `\\\"` and `\\\\`.
  void escape(const char* s, std::size_t n) {
    count += n;
    out.put("\\\\", 2);
    if (s[1] == '"' || s[1] == '\\') out.put('\\');
    out.put(s + 1, n - 1);
  }
};

template <typename Sink>
void write_string(Sink& sink, std::string_view s) {
  sink.quote();
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t run = i;
    while (run < s.size() && !kSpecial[static_cast<unsigned char>(s[run])]) ++run;
    if (run > i) sink.raw(s.substr(i, run - i));
    i = run;
    if (i == s.size()) break;
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      char buf[6];
      sink.escape(buf, escape_of(c, buf));
      ++i;
      continue;
    }
    std::size_t n = utf8_length(s, i);
    if (n == 0) {
      sink.raw("\xEF\xBF\xBD");  // U+FFFD for a byte that is not UTF-8
      ++i;
      continue;
    }
    sink.raw(s.substr(i, n));
    i += n;
  }
  sink.quote();
}

template <typename Sink>
void write_scalar(Sink& sink, const Json& v) {
  switch (v.type()) {
    case Json::value_t::null:
      return sink.raw("null");
    case Json::value_t::boolean:
      return sink.raw(v.get<bool>() ? "true" : "false");
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: {
      char buf[24];
      auto end = v.is_number_unsigned() ? std::to_chars(buf, buf + sizeof buf, v.get<std::uint64_t>()).ptr
                                        : std::to_chars(buf, buf + sizeof buf, v.get<std::int64_t>()).ptr;
      return sink.raw(std::string_view(buf, static_cast<std::size_t>(end - buf)));
    }
    case Json::value_t::string:
      return write_string(sink, v.get_ref<const std::string&>());
    default:
      return sink.raw(v.dump());  // floats: nlohmann's shortest round-trip form ("1.1", "3.0")
  }
}

template <typename Sink>
bool write_value(Sink& sink, const Json& value, const WriteLimits& limits) {
  if (!value.is_structured()) {
    write_scalar(sink, value);
    return sink.plain() <= limits.max_bytes;
  }
  // Each frame is a container and the position of the next child to write.
  struct Frame {
    const Json* value;
    Json::const_iterator next;
    bool first;
  };
  // Reused between calls (the writer never re-enters itself): no allocation per payload.
  thread_local std::vector<Frame> stack;
  stack.clear();
  auto open = [&](const Json& v) {
    sink.raw(v.is_object() ? '{' : '[');
    stack.push_back(Frame{&v, v.cbegin(), true});
  };
  open(value);
  while (!stack.empty()) {
    if (sink.plain() > limits.max_bytes) return false;
    Frame& f = stack.back();
    if (f.next == f.value->cend()) {
      sink.raw(f.value->is_object() ? '}' : ']');
      stack.pop_back();
      continue;
    }
    if (!f.first) sink.raw(',');
    f.first = false;
    auto it = f.next++;
    if (f.value->is_object()) {
      write_string(sink, it.key());
      sink.raw(':');
    }
    const Json& child = *it;
    if (child.is_structured()) {
      if (stack.size() >= limits.max_depth) return false;
      open(child);
    } else {
      write_scalar(sink, child);
    }
  }
  return sink.plain() <= limits.max_bytes;
}

// Text is written into a thread's scratch storage and appended to `out` once: `out` does not
// grow step by step. A huge payload's storage is given back afterwards.
void give_back(std::string& scratch) {
  if (scratch.size() > (1u << 20)) std::string().swap(scratch);
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  thread_local std::string scratch;
  PlainSink sink{Buffer(scratch)};
  write_string(sink, s);
  out += sink.out.view();
  give_back(scratch);
}

bool write_json(std::string& out, const Json& value, const WriteLimits& limits) {
  thread_local std::string scratch;
  PlainSink sink{Buffer(scratch)};
  bool ok = write_value(sink, value, limits);
  out += sink.out.view();
  give_back(scratch);
  return ok;
}

bool write_json_literal(std::string& out, const Json& value, const WriteLimits& limits, std::size_t* plain_size) {
  thread_local std::string scratch;
  LiteralSink sink{Buffer(scratch)};
  sink.out.put('"');
  bool ok = write_value(sink, value, limits);
  sink.out.put('"');
  out += sink.out.view();
  give_back(scratch);
  if (plain_size != nullptr) *plain_size = sink.plain();
  return ok;
}

bool append_member_literal(std::string& literal, std::size_t& plain_size, std::string_view key, const Json& value,
                           const WriteLimits& limits) {
  // The object's text ends with `}` and the literal's closing quote; an empty one is `"{}"`.
  if (literal.size() < 4 || literal.compare(literal.size() - 2, 2, "}\"") != 0) return false;
  if (plain_size > limits.max_bytes) return false;
  // The member sits one level below the object: a depth cap of d for the whole is d - 1 for it.
  if (value.is_structured() && limits.max_depth < 2) return false;
  const bool empty = literal.size() == 4;
  thread_local std::string scratch;
  LiteralSink sink{Buffer(scratch)};
  if (!empty) sink.raw(',');
  write_string(sink, key);
  sink.raw(':');
  // What the member adds may be at most what the whole may still add.
  const bool ok = write_value(
      sink, value, WriteLimits{.max_bytes = limits.max_bytes - plain_size, .max_depth = limits.max_depth - 1});
  if (ok) {
    literal.resize(literal.size() - 2);
    literal += sink.out.view();
    literal += "}\"";
    plain_size += sink.plain();
  }
  give_back(scratch);
  return ok;
}

std::string plain_of_literal(std::string_view literal) {
  // write_json_literal's only escapes at the literal's level are `\"` and `\\` (LiteralSink:
  // control characters were escaped in the plain text already, as `\n` -> `\\n`).
  if (literal.size() >= 2) literal = literal.substr(1, literal.size() - 2);
  std::string out;
  out.reserve(literal.size());
  for (std::size_t i = 0; i < literal.size();) {
    std::size_t at = literal.find('\\', i);
    if (at == std::string_view::npos || at + 1 == literal.size()) {
      out.append(literal.substr(i));
      break;
    }
    out.append(literal.substr(i, at - i));
    out += literal[at + 1];
    i = at + 2;
  }
  return out;
}

std::string to_text(const Json& value) {
  std::string out;
  // No caps: callers write values the interpreter has already bounded.
  (void)write_json(out, value, WriteLimits{.max_bytes = SIZE_MAX, .max_depth = SIZE_MAX});
  return out;
}

}  // namespace hoplite::sfn::asl
