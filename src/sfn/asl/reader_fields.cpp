// Field-level reading: types, ranges, paths, templates.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "sfn/asl/reader.hpp"

namespace hoplite::sfn::asl {
namespace {

std::string field_at(const std::string& at, const char* field) { return at + "/" + pointer_escape(field); }

// Fields that only exist with JSONata or variables; named specifically when they show up.
bool is_jsonata_field(std::string_view f) {
  return f == "Arguments" || f == "Output" || f == "Condition" || f == "Items";
}

}  // namespace

void Reader::check_fields(const Json& obj, const std::vector<const char*>& allowed, const std::string& at) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    const std::string& key = it.key();
    if (std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; })) continue;
    if (key == "Assign") {
      problem(DefinitionRule::kUnsupportedFeature, "UNSUPPORTED_FEATURE",
              "Variables (Assign) are not supported by hoplite yet; pass values through the state output instead",
              field_at(at, "Assign"));
    } else if (is_jsonata_field(key)) {
      problem(DefinitionRule::kUnsupportedFeature, "UNSUPPORTED_FEATURE",
              fmt::format("The field '{}' belongs to JSONata, which hoplite does not support yet", key),
              at + "/" + pointer_escape(key));
    } else {
      problem(DefinitionRule::kUnknownField, "SCHEMA_VALIDATION_FAILED",
              fmt::format("The field '{}' is not supported by Step Functions", key), at + "/" + pointer_escape(key));
    }
  }
}

std::optional<std::string> Reader::string_field(const Json& obj, const char* field, const std::string& at,
                                                bool required) {
  const Json* v = find_member(obj, field);
  if (v == nullptr) {
    if (required) schema(DefinitionRule::kMissingField, fmt::format("These fields are required: [{}]", field), at);
    return std::nullopt;
  }
  if (!v->is_string()) {
    schema(DefinitionRule::kMissingField, fmt::format("The value for the field '{}' must be a STRING", field),
           field_at(at, field));
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<std::int64_t> Reader::integer_field(const Json& obj, const char* field, const std::string& at,
                                                  std::int64_t min, std::int64_t max) {
  const Json* v = find_member(obj, field);
  if (v == nullptr) return std::nullopt;
  if (!v->is_number_integer() || (v->is_number_unsigned() && v->get<std::uint64_t>() > 99999999999ULL) ||
      v->get<std::int64_t>() < min || v->get<std::int64_t>() > max) {
    schema(DefinitionRule::kInvalidField,
           fmt::format("The value for the field '{}' must be an INTEGER between {} and {}", field, min, max),
           field_at(at, field));
    return std::nullopt;
  }
  return v->get<std::int64_t>();
}

std::optional<double> Reader::number_field(const Json& obj, const char* field, const std::string& at, double min,
                                           double max) {
  const Json* v = find_member(obj, field);
  if (v == nullptr) return std::nullopt;
  if (!v->is_number() || v->get<double>() < min || v->get<double>() > max) {
    schema(DefinitionRule::kInvalidField,
           fmt::format("The value for the field '{}' must be a NUMBER between {} and {}", field, min, max),
           field_at(at, field));
    return std::nullopt;
  }
  return v->get<double>();
}

OptionalPath Reader::optional_path(const Json& obj, const char* field, const std::string& at, bool reference) {
  OptionalPath out;
  const Json* v = find_member(obj, field);
  if (v == nullptr) return out;
  if (v->is_null()) {
    out.mode = OptionalPath::Mode::kNull;
    return out;
  }
  if (!v->is_string()) {
    schema(DefinitionRule::kInvalidField, fmt::format("The value for the field '{}' must be a STRING or null", field),
           field_at(at, field));
    return out;
  }
  auto p = JsonPath::compile(v->get_ref<const std::string&>());
  if (!p || (reference && !p->is_reference())) {
    schema(DefinitionRule::kInvalidField,
           fmt::format("The value for the field '{}' must be a valid {}: {}", field,
                       reference ? "reference path" : "JSONPath",
                       p ? std::string("only names and indices may follow '$'") : p.error().message),
           field_at(at, field));
    return out;
  }
  out.mode = OptionalPath::Mode::kPath;
  out.path = std::make_shared<JsonPath>(std::move(*p));
  return out;
}

std::unique_ptr<Expression> Reader::path_expression(const Json& obj, const char* field, const std::string& at,
                                                    bool reference) {
  const Json* v = find_member(obj, field);
  if (v == nullptr) return nullptr;
  if (!v->is_string()) {
    schema(DefinitionRule::kInvalidField, fmt::format("The value for the field '{}' must be a STRING", field),
           field_at(at, field));
    return nullptr;
  }
  auto p = JsonPath::compile(v->get_ref<const std::string&>());
  if (!p || (reference && !p->is_reference())) {
    schema(DefinitionRule::kInvalidField,
           fmt::format("The value for the field '{}' must be a valid {}: {}", field,
                       reference ? "reference path" : "JSONPath",
                       p ? std::string("only names and indices may follow '$'") : p.error().message),
           field_at(at, field));
    return nullptr;
  }
  return std::make_unique<PathExpression>(std::move(*p));
}

std::unique_ptr<Expression> Reader::path_or_call(const Json& obj, const char* field, const std::string& at) {
  const Json* v = find_member(obj, field);
  if (v == nullptr) return nullptr;
  if (v->is_string() && looks_like_intrinsic(v->get_ref<const std::string&>())) {
    auto call = parse_intrinsic(v->get_ref<const std::string&>());
    if (!call) {
      schema(DefinitionRule::kInvalidField, call.error().message, field_at(at, field));
      return nullptr;
    }
    return std::make_unique<CallExpression>(std::move(*call));
  }
  return path_expression(obj, field, at, false);
}

std::optional<PayloadTemplate> Reader::payload(const Json& obj, const char* field, const std::string& at) {
  const Json* v = find_member(obj, field);
  if (v == nullptr) return std::nullopt;
  std::string where;
  auto t = PayloadTemplate::compile(*v, &where);
  if (!t) {
    schema(DefinitionRule::kInvalidField, t.error().message, field_at(at, field) + where);
    return std::nullopt;
  }
  return std::move(*t);
}

DynamicNumber Reader::dynamic_number(const Json& obj, const char* field, const std::string& at, double min, double max,
                                     bool integer) {
  DynamicNumber out;
  std::string path_field = std::string(field) + "Path";
  bool literal = find_member(obj, field) != nullptr;
  bool path = find_member(obj, path_field) != nullptr;
  if (literal && path) {
    schema(DefinitionRule::kInvalidField,
           fmt::format("The fields '{}' and '{}' cannot both be given", field, path_field), at);
    return out;
  }
  if (literal) {
    if (integer) {
      auto v = integer_field(obj, field, at, static_cast<std::int64_t>(min), static_cast<std::int64_t>(max));
      if (v) out.literal = static_cast<double>(*v);
    } else {
      out.literal = number_field(obj, field, at, min, max);
    }
  }
  if (path) out.path = path_expression(obj, path_field.c_str(), at, true);
  return out;
}

}  // namespace hoplite::sfn::asl
