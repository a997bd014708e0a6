#pragma once
/// \file
/// Writing XML the way AWS services send it (query-protocol results, S3 listings, error
/// bodies): no whitespace between elements, every text escaped. Element names come from code;
/// text comes from anywhere (a user's S3 key, a stack name) and is always escaped.
///
/// **Example**:
/// \code
///   aws::XmlWriter w;
///   w.open("GetCallerIdentityResponse", "https://sts.amazonaws.com/doc/2011-06-15/")
///    .open("GetCallerIdentityResult").element("Account", "000000000000").close()
///    .open("ResponseMetadata").element("RequestId", id).close();
///   std::string xml = w.finish();   // closes what is still open
/// \endcode

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hoplite::aws {

/// Writes XML the way AWS services send it (see the file comment): compact, every text escaped.
class XmlWriter {
 public:
  /// `declaration`: start with `<?xml version="1.0" encoding="UTF-8"?>` (S3 does; query services
  /// do not). Default false.
  explicit XmlWriter(bool declaration = false);

  /// Opens `<name>` (with `xmlns="…"` when given); later elements nest inside until `close()`.
  XmlWriter& open(std::string_view name, std::string_view xmlns = {});
  /// Closes the innermost open element; does nothing when none is open.
  XmlWriter& close();
  /// `<name>text</name>` (`<name/>`-free: an empty text gives `<name></name>`, as AWS writes it).
  XmlWriter& element(std::string_view name, std::string_view text);
  /// The element only when `text` is set (AWS leaves out absent members).
  XmlWriter& optional_element(std::string_view name, const std::optional<std::string>& text);
  /// `<name>true</name>` / `<name>false</name>`.
  XmlWriter& boolean(std::string_view name, bool value);
  /// A number as text.
  XmlWriter& number(std::string_view name, long long value);

  /// Appends `xml` as it is: a fragment another XmlWriter produced (never text from a request).
  XmlWriter& raw(std::string_view xml);

  /// Closes every open element and returns the document; the writer is empty afterwards.
  std::string finish();

 private:
  std::string out_;
  std::vector<std::string> open_;
};

/// `text` escaped for XML element content or (double-quoted) attribute values: `& < > "`, and
/// `\r` `\n` `\t` as
/// character references (so they survive a parser's line-end normalisation). Other control
/// characters, which XML 1.0 cannot carry at all, become U+FFFD.
[[nodiscard]] std::string xml_text(std::string_view text);

}  // namespace hoplite::aws
