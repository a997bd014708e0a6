#pragma once
/// \file
/// hoplite::Service: one self-deploying service — its name (the CloudFormation stack
/// name), its tasks, its CloudFormation resources and constructs, and its workflow hooks.
/// Everything that goes into the template goes in through add(): a resource or a construct
/// (cfn::Construct, hoplite/cfn/construct.hpp).
///
/// **Example** (the whole main of a service):
/// \code
///   int main(int argc, char** argv) {
///     hoplite::Service svc{"ServicefulStepFunction", "Step Function with this binary as a Fargate task"};
///     svc.add_task("fargateTask", "Sample Fargate task", [](hoplite::TaskContext& ctx) {
///       ctx.out() << "Insert your Fargate code here! 🎉\n";
///       return 0;
///     });
///     auto& topic = svc.add(hoplite::cfn::sns::Topic{"Notifications"});
///     svc.add(hoplite::cfn::Output{"TopicArn", hoplite::cfn::ref(topic)});
///     return hoplite::run(svc, argc, argv);
///   }
/// \endcode
///
/// Definition mistakes (a bad name, a duplicate task) throw app::DefinitionError at once. A
/// Service also installs a std::terminate handler, so an exception that escapes main before
/// hoplite::run still ends the process with the message on stderr and exit code 1, not an abort.

#include <concepts>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "hoplite/app/definition_error.hpp"
#include "hoplite/app/hooks.hpp"
#include "hoplite/app/task.hpp"
#include "hoplite/cfn/construct.hpp"
#include "hoplite/cfn/template.hpp"

namespace hoplite::app {

/// Why `name` cannot be a service (stack) name, or nullopt when it can: CloudFormation stack
/// names are 1–128 characters of [A-Za-z0-9-] and start with a letter.
[[nodiscard]] std::optional<std::string> stack_name_problem(std::string_view name);

/// Command names a task cannot take: the built-in commands, present and planned.
[[nodiscard]] std::span<const std::string_view> reserved_command_names();

/// A service: its name (the stack name), its tasks, its CloudFormation template and its hooks. `hoplite::run(svc, argc,
/// argv)` turns it into the CLI.
class Service {
 public:
  /// Throws DefinitionError app.service.101 when `name` is not a valid stack name.
  Service(std::string name, std::string description);
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  /// The name given at construction (the stack name).
  [[nodiscard]] const std::string& name() const { return name_; }
  /// The description given at construction (the template's default Description).
  [[nodiscard]] const std::string& description() const { return description_; }

  /// Registers a task: a subcommand that runs `fn` (inside the container) and exits with its
  /// return value. Names are 1–64 of [A-Za-z0-9_-] starting with a letter (app.service.102), not
  /// a built-in command (103), and unique (104). `summary` is the line shown in --help.
  Service& add_task(std::string name, std::string summary, TaskFn fn);
  /// The registered tasks, in order.
  [[nodiscard]] const std::vector<Task>& tasks() const { return tasks_; }
  /// nullptr when there is no such task.
  [[nodiscard]] const Task* find_task(std::string_view name) const;

  /// Adds a CloudFormation resource to the service's template; returns the stored resource so
  /// it can be referenced (cfn::ref(topic)) or changed. Throws cfn::ValidationError for a bad or
  /// duplicate logical ID.
  template <class R>
  requires std::is_base_of_v<cfn::Resource, std::remove_cvref_t<R>> std::remove_cvref_t<R>
  &add(R&& resource) { return template_.add(std::forward<R>(resource)); }

  /// Adds a construct (cfn::Construct: anything with `add_to(cfn::Template&)` — fargate::PublicNetwork,
  /// fargate::Cluster, fargate::Task, sfn::StateMachine, cfn::Output or your own): the service keeps
  /// a copy for as long as it lives and calls its add_to() on the template now, so the template
  /// lists everything in the order the code adds it. Returns the stored copy, valid for the
  /// service's lifetime, for what refers to it (`task.run_on(cluster, net)`). The copy is const:
  /// its resources are already in the template, so configure a construct (`add_to_task_role`)
  /// before adding it, and change the template's resources (cfn_template().find_as<T>()) after.
  /// Whatever add_to() throws (cfn::ValidationError for a duplicate logical ID) propagates.
  template <cfn::Construct C>
  requires std::constructible_from<std::remove_cvref_t<C>, C &&> const std::remove_cvref_t<C>& add(C&& construct) {
    using T = std::remove_cvref_t<C>;
    auto stored = std::make_shared<T>(std::forward<C>(construct));
    stored->add_to(template_);
    constructs_.push_back(stored);
    return *stored;
  }
  ///@{
  /// The template as defined (before decorators run). Its description defaults to the service's.
  [[nodiscard]] cfn::Template& cfn_template() { return template_; }
  [[nodiscard]] const cfn::Template& cfn_template() const { return template_; }
  ///@}

  ///@{
  /// The service's workflow hooks (see hooks.hpp).
  [[nodiscard]] Hooks& hooks() { return hooks_; }
  [[nodiscard]] const Hooks& hooks() const { return hooks_; }
  ///@}

 private:
  std::string name_;
  std::string description_;
  std::vector<Task> tasks_;
  cfn::Template template_;
  /// The constructs add() stored, in order; shared_ptr<void> erases their types and keeps their
  /// addresses stable.
  std::vector<std::shared_ptr<const void>> constructs_;
  Hooks hooks_;
};

}  // namespace hoplite::app
