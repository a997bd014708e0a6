#include "aws/protocol/xml.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "hoplite/core/limits.hpp"
#include "hoplite/core/terminal_text.hpp"

namespace hoplite::aws {
namespace {

std::string_view local_name(std::string_view n) {
  auto colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

/// The deepest element nesting under `root`, walked without recursion (the document may be hostile).
int depth_of(const pugi::xml_node& root) {
  int depth = 1, deepest = 1;
  pugi::xml_node node = root.first_child();
  while (node && node != root) {
    if (node.type() == pugi::node_element) deepest = std::max(deepest, depth + 1);
    if (node.type() == pugi::node_element && node.first_child()) {
      node = node.first_child();
      ++depth;
      continue;
    }
    while (node != root && !node.next_sibling()) {
      node = node.parent();
      --depth;
    }
    if (node != root) node = node.next_sibling();
  }
  return deepest;
}

XmlElement convert(const pugi::xml_node& node) {
  XmlElement e;
  e.name = std::string(local_name(node.name()));
  for (const auto& c : node.children()) {
    if (c.type() == pugi::node_element) {
      e.children.push_back(convert(c));
    } else if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      e.text += c.value();
    }
  }
  return e;
}

}  // namespace

const XmlElement* XmlElement::child(std::string_view child_name) const {
  for (const auto& c : children)
    if (c.name == child_name) return &c;
  return nullptr;
}

const XmlElement* XmlElement::find(std::string_view path) const {
  const XmlElement* cur = this;
  while (cur != nullptr && !path.empty()) {
    auto slash = path.find('/');
    cur = cur->child(path.substr(0, slash));
    path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash + 1);
  }
  return cur;
}

std::string XmlElement::text_at(std::string_view path) const {
  const XmlElement* e = find(path);
  return e != nullptr ? e->text : std::string{};
}

std::optional<std::string> XmlElement::optional_text(std::string_view path) const {
  const XmlElement* e = find(path);
  if (e == nullptr) return std::nullopt;
  return e->text;
}

std::vector<const XmlElement*> XmlElement::children_named(std::string_view child_name) const {
  std::vector<const XmlElement*> out;
  for (const auto& c : children)
    if (c.name == child_name) out.push_back(&c);
  return out;
}

std::vector<const XmlElement*> XmlElement::members(std::string_view path) const {
  const XmlElement* list = find(path);
  if (list == nullptr) return {};
  return list->children_named("member");
}

core::Result<XmlElement> parse_xml(std::string_view document) {
  // The size is checked before pugixml sees the document (core/limits.hpp); pugixml itself
  // parses without recursion, and the depth is checked before the tree is converted.
  if (auto sized = core::check_size(document.size(), "the XML document"); !sized) return sized.failure();
  // pugixml passes any bytes through; XML is Unicode text, and what is parsed here may be stored
  // and written back as JSON, which cannot carry bytes that are not UTF-8.
  if (!core::is_utf8(document)) return core::fail("aws.xml", "malformed XML: the document is not UTF-8");
  pugi::xml_document doc;
  auto parsed = doc.load_buffer(document.data(), document.size(), pugi::parse_default | pugi::parse_cdata);
  if (!parsed)
    return core::fail("aws.xml",
                      fmt::format("malformed XML response: {} at offset {}", parsed.description(), parsed.offset));
  pugi::xml_node root = doc.document_element();
  if (!root) return core::fail("aws.xml", "XML response has no root element");
  if (depth_of(root) > kMaxXmlDepth)
    return core::fail("aws.xml", fmt::format("XML document nests deeper than {} elements", kMaxXmlDepth));
  return convert(root);
}

}  // namespace hoplite::aws

namespace hoplite::aws::detail {

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace hoplite::aws::detail
