#include "new_project_files.hpp"

#include <fmt/format.h>

namespace hoplite::tool {
namespace {

constexpr std::size_t kMaxProjectName = 64;

constexpr std::string_view kCMakeLists = R"(cmake_minimum_required(VERSION 3.25)
project(@NAME@ LANGUAGES CXX)

set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
if(NOT CMAKE_BUILD_TYPE)
  set(CMAKE_BUILD_TYPE RelWithDebInfo CACHE STRING "Build type" FORCE)
endif()

# hoplite installed into a prefix: cmake -S . -B build -DCMAKE_PREFIX_PATH=<prefix>
find_package(hoplite CONFIG REQUIRED)

# One binary: the Fargate task and the tool that synthesizes, builds and deploys it.
add_executable(@NAME@ main.cpp)
target_link_libraries(@NAME@ PRIVATE hoplite::hoplite)
)";

constexpr std::string_view kMain =
    R"(// @NAME@: a self-deploying service. This binary is the Fargate task (`@NAME@ work`) and the
// tool that describes, builds and deploys its own stack (`@NAME@ synth`, `@NAME@ build`, ...).
#include <hoplite/fargate/all.hpp>
#include <hoplite/hoplite.hpp>
#include <hoplite/sfn/all.hpp>

int main(int argc, char** argv) {
  hoplite::Service svc{"@NAME@", "@NAME@: one Fargate task run by a state machine"};

  svc.add_task("work", "The task's work", [](hoplite::TaskContext& ctx) {
    ctx.out() << "Hello from @NAME@!\n";
    return 0;  // the exit code ECS and Step Functions see
  });

  // Where the task runs: a public VPC over two availability zones, a cluster, 0.25 vCPU / 512 MiB.
  // Everything goes into the service with svc.add(): resources, these blocks, your own constructs.
  namespace fargate = hoplite::fargate;
  auto& net = svc.add(fargate::PublicNetwork{"Net", {.availability_zones = 2}});
  auto& cluster = svc.add(fargate::Cluster{"Cluster"});
  auto& task = svc.add(fargate::Task{"Task", {.command = {"work"}, .cpu = 256, .memory_mib = 512}});

  // The state machine: run the task; a failure ends the execution as failed.
  namespace sfn = hoplite::sfn;
  sfn::EcsRunTask run{"Run Task", task.run_on(cluster, net)};
  sfn::Fail failed{"Task Failed", {.error = "TaskFailed", .cause = "the Fargate task failed"}};
  svc.add(sfn::StateMachine{"Machine", sfn::chain(run.catch_all(failed))});

  return hoplite::run(svc, argc, argv);
}
)";

constexpr std::string_view kReadme = R"(# @NAME@

A self-deploying service built with hoplite: one binary that is both the Fargate task and the
tool that deploys it.

## Build

    cmake -S . -B build -DCMAKE_PREFIX_PATH=<where hoplite is installed>
    cmake --build build

or with pkg-config, in one line:

    c++ -O2 main.cpp $(pkg-config --cflags --libs hoplite) -o @NAME@

## Use

    ./build/@NAME@ --help            # the commands and the tasks this binary offers
    ./build/@NAME@ synth             # the CloudFormation template, on stdout
    ./build/@NAME@ work              # run the task here, as Fargate will
    ./build/@NAME@ build --out image # the container image as an OCI layout (no Docker needed)
    ./build/@NAME@ describe --out @NAME@.html   # the service as one HTML page

Edit `main.cpp`: the task's code is the lambda given to `add_task`; the network, cluster, task
size and state machine follow it.
)";

constexpr std::string_view kGitignore = "/build/\n/image/\n*.html\n";

std::string fill(std::string_view text, std::string_view name) {
  std::string out;
  out.reserve(text.size());
  constexpr std::string_view kMark = "@NAME@";
  std::size_t at = 0;
  for (std::size_t hit; (hit = text.find(kMark, at)) != std::string_view::npos; at = hit + kMark.size()) {
    out.append(text.substr(at, hit - at));
    out.append(name);
  }
  out.append(text.substr(at));
  return out;
}

bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<std::string> project_name_problem(std::string_view name) {
  constexpr std::string_view kRule =
      "a project name is 1-64 of a-z, 0-9 and '-', starting with a letter and not ending with '-'";
  if (name.empty()) return fmt::format("the project name is empty; {}", kRule);
  if (name.size() > kMaxProjectName)
    return fmt::format("the project name is {} characters long; {}", name.size(), kRule);
  bool ok = is_lower(name.front()) && name.back() != '-';
  for (char c : name) ok = ok && (is_lower(c) || is_digit(c) || c == '-');
  if (!ok) return std::string("the project name is not valid; ") + std::string(kRule);
  return std::nullopt;
}

std::vector<ProjectFile> project_files(std::string_view name) {
  return {{"CMakeLists.txt", fill(kCMakeLists, name)},
          {"main.cpp", fill(kMain, name)},
          {"README.md", fill(kReadme, name)},
          {".gitignore", std::string(kGitignore)}};
}

}  // namespace hoplite::tool
