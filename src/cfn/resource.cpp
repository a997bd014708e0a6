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

Json Resource::properties() const {
  Json props = typed_properties();
  if (props.is_null()) props = Json::object();
  for (const auto& o : overrides_) {
    auto parts = split_path(o.path);
    Json* node = &props;
    for (std::size_t i = 0; i + 1 < parts.size() && node != nullptr; ++i) {
      if (o.value) {
        Json& child = (*node)[parts[i]];
        if (!child.is_object() && !child.is_null()) child = Json::object();
        node = &child;
      } else {
        node = node->find(parts[i]);
      }
    }
    if (node == nullptr) continue;
    if (o.value) {
      if (!node->is_object()) *node = Json::object();
      node->set(parts.back(), *o.value);
    } else {
      node->erase(parts.back());
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
