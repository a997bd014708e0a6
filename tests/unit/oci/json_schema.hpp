#pragma once
// A small JSON Schema (draft-04) validator for the OCI image-spec schemas in
// tests/testdata/oci/schema — test-only, header-only. It implements the keywords those schemas
// use: $ref (file and JSON-pointer, relative to the schema directory), type, properties,
// patternProperties, additionalProperties, required, items, minItems, maxItems, minimum, maximum,
// pattern, enum, oneOf, anyOf, allOf, and format "date-time". Unknown keywords are ignored, as
// the draft says. An error is `<json pointer>: <what>`.

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace hoplite::oci::testing {

class JsonSchemaValidator {
 public:
  explicit JsonSchemaValidator(std::filesystem::path schema_dir) : dir_(std::move(schema_dir)) {}

  /// Errors of `instance` against schema file `schema_file` (e.g. "image-manifest-schema.json").
  std::vector<std::string> validate(const nlohmann::json& instance, const std::string& schema_file) {
    std::vector<std::string> errors;
    check(instance, load(schema_file), schema_file, "", errors);
    return errors;
  }

 private:
  const nlohmann::json& load(const std::string& file) {
    auto it = docs_.find(file);
    if (it != docs_.end()) return it->second;
    std::ifstream in(dir_ / file);
    if (!in) throw std::runtime_error("schema not found: " + (dir_ / file).string());
    return docs_[file] = nlohmann::json::parse(in);
  }

  static bool is_type(const nlohmann::json& v, const std::string& t) {
    if (t == "object") return v.is_object();
    if (t == "array") return v.is_array();
    if (t == "string") return v.is_string();
    if (t == "integer") return v.is_number_integer();
    if (t == "number") return v.is_number();
    if (t == "boolean") return v.is_boolean();
    if (t == "null") return v.is_null();
    return false;
  }

  void check(const nlohmann::json& v, const nlohmann::json& s, const std::string& doc, const std::string& at,
             std::vector<std::string>& errors) {
    if (s.contains("$ref")) {  // draft-04: $ref replaces the whole schema
      std::string ref = s["$ref"].get<std::string>();
      auto hash = ref.find('#');
      std::string file = hash == 0 ? doc : ref.substr(0, hash);
      std::string pointer = hash == std::string::npos ? "" : ref.substr(hash + 1);
      const nlohmann::json& target = load(file);
      check(v, pointer.empty() ? target : target.at(nlohmann::json::json_pointer(pointer)), file, at, errors);
      return;
    }
    auto fail = [&](const std::string& what) { errors.push_back((at.empty() ? "/" : at) + ": " + what); };
    if (auto t = s.find("type"); t != s.end()) {
      bool ok = false;
      if (t->is_string()) ok = is_type(v, t->get<std::string>());
      for (const auto& e : t->is_array() ? *t : nlohmann::json::array()) ok = ok || is_type(v, e.get<std::string>());
      if (!ok) return fail("expected type " + t->dump() + ", got " + v.dump());
    }
    if (auto e = s.find("enum"); e != s.end()) {
      bool found = false;
      for (const auto& x : *e) found = found || x == v;
      if (!found) fail("value " + v.dump() + " not in enum " + e->dump());
    }
    if (v.is_string()) {
      if (auto p = s.find("pattern");
          p != s.end() && !std::regex_search(v.get<std::string>(), std::regex(p->get<std::string>()))) {
        fail("'" + v.get<std::string>() + "' does not match " + p->get<std::string>());
      }
      if (s.value("format", "") == "date-time" &&
          !std::regex_match(v.get<std::string>(),
                            std::regex(R"(\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2}))"))) {
        fail("'" + v.get<std::string>() + "' is not an RFC 3339 date-time");
      }
    }
    if (v.is_number()) {
      if (auto m = s.find("minimum"); m != s.end() && v.get<double>() < m->get<double>()) fail("below minimum");
      if (auto m = s.find("maximum"); m != s.end() && v.get<double>() > m->get<double>()) fail("above maximum");
    }
    if (v.is_array()) {
      if (auto m = s.find("minItems"); m != s.end() && v.size() < m->get<std::size_t>()) fail("too few items");
      if (auto m = s.find("maxItems"); m != s.end() && v.size() > m->get<std::size_t>()) fail("too many items");
      if (auto items = s.find("items"); items != s.end() && items->is_object()) {
        for (std::size_t i = 0; i < v.size(); ++i) check(v[i], *items, doc, at + "/" + std::to_string(i), errors);
      }
    }
    if (v.is_object()) {
      for (const auto& r : s.value("required", nlohmann::json::array())) {
        if (!v.contains(r.get<std::string>())) fail("missing required property '" + r.get<std::string>() + "'");
      }
      const auto props = s.value("properties", nlohmann::json::object());
      const auto patterns = s.value("patternProperties", nlohmann::json::object());
      for (const auto& [k, child] : v.items()) {
        bool matched = false;
        if (props.contains(k)) {
          matched = true;
          check(child, props[k], doc, at + "/" + k, errors);
        }
        for (const auto& [pat, ps] : patterns.items()) {
          if (std::regex_search(k, std::regex(pat))) {
            matched = true;
            check(child, ps, doc, at + "/" + k, errors);
          }
        }
        if (auto ap = s.find("additionalProperties"); ap != s.end() && !matched) {
          if (ap->is_boolean() && !ap->get<bool>()) fail("unexpected property '" + k + "'");
          if (ap->is_object()) check(child, *ap, doc, at + "/" + k, errors);
        }
      }
    }
    auto count_valid = [&](const nlohmann::json& list) {
      int n = 0;
      for (const auto& sub : list) {
        std::vector<std::string> e;
        check(v, sub, doc, at, e);
        if (e.empty()) ++n;
      }
      return n;
    };
    if (auto o = s.find("oneOf"); o != s.end() && count_valid(*o) != 1) fail("does not match exactly one of oneOf");
    if (auto o = s.find("anyOf"); o != s.end() && count_valid(*o) < 1) fail("matches none of anyOf");
    if (auto o = s.find("allOf"); o != s.end()) {
      for (const auto& sub : *o) check(v, sub, doc, at, errors);
    }
  }

  std::filesystem::path dir_;
  std::map<std::string, nlohmann::json> docs_;
};

}  // namespace hoplite::oci::testing
