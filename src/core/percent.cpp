#include "hoplite/core/percent.hpp"

namespace hoplite::core {
namespace {

constexpr char kHexDigits[] = "0123456789ABCDEF";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string encode(std::string_view s, bool keep_slash) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (is_unreserved(c) || (keep_slash && c == '/')) {
      out += c;
    } else {
      auto u = static_cast<unsigned char>(c);
      out += '%';
      out += kHexDigits[u >> 4];
      out += kHexDigits[u & 0xF];
    }
  }
  return out;
}

/// Decodes into `out`; returns false at the first malformed escape when `strict`.
bool decode(std::string_view s, bool plus_is_space, bool strict, std::string& out) {
  out.reserve(out.size() + s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%') {
      int hi = i + 2 < s.size() ? hex_value(s[i + 1]) : -1;
      int lo = hi >= 0 ? hex_value(s[i + 2]) : -1;
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
      if (strict) return false;
      out += c;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return true;
}

}  // namespace

std::string percent_encode(std::string_view s) { return encode(s, false); }

std::string percent_encode_path(std::string_view s) { return encode(s, true); }

std::string percent_decode(std::string_view s) {
  std::string out;
  decode(s, false, false, out);
  return out;
}

std::optional<std::string> percent_decode_strict(std::string_view s) {
  std::string out;
  if (!decode(s, false, true, out)) return std::nullopt;
  return out;
}

std::string form_encode(const std::vector<FormField>& fields) {
  std::string out;
  for (const auto& [k, v] : fields) {
    if (!out.empty()) out += '&';
    out += percent_encode(k);
    out += '=';
    out += percent_encode(v);
  }
  return out;
}

std::vector<FormField> form_decode(std::string_view body) {
  std::vector<FormField> out;
  while (!body.empty()) {
    std::size_t amp = body.find('&');
    std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
    if (pair.empty()) continue;
    std::size_t eq = pair.find('=');
    FormField field;
    decode(pair.substr(0, eq), true, false, field.first);
    if (eq != std::string_view::npos) decode(pair.substr(eq + 1), true, false, field.second);
    out.push_back(std::move(field));
  }
  return out;
}

}  // namespace hoplite::core
