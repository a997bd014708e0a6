#pragma once
/// \file
/// cfn::Template — a CloudFormation template that services and decorators build and change.
///
/// **Example**:
///
///     cfn::Template t{"Notifications for the nightly job"};
///     auto& topic = t.add(cfn::sns::Topic{"Notifications", {.TopicName = "nightly"}});
///     t.add_output("TopicArn", cfn::ref(topic), {.description = "where results go",
///                                                .export_name = cfn::sub("${AWS::StackName}-topic")});
///     std::string text = t.render();   // validates (throws cfn::ValidationError), then renders
///
/// Rendering is deterministic: sections in the order AWSTemplateFormatVersion, Description,
/// Metadata, Parameters, Mappings, Conditions, Resources, Outputs; parameters, mappings,
/// conditions, resources and outputs in insertion order; 2-space indent, trailing newline, UTF-8
/// kept as is. Inside a resource: Type, Condition, DependsOn, Properties, DeletionPolicy,
/// UpdateReplacePolicy, Metadata.
///
/// Decorators may change everything: iterate resources(), find()/`find_as<T>()` by logical ID and
/// edit `props`, replace() or remove() a resource.

#include <cstddef>
#include <deque>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "hoplite/cfn/intrinsics.hpp"
#include "hoplite/cfn/json.hpp"
#include "hoplite/cfn/resource.hpp"

namespace hoplite::cfn {

/// A template parameter. Fields left empty are not rendered.
struct ParameterOptions {
  std::string type = "String";  ///< String, Number, List<Number>, CommaDelimitedList, AWS::EC2::VPC::Id, ...
  Json default_value;           ///< null = no default
  std::string description;      ///< shown by the console; "" = none
  std::vector<std::string> allowed_values;  ///< the only values accepted; empty = any
  std::string allowed_pattern;              ///< a regular expression CloudFormation checks a String against; "" = none
  std::string constraint_description;       ///< the message when a constraint fails; "" = AWS's default
  std::optional<int> min_length;            ///< shortest String accepted; default: no limit
  std::optional<int> max_length;            ///< longest String accepted; default: no limit
  std::optional<double> min_value;          ///< smallest Number accepted; default: no limit
  std::optional<double> max_value;          ///< largest Number accepted; default: no limit
  bool no_echo = false;                     ///< true: the value is masked (`****`) in describe calls
};

/// A parameter declared with Template::add_parameter; pass it to cfn::ref for its value.
class Parameter {
 public:
  /// The parameter `name` (its key under Parameters) with `o`.
  Parameter(std::string name, ParameterOptions o) : options(std::move(o)), name_(std::move(name)) {}
  /// The key under Parameters.
  [[nodiscard]] const std::string& name() const { return name_; }
  ParameterOptions options;  ///< type, default and constraints

 private:
  std::string name_;
};

/// An output's optional parts. Fields left empty are not rendered.
struct OutputOptions {
  std::string description;  ///< "" = none
  Json export_name;         ///< null = not exported; may be an intrinsic (sub("${AWS::StackName}-x"))
  std::string condition;    ///< a condition name; "" = always
};

class Template;

/// A template output. Also a cfn::Construct, so a service declares one like anything else:
/// `svc.add(cfn::Output{"TopicArn", cfn::ref(topic)})`.
struct Output {
  std::string name;       ///< the key under Outputs
  Json value;             ///< a literal or an intrinsic
  OutputOptions options;  ///< description, export name, condition

  /// Template::add_output(name, value, options).
  void add_to(Template& t) const;
};

/// A CloudFormation template: resources, parameters, mappings, conditions, outputs and metadata,
/// validated when rendered (see the file comment for an example).
class Template {
 public:
  /// An empty template with this Description ("" = none).
  explicit Template(std::string description = {});
  ///@{
  /// Moves the resources, parameters and the rest (the moved-from template is only to be assigned or destroyed).
  Template(Template&&) noexcept;
  Template& operator=(Template&&) noexcept;
  ///@}
  ~Template();
  /// Deep copy (resources are cloned).
  Template(const Template& other);
  /// Deep copy (resources are cloned).
  Template& operator=(const Template& other);

  /// The Description ("" = none).
  [[nodiscard]] const std::string& description() const { return description_; }
  /// Replaces the Description.
  void set_description(std::string description) { description_ = std::move(description); }

  /// Adds a resource and returns a reference to the stored copy (stable until it is removed).
  /// Throws ValidationError for an invalid (006) or duplicate (007) logical ID.
  template <class R>
  requires std::is_base_of_v<Resource, std::remove_cvref_t<R>> std::remove_cvref_t<R>
  &add(R&& resource) {
    using T = std::remove_cvref_t<R>;
    auto owned = std::make_unique<T>(std::forward<R>(resource));
    T& stored = *owned;
    add(std::unique_ptr<Resource>(std::move(owned)));
    return stored;
  }
  /// The same for a resource already on the heap.
  Resource& add(std::unique_ptr<Resource> resource);

  ///@{
  /// The resource with this logical ID; nullptr when absent.
  [[nodiscard]] Resource* find(std::string_view logical_id);
  [[nodiscard]] const Resource* find(std::string_view logical_id) const;
  ///@}
  ///@{
  /// The resource with this logical ID as a T; nullptr when absent or of another class.
  template <class T>
  [[nodiscard]] T* find_as(std::string_view logical_id) {
    return dynamic_cast<T*>(find(logical_id));
  }
  template <class T>
  [[nodiscard]] const T* find_as(std::string_view logical_id) const {
    return dynamic_cast<const T*>(find(logical_id));
  }
  ///@}
  /// Replaces the resource with the same logical ID (keeping its position). Throws
  /// std::out_of_range when there is none.
  Resource& replace(std::unique_ptr<Resource> resource);
  /// The same with a resource value; returns the stored copy.
  template <class R>
  requires std::is_base_of_v<Resource, std::remove_cvref_t<R>> std::remove_cvref_t<R>
  &replace(R&& resource) {
    using T = std::remove_cvref_t<R>;
    auto owned = std::make_unique<T>(std::forward<R>(resource));
    T& stored = *owned;
    replace(std::unique_ptr<Resource>(std::move(owned)));
    return stored;
  }
  /// Removes a resource; false when absent. References to it then fail validation.
  bool remove(std::string_view logical_id);

  /// Iterates resources in insertion order as `Resource&`.
  template <class Ptr, class Ref>
  class Iterator {
   public:
    ///@{
    /// Standard forward-iterator traits.
    using iterator_category = std::forward_iterator_tag;
    using value_type = Resource;
    using difference_type = std::ptrdiff_t;
    using pointer = std::remove_reference_t<Ref>*;
    using reference = Ref;
    ///@}
    Iterator() = default;
    /// An iterator at `p` of the template's resource list.
    explicit Iterator(Ptr p) : p_(p) {}
    ///@{
    /// The resource (not the owning pointer).
    reference operator*() const { return **p_; }
    pointer operator->() const { return p_->get(); }
    ///@}
    ///@{
    /// Advances to the next resource.
    Iterator& operator++() {
      ++p_;
      return *this;
    }
    Iterator operator++(int) {
      Iterator old = *this;
      ++p_;
      return old;
    }
    ///@}
    /// Same position.
    bool operator==(const Iterator& o) const { return p_ == o.p_; }

   private:
    Ptr p_{};
  };
  using ResourceList = std::vector<std::unique_ptr<Resource>>;                     ///< the storage, in insertion order
  using iterator = Iterator<ResourceList::iterator, Resource&>;                    ///< yields `Resource&`
  using const_iterator = Iterator<ResourceList::const_iterator, const Resource&>;  ///< yields `const Resource&`
  template <class It>
  /// A begin/end pair for range-for.
  struct Range {
    It b;                                         ///< the first resource
    It e;                                         ///< past the last resource
    [[nodiscard]] It begin() const { return b; }  ///< the first resource
    [[nodiscard]] It end() const { return e; }    ///< past the last resource
    /// How many resources.
    [[nodiscard]] std::size_t size() const { return static_cast<std::size_t>(std::distance(b, e)); }
  };
  ///@{
  /// The resources in insertion order: `for (cfn::Resource& r : t.resources())`.
  [[nodiscard]] Range<iterator> resources() { return {iterator(resources_.begin()), iterator(resources_.end())}; }
  [[nodiscard]] Range<const_iterator> resources() const {
    return {const_iterator(resources_.cbegin()), const_iterator(resources_.cend())};
  }
  ///@}

  /// Declares a parameter; the returned reference is stable (use it with cfn::ref).
  const Parameter& add_parameter(std::string name, ParameterOptions options = {});
  /// The parameter `name`; nullptr when absent.
  [[nodiscard]] const Parameter* find_parameter(std::string_view name) const;

  /// Declares a mapping: an object of objects, {"us-east-1": {"Ami": "ami-1"}, ...}.
  void add_mapping(std::string name, Json map);
  /// Declares a condition; use the returned name in if_, and_/or_/not_ and `condition` fields.
  ConditionName add_condition(std::string name, Condition condition);

  /// Declares an output; `value` may be any Value<T>, Intrinsic or Json.
  void add_output(std::string name, Json value, OutputOptions options = {});
  ///@{
  /// The outputs in declaration order (decorators may edit them).
  [[nodiscard]] std::vector<Output>& outputs() { return outputs_; }
  [[nodiscard]] const std::vector<Output>& outputs() const { return outputs_; }
  ///@}

  /// Sets a top-level Metadata key (e.g. "AWS::CloudFormation::Interface").
  void set_metadata(std::string key, Json value);

  /// The logical IDs `logical_id` must be created after: its DependsOn entries, then the resources
  /// its properties reference (Ref, GetAtt, Sub), without duplicates. Empty when absent.
  [[nodiscard]] std::vector<std::string> dependencies(std::string_view logical_id) const;
  /// Every resource's logical ID in an order CloudFormation could create them (dependencies
  /// first; otherwise insertion order, so it is deterministic). Deletion is the reverse. Throws
  /// ValidationError 008 on a cycle.
  [[nodiscard]] std::vector<std::string> creation_order() const;

  /// Runs every validation rule; throws ValidationError for the first failure.
  void validate() const;
  /// Validates, then returns the template as JSON (nlohmann: include <hoplite/cfn/render.hpp>).
  [[nodiscard]] nlohmann::ordered_json to_json() const;
  /// Validates, then renders the template text (2-space indent, trailing newline).
  [[nodiscard]] std::string render() const;

  /// Read access for the validator and renderer: the parameters, in declaration order.
  [[nodiscard]] const std::deque<Parameter>& parameters() const { return parameters_; }
  /// The mappings, in declaration order.
  [[nodiscard]] const Json::Object& mappings() const { return mappings_; }
  /// The conditions (name, expression), in declaration order.
  [[nodiscard]] const std::vector<std::pair<std::string, Condition>>& conditions() const { return conditions_; }
  /// The top-level Metadata keys.
  [[nodiscard]] const Json::Object& metadata() const { return metadata_; }

 private:
  std::string description_;
  ResourceList resources_;
  std::deque<Parameter> parameters_;  // deque: references stay valid as parameters are added
  Json::Object mappings_;
  std::vector<std::pair<std::string, Condition>> conditions_;
  std::vector<Output> outputs_;
  Json::Object metadata_;
};

}  // namespace hoplite::cfn
