#include "hoplite/app/service.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <exception>

#include <fmt/format.h>

namespace hoplite::app {
namespace {

constexpr std::array<std::string_view, 12> kReserved = {
    "build", "delete",    "describe", "diff",  "execute", "help",
    "logs",  "provision", "status",   "synth", "version", "local",
};

bool is_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// An exception that escapes main() before hoplite::run would otherwise abort with a core dump
// and a cryptic "terminate called after...". Print what() like run() does, and exit 1.
[[noreturn]] void on_terminate() {
  if (std::exception_ptr e = std::current_exception()) {
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& x) {
      std::fprintf(stderr, "error: %s\n", x.what());
    } catch (...) {
      std::fprintf(stderr, "error: unknown exception\n");
    }
  } else {
    std::fprintf(stderr, "error: std::terminate called\n");
  }
  std::fflush(stderr);
  std::_Exit(1);
}

void install_terminate_handler() {
  static const bool installed = [] {
    std::set_terminate(on_terminate);
    return true;
  }();
  (void)installed;
}

}  // namespace

std::optional<std::string> stack_name_problem(std::string_view name) {
  constexpr std::string_view kRule =
      "a service name is the CloudFormation stack name: 1-128 characters of "
      "A-Z, a-z, 0-9 and '-', starting with a letter";
  if (name.empty()) return fmt::format("service name is empty; {}", kRule);
  if (name.size() > 128) return fmt::format("service name '{}' is {} characters long; {}", name, name.size(), kRule);
  if (!is_alpha(name.front())) return fmt::format("service name '{}' does not start with a letter; {}", name, kRule);
  for (char c : name) {
    if (!is_alpha(c) && !is_digit(c) && c != '-') {
      return fmt::format("service name '{}' contains '{}'; {}", name, c, kRule);
    }
  }
  return std::nullopt;
}

std::span<const std::string_view> reserved_command_names() { return kReserved; }

Service::Service(std::string name, std::string description)
    : name_(std::move(name)), description_(std::move(description)), template_(description_) {
  install_terminate_handler();
  if (auto problem = stack_name_problem(name_)) throw DefinitionError("app.service.101", *problem);
}

Service& Service::add_task(std::string name, std::string summary, TaskFn fn) {
  constexpr std::string_view kRule =
      "task names are 1-64 characters of A-Z, a-z, 0-9, '_' and '-', starting with a letter";
  bool valid = !name.empty() && name.size() <= 64 && is_alpha(name.front());
  for (char c : name) valid = valid && (is_alpha(c) || is_digit(c) || c == '_' || c == '-');
  if (!valid) throw DefinitionError("app.service.102", fmt::format("task name '{}' is not valid; {}", name, kRule));
  for (std::string_view reserved : kReserved) {
    if (name == reserved) {
      throw DefinitionError(
          "app.service.103",
          fmt::format("task name '{}' is a built-in command of every service; choose another name", name));
    }
  }
  if (find_task(name) != nullptr) {
    throw DefinitionError("app.service.104",
                          fmt::format("task '{}' is already registered in service '{}'", name, name_));
  }
  if (!fn) throw DefinitionError("app.service.105", fmt::format("task '{}' has no function", name));
  tasks_.push_back(Task{std::move(name), std::move(summary), std::move(fn)});
  return *this;
}

const Task* Service::find_task(std::string_view name) const {
  for (const Task& t : tasks_) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

}  // namespace hoplite::app
