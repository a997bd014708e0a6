#include "aws/protocol/xml.hpp"

#include <gtest/gtest.h>

namespace hoplite::aws::detail {
namespace {

TEST(Xml, ReadsNestedListsAndDropsNamespacePrefixes) {
  auto doc = parse_xml(
      "<a:R xmlns:a=\"urn:x\"><a:List><member><N>1</N></member><member><N><![CDATA[2 & <3>]]></N></member>"
      "</a:List><Empty/></a:R>");
  ASSERT_TRUE(doc.ok()) << doc.error().to_string();
  EXPECT_EQ(doc->name, "R");
  auto members = doc->members("List");
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(members[1]->text_at("N"), "2 & <3>");
  EXPECT_EQ(doc->optional_text("Empty"), "");
  EXPECT_EQ(doc->optional_text("Missing"), std::nullopt);
  EXPECT_TRUE(doc->members("Missing/List").empty());
}

TEST(Xml, MalformedDocumentsAreErrors) {
  auto doc = parse_xml("<a><b></a>");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().code, "aws.xml");
}

TEST(Xml, DocumentsThatAreNotUtf8AreErrors) {
  auto doc = parse_xml("<a>\xff</a>");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().message, "malformed XML: the document is not UTF-8");
  EXPECT_TRUE(parse_xml("<a>\xc3\xa9</a>").ok());
}

TEST(Xml, EscapesText) { EXPECT_EQ(xml_escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;"); }

}  // namespace
}  // namespace hoplite::aws::detail
