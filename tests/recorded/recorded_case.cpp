#include "recorded_case.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace hoplite::recorded {

namespace {

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

std::vector<std::string> RecordedCase::resource_types() const {
  std::vector<std::string> out;
  if (meta.contains("resource_types")) {
    for (const auto& t : meta["resource_types"]) out.push_back(t.get<std::string>());
  }
  return out;
}

std::optional<std::string> RecordedCase::template_text(const std::string& name) const {
  auto it = templates.find(name);
  if (it == templates.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> RecordedCase::normalised_keys() const {
  std::vector<std::string> out;
  if (meta.contains("normalised_by_test")) {
    for (const auto& n : meta["normalised_by_test"]) {
      if (n.contains("key")) out.push_back(n["key"].get<std::string>());
    }
  }
  return out;
}

std::vector<RecordedCase> load_cases(const std::filesystem::path& root) {
  std::filesystem::path dir = root;
  if (std::filesystem::exists(root / "cloudformation")) dir = root / "cloudformation";
  std::vector<RecordedCase> cases;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (!entry.is_directory() || !std::filesystem::exists(entry.path() / "case.json")) continue;
    RecordedCase c;
    c.id = entry.path().filename().string();
    c.dir = entry.path();
    c.meta = Json::parse(read_file(entry.path() / "case.json"));
    c.responses = Json::parse(read_file(entry.path() / "responses.json"));
    if (std::filesystem::exists(entry.path() / "templates")) {
      for (const auto& t : std::filesystem::directory_iterator(entry.path() / "templates")) {
        c.templates["templates/" + t.path().filename().string()] = read_file(t.path());
      }
    }
    cases.push_back(std::move(c));
  }
  std::sort(cases.begin(), cases.end(), [](const RecordedCase& a, const RecordedCase& b) { return a.id < b.id; });
  return cases;
}

}  // namespace hoplite::recorded
