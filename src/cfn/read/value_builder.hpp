#pragma once
// Builds a TemplateValue from parse events (JSON SAX, YAML events) within TemplateLimits: nesting
// depth and the number of values are checked as each event arrives, so hostile input is refused
// before it costs memory or stack. Object members keep their order; a repeated key replaces the
// earlier value in place (what Jackson, AWS's parser, does by default), found through a hash index
// so that an object with many keys costs linear time, not quadratic.

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include "hoplite/cfn/template_reader.hpp"

namespace hoplite::cfn::detail {

class ValueBuilder {
 public:
  explicit ValueBuilder(const TemplateLimits& limits) : limits_(limits) {}

  /// Each returns false when a limit is exceeded; error() then says which.
  bool scalar(TemplateValue value);
  bool start_object();
  bool start_array();
  /// The key of the next member of the innermost object.
  void key(std::string name);
  void end_container();

  /// Adds a copy of `value` (a YAML alias) counting its `values` and `depth` against the limits.
  bool copy(const TemplateValue& value, std::size_t values, std::size_t depth);

  [[nodiscard]] std::size_t depth() const { return frames_.size(); }
  [[nodiscard]] std::size_t values() const { return values_; }
  [[nodiscard]] bool in_object() const { return !frames_.empty() && frames_.back().container->is_object(); }
  /// The value most recently completed at the current level (for YAML anchors); valid until the next event.
  [[nodiscard]] const TemplateValue& last() const { return *last_; }
  [[nodiscard]] const std::string& error() const { return error_; }
  [[nodiscard]] bool done() const { return frames_.empty() && has_root_; }
  TemplateValue take() { return std::move(root_); }

 private:
  struct Frame {
    TemplateValue* container;
    std::unordered_map<std::string, std::size_t> keys;  // objects: member name -> position
    std::string pending_key;
  };
  TemplateValue* place(TemplateValue value);
  bool count(std::size_t n);

  const TemplateLimits& limits_;
  TemplateValue root_;
  bool has_root_ = false;
  std::vector<Frame> frames_;
  std::size_t values_ = 0;
  const TemplateValue* last_ = &root_;
  std::string error_;
};

}  // namespace hoplite::cfn::detail
