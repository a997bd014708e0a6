#pragma once
/// \file
/// cfn::Construct — what app::Service::add() accepts besides a resource: anything that knows
/// how to put itself into a template.
///
/// A construct is any type with a member `add_to(cfn::Template&)` (its return value, if any, is
/// ignored). The built-in ones are fargate::PublicNetwork, fargate::Cluster, fargate::Task,
/// sfn::StateMachine and cfn::Output; a service author writes their own the same way — a plain
/// struct is enough, no base class:
///
/// **Example**:
/// \code
///   /// A topic for alarms and an output with its ARN, as one block.
///   struct AlarmTopic {
///     std::string name;
///     void add_to(cfn::Template& t) const {
///       auto& topic = t.add(cfn::sns::Topic{name, {.DisplayName = "alarms"}});
///       t.add_output(name + "Arn", cfn::ref(topic));
///     }
///   };
///   auto& alarms = svc.add(AlarmTopic{"Alarms"});   // stored by the service; `alarms` stays valid
/// \endcode
///
/// A construct adds resources, parameters and outputs with the template's own calls, so the
/// template's rules (unique logical IDs, validation at render) hold for it as for everything else.
/// Resources (classes derived from cfn::Resource) are not constructs: they are added as they are.

#include <type_traits>

namespace hoplite::cfn {

class Resource;
class Template;

/// Has `add_to(cfn::Template&)`, callable on a non-const object (a `const` member function
/// qualifies too), and is not a cfn::Resource.
template <class T>
concept Construct =
    !std::is_base_of_v<Resource, std::remove_cvref_t<T>> && requires(std::remove_cvref_t<T> & construct, Template& t) {
  construct.add_to(t);
};

}  // namespace hoplite::cfn
