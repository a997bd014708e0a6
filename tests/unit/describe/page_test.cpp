#include "hoplite/describe/page.hpp"

#include <gtest/gtest.h>

#include "hoplite/core/base64.hpp"
#include "hoplite/core/file.hpp"
#include "hoplite/core/sha256.hpp"
#include "support/golden.hpp"

namespace hoplite::describe {
namespace {

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++n;
  return n;
}

/// The text between the first `open` and the next `close`.
std::string between(const std::string& text, const std::string& open, const std::string& close) {
  const auto a = text.find(open);
  if (a == std::string::npos) return {};
  const auto b = text.find(close, a + open.size());
  return b == std::string::npos ? std::string() : text.substr(a + open.size(), b - a - open.size());
}

class PageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!core::find_on_path("dot")) GTEST_SKIP() << "Graphviz's dot is not installed (Debian package graphviz)";
  }
  PageInput servicefull() {
    return {.service_name = "ServicefulStepFunction",
            .template_text = core::read_file(testing::testdata("fargate/servicefull.template.json")).value(),
            .tasks = {{"fargateTask", "Sample Fargate task"}},
            .build_id = "abc123",
            .generator = "hoplite test"};
  }
};

TEST_F(PageTest, OneNodePerResourceAndPerStateAndADetailForEach) {
  auto page = render_page(servicefull());
  ASSERT_TRUE(page.ok()) << page.error().to_string();
  EXPECT_EQ(count(*page, "class=\"node res "), 18u);
  EXPECT_EQ(count(*page, "class=\"node state "), 4u);
  EXPECT_EQ(count(*page, "<section class=\"detail\" id=\"d-r"), 18u);
  EXPECT_EQ(count(*page, "<section class=\"detail\" id=\"d-m0-s"), 4u);
  EXPECT_NE(page->find("catch States.ALL"), std::string::npos);
  EXPECT_NE(page->find("state &#39;Run Fargate Task&#39;"), std::string::npos);  // permissions: needed by
  EXPECT_NE(page->find("<code>fargateTask</code>"), std::string::npos);
  EXPECT_NE(page->find("This page was made offline"), std::string::npos);
}

TEST_F(PageTest, TheSameServiceGivesTheSameBytes) {
  auto one = render_page(servicefull());
  auto two = render_page(servicefull());
  ASSERT_TRUE(one.ok() && two.ok());
  EXPECT_EQ(*one, *two);
}

TEST_F(PageTest, OnlyItsOwnInlineStyleAndScriptMayRun) {
  auto page = render_page(servicefull());
  ASSERT_TRUE(page.ok());
  const std::string css = between(*page, "<style>", "</style>");
  const std::string js = between(*page, "<script>", "</script>");
  ASSERT_FALSE(css.empty());
  ASSERT_FALSE(js.empty());
  const std::string csp = between(*page, "http-equiv=\"Content-Security-Policy\" content=\"", "\"");
  EXPECT_NE(csp.find("default-src 'none'"), std::string::npos);
  EXPECT_NE(csp.find("style-src 'sha256-" + core::base64_encode(core::sha256(css)) + "'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("script-src 'sha256-" + core::base64_encode(core::sha256(js)) + "'"), std::string::npos) << csp;
  EXPECT_EQ(count(*page, "<script"), 1u);
  EXPECT_EQ(count(*page, " style="), 0u);
  EXPECT_EQ(page->find("http://"), std::string::npos);
  EXPECT_EQ(page->find("https://"), std::string::npos);
}

TEST_F(PageTest, HostileNamesCannotInjectMarkup) {
  PageInput in = servicefull();
  in.service_name = "<img src=x onerror=alert(1)>";
  in.description = "</title><script>alert(2)</script>";
  in.build_id = "\"><script>alert(3)</script>";
  in.tasks = {{"t<script>", "<iframe src=//evil>"}};
  in.template_text = R"json({"Description": "<script>alert(4)</script>", "Resources": {
    "A<script>alert(5)</script>": {"Type": "AWS::SNS::Topic<svg onload=alert(6)>",
        "Properties": {"DisplayName": "</pre><script>alert(7)</script>", "X": {"Ref": "B\" onclick=\"alert(8)"}}},
    "M": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {"DefinitionString":
        "{\"StartAt\":\"<b onmouseover=alert(9)>\",\"States\":{\"<b onmouseover=alert(9)>\":{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":\"$.x\",\"StringEquals\":\"</text><script>alert(10)</script>\",\"Next\":\"<b onmouseover=alert(9)>\"}]}}}"}}}})json";
  in.live = LiveStatus{.where = "<i>here</i>",
                       .stack_name = "s",
                       .stack_exists = true,
                       .stack_status = "CREATE_FAILED<script>",
                       .stack_status_reason = "<script>alert(11)</script>",
                       .resources = {{.logical_id = "A<script>alert(5)</script>",
                                      .physical_id = "<script>",
                                      .status = "x\" onmouseover=\"y",
                                      .reason = "<script>"}}};
  auto page = render_page(in);
  ASSERT_TRUE(page.ok()) << page.error().to_string();
  EXPECT_EQ(count(*page, "<script"), 1u);  // only the page's own
  for (const char* bad : {"<img", "<iframe", "<svg onload", "<b ", "onclick=\"", "onmouseover=\"", "<i>"})
    EXPECT_EQ(page->find(bad), std::string::npos) << bad;
  EXPECT_NE(page->find("&lt;script&gt;alert(7)&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(count(*page, "class=\"node res "), 2u);
}

TEST_F(PageTest, LiveDataColoursResourcesAndTheLastPath) {
  PageInput in = servicefull();
  in.live = LiveStatus{
      .where = "AWS us-east-1",
      .stack_name = "ServicefulStepFunction",
      .stack_exists = true,
      .stack_status = "CREATE_COMPLETE",
      .outputs = {{.key = "NotificationsTopicArn", .value = "arn:aws:sns:us-east-1:1:topic"}},
      .resources = {{.logical_id = "Notifications",
                     .physical_id = "arn:aws:sns:us-east-1:1:topic",
                     .type = "AWS::SNS::Topic",
                     .status = "CREATE_COMPLETE"},
                    {.logical_id = "Cluster",
                     .physical_id = "c",
                     .type = "AWS::ECS::Cluster",
                     .status = "CREATE_FAILED",
                     .reason = "quota"}},
      .machines = {
          {.logical_id = "Machine",
           .arn = "arn:sm",
           .recent = {{.name = "run-1", .arn = "arn:e", .status = "FAILED"}},
           .last_path = {{"Run Fargate Task", "failed"}, {"Notify Failure", "succeeded"}, {"Task Failed", "failed"}},
           .last_error = "FargateTaskFailed"}}};
  auto page = render_page(in);
  ASSERT_TRUE(page.ok()) << page.error().to_string();
  EXPECT_NE(page->find("class=\"node res c3 st-ok\""), std::string::npos);
  EXPECT_NE(page->find("class=\"node res c1 st-bad\""), std::string::npos);
  EXPECT_NE(page->find("class=\"node state t-task v-failed\""), std::string::npos);
  EXPECT_NE(page->find("class=\"node state t-task v-succeeded\""), std::string::npos);
  EXPECT_NE(page->find("NotificationsTopicArn</code> = <code>arn:aws:sns:us-east-1:1:topic"), std::string::npos);
  EXPECT_NE(page->find("live · AWS us-east-1"), std::string::npos);
  EXPECT_NE(page->find("FargateTaskFailed"), std::string::npos);
}

TEST_F(PageTest, ManyStateMachinesAreLaidOutInTheirOrder) {
  std::string resources;
  for (int i = 0; i < 7; ++i) {
    if (i > 0) resources += ",";
    resources += "\"M" + std::to_string(i) + R"(": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {
        "DefinitionString": "{\"StartAt\":\"S)" +
                 std::to_string(i) + R"(\",\"States\":{\"S)" + std::to_string(i) +
                 R"(\":{\"Type\":\"Pass\",\"End\":true}}}"}})";
  }
  PageInput in = servicefull();
  in.template_text = "{\"Resources\": {" + resources + "}}";
  auto one = render_page(in);
  ASSERT_TRUE(one.ok()) << one.error().to_string();
  std::size_t at = 0;
  for (int i = 0; i < 7; ++i) {
    const auto svg = one->find("<svg id=\"g-m" + std::to_string(i) + "\"", at);
    ASSERT_NE(svg, std::string::npos) << i;
    const auto title = one->find("<title>S" + std::to_string(i) + " (Pass)</title>", svg);
    ASSERT_NE(title, std::string::npos) << i;
    at = title;
  }
  auto two = render_page(in);
  ASSERT_TRUE(two.ok());
  EXPECT_EQ(*one, *two);
}

TEST_F(PageTest, ABrokenTemplateIsAnError) {
  PageInput in = servicefull();
  in.template_text = "{";
  auto page = render_page(in);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().code, "describe.template");
}

}  // namespace
}  // namespace hoplite::describe
