#include "hoplite/cfn/resource.hpp"

#include <algorithm>

namespace hoplite::cfn {

namespace {
std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = path.find('.', start);
    parts.push_back(path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts;
}
}  // namespace

std::string_view to_string(DeletionPolicy policy) {
  switch (policy) {
    case DeletionPolicy::delete_:
      return "Delete";
    case DeletionPolicy::retain:
      return "Retain";
    case DeletionPolicy::snapshot:
      return "Snapshot";
  }
  return "Delete";
}

Dependency::Dependency(const Resource& resource) : logical_id(resource.logical_id()) {}

Resource::Resource(std::string logical_id, std::string_view type, std::span<const std::string_view> attributes,
                   ResourceOptions options)
    : logical_id_(std::move(logical_id)), type_(type), attributes_(attributes), options_(std::move(options)) {}

Resource::~Resource() = default;

bool Resource::has_attribute(std::string_view name) const {
  return std::find(attributes_.begin(), attributes_.end(), name) != attributes_.end();
}

Resource& Resource::add_dependency(const Resource& other) {
  auto& deps = options_.depends_on;
  bool present =
      std::any_of(deps.begin(), deps.end(), [&](const Dependency& d) { return d.logical_id == other.logical_id(); });
  if (!present) deps.emplace_back(other);
  return *this;
}

Resource& Resource::set_property_override(std::string path, Json value) {
  overrides_.push_back({std::move(path), std::move(value)});
  return *this;
}

Resource& Resource::remove_property(std::string path) {
  overrides_.push_back({std::move(path), std::nullopt});
  return *this;
}

namespace {
bool is_index(std::string_view part) {
  return !part.empty() && std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// The child `part` of `node` ("3" indexes an array); creates objects on the way when `create`.
Json* child(Json& node, std::string_view part, bool create) {
  if (node.is_array() && is_index(part)) {
    std::size_t i = std::stoul(std::string(part));
    return i < node.size() ? &node.as_array()[i] : nullptr;
  }
  if (!create) return node.find(part);
  if (!node.is_object() && !node.is_null()) node = Json::object();
  Json& c = node[part];
  return &c;
}
}  // namespace

Json Resource::properties() const {
  Json props = typed_properties();
  if (props.is_null()) props = Json::object();
  for (const auto& o : overrides_) {
    auto parts = split_path(o.path);
    Json* node = &props;
    for (std::size_t i = 0; i + 1 < parts.size() && node != nullptr; ++i) {
      node = child(*node, parts[i], o.value.has_value());
    }
    if (node == nullptr) continue;
    const std::string_view last = parts.back();
    if (node->is_array() && is_index(last)) {
      std::size_t i = std::stoul(std::string(last));
      if (i >= node->size()) continue;
      if (o.value) {
        node->as_array()[i] = *o.value;
      } else {
        node->as_array().erase(node->as_array().begin() + static_cast<std::ptrdiff_t>(i));
      }
    } else if (o.value) {
      if (!node->is_object()) *node = Json::object();
      node->set(last, *o.value);
    } else {
      node->erase(last);
    }
  }
  return props;
}

RawResource::RawResource(std::string logical_id, std::string type, Json properties, std::vector<std::string> attributes,
                         ResourceOptions options)
    : Resource(std::move(logical_id), {}, {}, std::move(options)), props(std::move(properties)) {
  type_storage_ = std::make_shared<const std::string>(std::move(type));
  attribute_storage_ = std::make_shared<const std::vector<std::string>>(std::move(attributes));
  attribute_views_ =
      std::make_shared<const std::vector<std::string_view>>(attribute_storage_->begin(), attribute_storage_->end());
  rebind(*type_storage_, *attribute_views_);
}

RawResource::RawResource(const RawResource& other) = default;

std::unique_ptr<Resource> RawResource::clone() const { return std::make_unique<RawResource>(*this); }

}  // namespace hoplite::cfn
