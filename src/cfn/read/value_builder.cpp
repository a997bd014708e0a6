#include "cfn/read/value_builder.hpp"

#include <utility>

namespace hoplite::cfn::detail {

namespace {
// nlohmann's ordered_map is a std::vector of pairs whose own emplace searches linearly; appending
// through the vector and keeping our own index avoids that.
using Members = std::vector<std::pair<const std::string, TemplateValue>>;
}  // namespace

bool ValueBuilder::count(std::size_t n) {
  values_ += n;
  if (values_ > limits_.max_values) {
    error_ = "the template has more than " + std::to_string(limits_.max_values) + " values";
    return false;
  }
  return true;
}

TemplateValue* ValueBuilder::place(TemplateValue value) {
  if (frames_.empty()) {
    root_ = std::move(value);
    has_root_ = true;
    return &root_;
  }
  Frame& top = frames_.back();
  if (top.container->is_array()) {
    auto& items = top.container->get_ref<TemplateValue::array_t&>();
    items.push_back(std::move(value));
    return &items.back();
  }
  auto& members = static_cast<Members&>(top.container->get_ref<TemplateValue::object_t&>());
  auto [it, inserted] = top.keys.try_emplace(top.pending_key, members.size());
  if (!inserted) {
    TemplateValue& slot = members[it->second].second;
    slot = std::move(value);
    return &slot;
  }
  members.emplace_back(std::move(top.pending_key), std::move(value));
  top.pending_key.clear();
  return &members.back().second;
}

bool ValueBuilder::scalar(TemplateValue value) {
  if (!count(1)) return false;
  last_ = place(std::move(value));
  return true;
}

bool ValueBuilder::start_object() {
  if (!count(1)) return false;
  if (frames_.size() >= limits_.max_depth) {
    error_ = "the template nests objects and lists more than " + std::to_string(limits_.max_depth) + " levels deep";
    return false;
  }
  frames_.push_back(Frame{place(TemplateValue::object()), {}, {}});
  return true;
}

bool ValueBuilder::start_array() {
  if (!count(1)) return false;
  if (frames_.size() >= limits_.max_depth) {
    error_ = "the template nests objects and lists more than " + std::to_string(limits_.max_depth) + " levels deep";
    return false;
  }
  frames_.push_back(Frame{place(TemplateValue::array()), {}, {}});
  return true;
}

void ValueBuilder::key(std::string name) { frames_.back().pending_key = std::move(name); }

void ValueBuilder::end_container() {
  last_ = frames_.back().container;
  frames_.pop_back();
}

bool ValueBuilder::copy(const TemplateValue& value, std::size_t values, std::size_t depth) {
  if (!count(values)) return false;
  if (frames_.size() + depth > limits_.max_depth) {
    error_ = "the template nests objects and lists more than " + std::to_string(limits_.max_depth) + " levels deep";
    return false;
  }
  last_ = place(value);
  return true;
}

}  // namespace hoplite::cfn::detail
