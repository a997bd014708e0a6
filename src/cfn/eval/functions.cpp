#include "cfn/eval/functions.hpp"

#include <charconv>
#include <cmath>

#include <openssl/evp.h>
#include "cfn/read/sections.hpp"
#include "hoplite/cfn/evaluator.hpp"

namespace hoplite::cfn::detail {

namespace {

constexpr const char* kJoinError =
    "Template error: every Fn::Join object requires two parameters, (1) a string delimiter and (2) a list of "
    "strings to be joined or a function that returns a list of strings (such as Fn::GetAZs) to be joined.";
constexpr const char* kSelectError =
    "Template error: Fn::Select requires a list argument with two elements: an integer index and a list";
constexpr const char* kSplitError =
    "Template error: every Fn::Split object requires two parameters, (1) a string delimiter and (2) a string to be "
    "split or a function that returns a string to be split.";
constexpr const char* kFindInMapError =
    "Template error: every Fn::FindInMap object requires three parameters, the map name, map key and the attribute "
    "for return value";

bool contains_unknown(const TemplateValue& v) {
  if (is_unknown(v)) return true;
  if (!v.is_structured()) return false;
  for (const TemplateValue& item : v) {
    if (contains_unknown(item)) return true;
  }
  return false;
}

// An index given as a number or as the text of an integer ("1", from a parameter).
std::optional<long long> index_of(const TemplateValue& v) {
  if (v.is_number_integer()) return v.get<long long>();
  if (v.is_number_float()) {
    double d = v.get<double>();
    if (d == std::floor(d) && std::fabs(d) < 1e15) return static_cast<long long>(d);
    return std::nullopt;
  }
  if (!v.is_string()) return std::nullopt;
  const std::string& s = v.get_ref<const std::string&>();
  long long n = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return n;
}

}  // namespace

bool is_unknown(const TemplateValue& v) { return v.is_string() && v.get_ref<const std::string&>() == kKnownAfterApply; }

TemplateValue unknown_value() { return std::string(kKnownAfterApply); }

bool is_text_like(const TemplateValue& v) { return v.is_string() || v.is_number() || v.is_boolean(); }

Outcome fn_join(const TemplateValue& args) {
  if (!args.is_array() || args.size() != 2 || !args[0].is_string()) return std::string(kJoinError);
  const TemplateValue& items = args[1];
  if (is_unknown(args[0]) || is_unknown(items)) return unknown_value();
  if (!items.is_array()) return std::string(kJoinError);
  std::string out;
  const std::string& delimiter = args[0].get_ref<const std::string&>();
  bool first = true;
  for (const TemplateValue& item : items) {
    if (!is_text_like(item)) return std::string(kJoinError);
    if (is_unknown(item)) return unknown_value();
    if (!first) out += delimiter;
    out += scalar_text(item);
    first = false;
  }
  return TemplateValue(std::move(out));
}

Outcome fn_select(const TemplateValue& args) {
  if (!args.is_array() || args.size() != 2) return std::string(kSelectError);
  auto index = index_of(args[0]);
  if (is_unknown(args[0]) || is_unknown(args[1])) return unknown_value();
  if (!index || !args[1].is_array()) return std::string(kSelectError);
  if (*index < 0 || static_cast<std::size_t>(*index) >= args[1].size()) {
    return "Template error: Fn::Select cannot select nonexistent value at index " + std::to_string(*index);
  }
  return args[1][static_cast<std::size_t>(*index)];
}

Outcome fn_split(const TemplateValue& args) {
  if (!args.is_array() || args.size() != 2 || !args[0].is_string()) return std::string(kSplitError);
  if (is_unknown(args[0]) || is_unknown(args[1])) return unknown_value();
  if (!is_text_like(args[1])) return std::string(kSplitError);
  const std::string& delimiter = args[0].get_ref<const std::string&>();
  if (delimiter.empty()) return std::string(kSplitError);
  std::string text = scalar_text(args[1]);
  TemplateValue out = TemplateValue::array();
  std::size_t start = 0;
  for (;;) {
    std::size_t at = text.find(delimiter, start);
    if (at == std::string::npos) {
      out.push_back(text.substr(start));
      break;
    }
    out.push_back(text.substr(start, at - start));
    start = at + delimiter.size();
  }
  return out;
}

Outcome fn_base64(const TemplateValue& arg) {
  if (is_unknown(arg)) return unknown_value();
  if (!is_text_like(arg)) return std::string("Template error: every Fn::Base64 object must have a String value");
  // OpenSSL's encoder (core links OpenSSL already) until core/base64.hpp lands; then this becomes
  // core::base64_encode, the project's one codec.
  std::string text = scalar_text(arg);
  std::string out(4 * ((text.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  out.resize(static_cast<std::size_t>(n));
  return TemplateValue(std::move(out));
}

Outcome fn_length(const TemplateValue& arg) {
  if (is_unknown(arg)) return unknown_value();
  if (!arg.is_array()) return std::string("Template error: Fn::Length requires a list argument");
  return TemplateValue(static_cast<std::int64_t>(arg.size()));
}

Outcome fn_to_json_string(const TemplateValue& arg) {
  if (contains_unknown(arg)) return unknown_value();
  if (!arg.is_structured()) return std::string("Template error: Fn::ToJsonString requires an object or a list");
  return TemplateValue(arg.dump());
}

Outcome fn_find_in_map(const TemplateValue& mappings, const TemplateValue& args, bool language_extensions) {
  if (!args.is_array() || args.size() < 3 || args.size() > 4) return std::string(kFindInMapError);
  const TemplateValue* fallback = nullptr;
  if (args.size() == 4) {
    if (!language_extensions || !args[3].is_object() || !args[3].contains("DefaultValue") || args[3].size() != 1) {
      return std::string(kFindInMapError);
    }
    fallback = &args[3]["DefaultValue"];
  }
  for (std::size_t i = 0; i < 3; ++i) {
    if (is_unknown(args[i])) return unknown_value();
    if (!is_text_like(args[i])) return std::string(kFindInMapError);
  }
  std::string map = scalar_text(args[0]), key = scalar_text(args[1]), attribute = scalar_text(args[2]);
  // contains/at rather than find: GCC 12 sees a "null dereference" in nested nlohmann iterators.
  const TemplateValue* found = nullptr;
  if (mappings.is_object() && mappings.contains(map)) {
    const TemplateValue& m = mappings.at(map);
    if (m.is_object() && m.contains(key)) {
      const TemplateValue& k = m.at(key);
      if (k.is_object() && k.contains(attribute)) found = &k.at(attribute);
    }
  }
  if (found != nullptr) {
    if (found->is_array()) {
      TemplateValue list = TemplateValue::array();
      for (const TemplateValue& item : *found) list.push_back(scalar_text(item));
      return list;
    }
    return TemplateValue(scalar_text(*found));
  }
  if (fallback != nullptr) return *fallback;
  return "Template error: Unable to get mapping for " + map + "::" + key + "::" + attribute;
}

}  // namespace hoplite::cfn::detail
