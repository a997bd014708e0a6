#include "describe/html.hpp"

#include <gtest/gtest.h>

namespace hoplite::describe {
namespace {

TEST(HtmlEscape, MarkupCharactersBecomeEntities) {
  EXPECT_EQ(html_escape(R"(<script>alert("x" & 'y')</script>)"),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;");
}

TEST(HtmlEscape, KeepsUtf8TabsAndNewlines) { EXPECT_EQ(html_escape("Insert 🎉\tä\nb"), "Insert 🎉\tä\nb"); }

TEST(HtmlEscape, ControlCharactersAndBrokenUtf8BecomeReplacementCharacters) {
  EXPECT_EQ(html_escape(std::string("a\x1b[31mb\x7f")), "a\xEF\xBF\xBD[31mb\xEF\xBF\xBD");
  EXPECT_EQ(html_escape("\xC3"), "\xEF\xBF\xBD");                                  // truncated sequence
  EXPECT_EQ(html_escape("\xC0\xBC"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong '<' must not become '<'
  EXPECT_EQ(html_escape("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  EXPECT_EQ(html_escape("\xC2\x85"), "\xEF\xBF\xBD");                              // C1 control (NEL)
}

TEST(DisplayWidth, CountsCellsNotBytes) {
  EXPECT_EQ(display_width("NetVpc"), 6u);
  EXPECT_EQ(display_width("ä"), 1u);
  EXPECT_EQ(display_width("タスク"), 6u);
  EXPECT_EQ(display_width("🎉"), 2u);
  EXPECT_EQ(display_width("e\xCC\x81"), 1u);  // e + combining acute
}

TEST(TruncateDisplay, CutsOnCodePointsAndMarksTheCut) {
  EXPECT_EQ(truncate_display("short", 10), "short");
  EXPECT_EQ(truncate_display("abcdefghij", 5), "abcd…");
  EXPECT_EQ(truncate_display("ääääää", 4), "äää…");
  EXPECT_EQ(truncate_display("タスクタスク", 5), "タス…");
  EXPECT_LE(display_width(truncate_display("タスクタスク", 5)), 5u);
}

}  // namespace
}  // namespace hoplite::describe
