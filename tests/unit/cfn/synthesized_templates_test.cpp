// What hoplite synthesizes, CloudFormation-side: every golden template is read back, passes the
// template checks and spec validation, evaluates, and orders — so the builder and the reader agree.

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "eval_fixture.hpp"
#include "examples.hpp"
#include "hoplite/cfn/change_set.hpp"
#include "hoplite/cfn/dependency_graph.hpp"
#include "hoplite/cfn/render.hpp"
#include "hoplite/cfn/spec_validation.hpp"
#include "support/golden.hpp"

namespace hoplite::cfn {
namespace {

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void check_round_trip(const std::string& text) {
  // Parameters without a default get a plausible value, as `provision` would pass them.
  std::vector<GivenParameter> given;
  if (auto doc = read_template(text); doc.ok()) {
    for (const auto& p : doc->parameters) {
      if (!p.default_value)
        given.push_back({p.name, "123456789012.dkr.ecr.us-east-1.amazonaws.com/svc@sha256:00", false});
    }
  }
  testing::Evaluated e(text, given);
  ASSERT_EQ(e.error, "");
  EXPECT_TRUE(check_resource_types(e.doc).ok());
  EXPECT_TRUE(check_attributes(e.doc).ok());
  for (const TemplateResource& r : e.doc.resources) {
    if (!e.evaluator->active(r)) continue;
    auto props = e.evaluator->properties(r);
    ASSERT_TRUE(props.ok()) << r.logical_id << ": " << props.error().message;
    auto valid = validate_properties(r.type, *props);
    EXPECT_TRUE(valid.ok()) << r.logical_id << ": " << valid.error().message;
  }
  EXPECT_TRUE(e.evaluator->outputs().ok());
  auto graph = build_dependency_graph(e.doc, e.evaluator.get());
  ASSERT_TRUE(graph.ok());
  std::size_t placed = 0;
  for (const auto& wave : graph->creation_waves()) placed += wave.size();
  EXPECT_EQ(placed, graph->nodes.size());
  // The same template again is no change.
  ChangeSetInput in{&e.doc, e.parameters, &e.doc, e.parameters, e.context, &e.resolver};
  auto changes = compute_changes(in, {true});
  ASSERT_TRUE(changes.ok()) << changes.error().message;
  EXPECT_FALSE(changes->has_changes());
}

TEST(SynthesizedTemplates, GoldenTemplatesReadEvaluateAndValidate) {
  for (const char* name : {"tests/testdata/cfn/network.template.json", "tests/testdata/cfn/service.template.json",
                           "tests/testdata/fargate/servicefull.template.json"}) {
    SCOPED_TRACE(name);
    check_round_trip(read_file(hoplite::testing::source_dir() / name));
  }
}

TEST(SynthesizedTemplates, BuilderOutputReadsBackWithoutText) {
  auto doc = read_template_value(testing_examples::network().to_json());
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_TRUE(check_template(*doc).ok());
}

}  // namespace
}  // namespace hoplite::cfn
