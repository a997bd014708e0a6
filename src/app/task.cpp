#include "hoplite/app/task.hpp"

#include <iostream>

#include "hoplite/app/build_id.hpp"

namespace hoplite::app {

TaskContext::TaskContext(Init init) : init_(std::move(init)), log_(core::Logger{}.with("task", init_.task_name)) {}

std::optional<std::string> TaskContext::env(std::string_view name) const {
  auto it = init_.environment.find(std::string(name));
  if (it == init_.environment.end()) return std::nullopt;
  return it->second;
}

const std::string& TaskContext::build_id() {
  if (!build_id_) {
    if (init_.build_id) {
      build_id_ = init_.build_id();
    } else {
      auto id = resolve_build_id({.flag = init_.globals.build_id});
      build_id_ = id ? id->value : std::string("unknown");
    }
  }
  return *build_id_;
}

std::ostream& TaskContext::out() { return init_.out != nullptr ? *init_.out : std::cout; }

std::ostream& TaskContext::err() { return init_.err != nullptr ? *init_.err : std::cerr; }

}  // namespace hoplite::app
