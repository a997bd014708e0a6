#pragma once
/// \file
/// A small read-only XML tree for AWS documents (query-protocol results, S3 bodies, errors),
/// read by the clients and by the local cloud alike. Parsed with pugixml in xml.cpp so that no
/// public header depends on pugixml; namespace prefixes are dropped because AWS documents are
/// matched by local element names. Documents nesting deeper than `kMaxXmlDepth` are refused
/// before the tree is built (the tree is built recursively).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hoplite/core/result.hpp"

namespace hoplite::aws {

/// A parsed XML element as the AWS response readers see it: local name, direct text and child elements.
struct XmlElement {
  std::string name;                  ///< local name (any `prefix:` removed)
  std::string text;                  ///< concatenated text and CDATA directly inside this element
  std::vector<XmlElement> children;  ///< child elements in document order

  /// The first child called `name`, or nullptr.
  [[nodiscard]] const XmlElement* child(std::string_view child_name) const;
  /// Follows a `/`-separated path of child names (`"Error/Code"`), or nullptr.
  [[nodiscard]] const XmlElement* find(std::string_view path) const;
  /// Text at `path`, or "" when absent.
  [[nodiscard]] std::string text_at(std::string_view path) const;
  /// Text at `path`, or nullopt when the element is absent.
  [[nodiscard]] std::optional<std::string> optional_text(std::string_view path) const;
  /// Every child called `name`.
  [[nodiscard]] std::vector<const XmlElement*> children_named(std::string_view child_name) const;
  /// The `<member>` children of the list at `path` (query protocol lists); empty when absent.
  [[nodiscard]] std::vector<const XmlElement*> members(std::string_view path) const;
};

/// Deepest element nesting parse_xml accepts. AWS documents nest a handful of levels.
inline constexpr int kMaxXmlDepth = 64;

/// Parses a document and returns its root element. Errors: `aws.xml` with pugixml's reason, or
/// for a document nesting deeper than `kMaxXmlDepth`.
core::Result<XmlElement> parse_xml(std::string_view document);

}  // namespace hoplite::aws
