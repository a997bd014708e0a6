#pragma once
/// \file A small read-only XML tree for AWS responses. Parsed with pugixml in xml.cpp so that no
/// client (and no public header) depends on pugixml; namespaces prefixes are dropped because AWS
/// responses are matched by local element names.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hoplite/core/result.hpp"

namespace hoplite::aws::detail {

struct XmlElement {
  std::string name;  ///< local name (any `prefix:` removed)
  std::string text;  ///< concatenated text and CDATA directly inside this element
  std::vector<XmlElement> children;

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

/// Parses a document and returns its root element. Errors: `aws.xml` with pugixml's reason.
core::Result<XmlElement> parse_xml(std::string_view document);

/// `s` with &, <, >, " and ' escaped for element text and attribute values.
std::string xml_escape(std::string_view s);

}  // namespace hoplite::aws::detail
