// cfn_gen — regenerates the typed CloudFormation resource classes from the spec subset.
//
//   cfn_gen [--spec spec/cfn-spec-subset.json] [--patches spec/patches] [--out .]
//
// Writes include/hoplite/cfn/resources/** and src/cfn/resources/** under --out and removes files
// there that the spec no longer produces. Usually run as `cmake --build <build> --target
// cfn_regenerate` from the repository root; the ctest test cfn_gen_fresh fails when the committed
// output differs from what this writes.

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>

#include "generator.hpp"

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_if_changed(const fs::path& p, const std::string& content) {
  if (fs::exists(p) && slurp(p) == content) return;
  fs::create_directories(p.parent_path());
  fs::path tmp = p;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out) throw std::runtime_error("cannot write " + tmp.string());
  }
  fs::rename(tmp, p);
}

int usage() {
  std::cerr << "usage: cfn_gen [--spec FILE] [--patches DIR] [--out DIR]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path spec_path = "spec/cfn-spec-subset.json";
  fs::path patches_dir = "spec/patches";
  fs::path out_dir = ".";
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (i + 1 >= argc) return usage();
    if (arg == "--spec") {
      spec_path = argv[++i];
    } else if (arg == "--patches") {
      patches_dir = argv[++i];
    } else if (arg == "--out") {
      out_dir = argv[++i];
    } else {
      return usage();
    }
  }
  try {
    nlohmann::json spec = nlohmann::json::parse(slurp(spec_path));
    std::map<std::string, nlohmann::json> patches;
    if (fs::is_directory(patches_dir)) {
      for (const auto& entry : fs::directory_iterator(patches_dir)) {
        if (entry.path().extension() == ".json") {
          patches[entry.path().filename().string()] = nlohmann::json::parse(slurp(entry.path()));
        }
      }
    }
    hoplite::cfn_gen::apply_patches(spec, patches);
    // The banner names the input relative to the repository, never this machine's paths.
    auto files = hoplite::cfn_gen::generate(spec, "spec/" + spec_path.filename().string());
    std::set<fs::path> produced;
    for (const auto& [rel, content] : files) {
      fs::path p = out_dir / rel;
      write_if_changed(p, content);
      produced.insert(p.lexically_normal());
    }
    for (const char* dir : {"include/hoplite/cfn/resources", "src/cfn/resources"}) {
      fs::path root = out_dir / dir;
      if (!fs::is_directory(root)) continue;
      for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (entry.is_regular_file() && !produced.contains(entry.path().lexically_normal())) {
          std::cerr << "cfn_gen: removing stale " << entry.path().string() << "\n";
          fs::remove(entry.path());
        }
      }
    }
    std::cerr << "cfn_gen: " << files.size() << " files under " << out_dir.string() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "cfn_gen: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
