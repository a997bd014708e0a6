#pragma once
/// \file The files of a new service project (`hoplite new NAME`): what a project needs to build
/// against an installed hoplite and run with no edits.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hoplite::tool {

/// One file of the project: its path relative to the project directory and its bytes.
struct ProjectFile {
  std::string path;     ///< "CMakeLists.txt", "main.cpp", "README.md", ".gitignore"
  std::string content;  ///< the text, with the project's name filled in
};

/// Why `name` cannot name a project, or nullopt when it can. A project name is the directory, the
/// CMake project, the binary and the CloudFormation stack: 1-64 of `a-z 0-9 -`, starting with a
/// letter, not ending with `-`.
[[nodiscard]] std::optional<std::string> project_name_problem(std::string_view name);

/// The project's files, in a fixed order (same name → same bytes).
[[nodiscard]] std::vector<ProjectFile> project_files(std::string_view name);

}  // namespace hoplite::tool
