#pragma once
/// \file The XML reader of the clients (now public: hoplite/aws/xml.hpp), under the names the
/// client code has always used, plus the escaping helper.

#include <string>
#include <string_view>

#include "hoplite/aws/xml.hpp"

namespace hoplite::aws::detail {

using aws::parse_xml;
using aws::XmlElement;

/// `s` with &, <, >, " and ' escaped for element text and attribute values.
std::string xml_escape(std::string_view s);

}  // namespace hoplite::aws::detail
