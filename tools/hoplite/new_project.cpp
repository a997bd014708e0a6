// `hoplite new NAME [--dir D]`: a new service project that builds against an installed hoplite
// (find_package or pkg-config) and runs with no edits. Never writes into a directory that already
// holds something: a project is created, not merged into someone's files.
#include <filesystem>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "hoplite/core/file.hpp"
#include "hoplite/core/terminal_text.hpp"
#include "new_project_files.hpp"

namespace hoplite::tool {

int run_new(const NewOptions& options) {
  namespace fs = std::filesystem;
  if (auto problem = project_name_problem(options.name)) {
    std::cerr << "hoplite new: " << *problem << "\n";
    return kExitUsage;
  }
  const fs::path dir = options.dir.empty() ? fs::path(options.name) : fs::path(options.dir);
  const std::string shown = core::terminal_safe(dir.string());
  std::error_code ec;
  const auto status = fs::symlink_status(dir, ec);
  if (fs::exists(status)) {
    if (!fs::is_directory(status)) {
      std::cerr << "hoplite new: " << shown << " exists and is not a directory\n";
      return kExitFailure;
    }
    if (!fs::is_empty(dir, ec) || ec) {
      std::cerr << "hoplite new: " << shown << " is not empty; choose a new directory with --dir\n";
      return kExitFailure;
    }
  }
  fs::create_directories(dir, ec);
  if (ec) {
    std::cerr << "hoplite new: cannot create " << shown << ": " << ec.message() << "\n";
    return kExitFailure;
  }
  for (const ProjectFile& file : project_files(options.name)) {
    if (auto written = core::write_file_atomic(dir / file.path, file.content); !written) {
      std::cerr << "hoplite new: " << core::terminal_safe(written.error().to_string()) << "\n";
      return kExitFailure;
    }
  }
  std::cout << "created " << shown << "/ (CMakeLists.txt, main.cpp, README.md, .gitignore)\n"
            << "next:\n"
            << "  cmake -S " << shown << " -B " << shown << "/build"
            << " -DCMAKE_PREFIX_PATH=<where hoplite is installed>\n"
            << "  cmake --build " << shown << "/build\n"
            << "  " << shown << "/build/" << options.name << " synth\n";
  return kExitOk;
}

void add_new(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<NewOptions>();
  CLI::App* sub = app.add_subcommand("new", "Create a new service project (CMake, main.cpp, README)");
  sub->add_option("name", opt->name, "The project's name: directory, binary and stack name (a-z, 0-9, -)")->required();
  sub->add_option("--dir", opt->dir, "Where to create it (default: ./NAME); must not exist or be empty");
  sub->callback([opt, exit_code] { *exit_code = run_new(*opt); });
}

}  // namespace hoplite::tool
