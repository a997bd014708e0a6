// The local Parameter Store through the production client (aws::ssm::Client over InProcessClient):
// the same shape code encodes on one side and decodes on the other.
#include <gtest/gtest.h>

#include "hoplite/aws/ssm.hpp"
#include "local_fixture.hpp"

namespace hoplite::local {
namespace {

using testing::LocalCloudTest;
namespace ssm = aws::ssm;

class SsmTest : public LocalCloudTest {
 protected:
  ssm::Client client(const std::string& region = "us-east-1") { return ssm::Client(config(creds, region)); }

  void put(const std::string& name, const std::string& value, const std::string& type = "String") {
    auto r = client().put_parameter({.name = name, .value = value, .type = type});
    ASSERT_TRUE(r.ok()) << name << ": " << r.error().to_string();
  }

  static void expect_error(const core::Error& e, const std::string& code, const std::string& part) {
    EXPECT_EQ(e.code, code) << e.message;
    EXPECT_EQ(e.http_status, 400);
    EXPECT_NE(e.message.find(part), std::string::npos) << e.message;
  }

  aws::StaticCredentialsProvider creds{testing::test_credentials()};
};

TEST_F(SsmTest, PutGetOverwriteAndVersions) {
  auto c = client();
  auto first =
      c.put_parameter({.name = "/app/db/host", .description = "the database", .value = "db1", .type = "String"});
  ASSERT_TRUE(first.ok()) << first.error().to_string();
  EXPECT_EQ(first->version, 1);
  EXPECT_EQ(first->tier, "Standard");

  auto again = c.put_parameter({.name = "/app/db/host", .value = "db2", .type = "String"});
  ASSERT_FALSE(again.ok());
  expect_error(again.error(), "ParameterAlreadyExists", "set the overwrite option");

  auto second = c.put_parameter({.name = "/app/db/host", .value = "db2", .overwrite = true});
  ASSERT_TRUE(second.ok()) << second.error().to_string();
  EXPECT_EQ(second->version, 2);

  auto got = c.get_parameter({.name = "/app/db/host"});
  ASSERT_TRUE(got.ok()) << got.error().to_string();
  EXPECT_EQ(got->parameter.name, "/app/db/host");
  EXPECT_EQ(got->parameter.value, "db2");
  EXPECT_EQ(got->parameter.type, "String");
  EXPECT_EQ(got->parameter.version, 2);
  EXPECT_EQ(got->parameter.arn, "arn:aws:ssm:us-east-1:000000000000:parameter/app/db/host");
  EXPECT_EQ(got->parameter.data_type, "text");
  EXPECT_EQ(got->parameter.last_modified_date, clock.now());
  EXPECT_FALSE(got->parameter.selector);

  auto old = c.get_parameter({.name = "/app/db/host:1"});
  ASSERT_TRUE(old.ok()) << old.error().to_string();
  EXPECT_EQ(old->parameter.value, "db1");
  EXPECT_EQ(old->parameter.selector, ":1");
  auto missing_version = c.get_parameter({.name = "/app/db/host:7"});
  ASSERT_FALSE(missing_version.ok());
  expect_error(missing_version.error(), "ParameterVersionNotFound", "could not find version 7 of /app/db/host");

  auto by_arn = c.get_parameter({.name = "arn:aws:ssm:us-east-1:000000000000:parameter/app/db/host"});
  ASSERT_TRUE(by_arn.ok()) << by_arn.error().to_string();
  EXPECT_EQ(by_arn->parameter.value, "db2");

  // The description written with version 1 stays; the history shows both versions, oldest first.
  auto history = c.get_parameter_history({.name = "/app/db/host"});
  ASSERT_TRUE(history.ok()) << history.error().to_string();
  ASSERT_EQ(history->parameters.size(), 2u);
  EXPECT_EQ(history->parameters[0].value, "db1");
  EXPECT_EQ(history->parameters[1].value, "db2");
  EXPECT_EQ(history->parameters[1].description, "the database");
  EXPECT_EQ(history->parameters[1].last_modified_user, "arn:aws:iam::000000000000:root");
}

TEST_F(SsmTest, ParametersBelongToTheirRegionAndAccount) {
  open_cloud({.credentials = {{"AKIAOTHER", "other-secret", "111122223333"}}});
  put("shared", "east");
  auto west = client("eu-west-1").get_parameter({.name = "shared"});
  ASSERT_FALSE(west.ok());
  EXPECT_EQ(west.error().code, "ParameterNotFound");
  aws::StaticCredentialsProvider other({.access_key_id = "AKIAOTHER", .secret_access_key = "other-secret"});
  auto elsewhere = ssm::Client(config(other)).get_parameter({.name = "shared"});
  ASSERT_FALSE(elsewhere.ok());
  EXPECT_EQ(elsewhere.error().code, "ParameterNotFound");
  auto plain = client().get_parameter({.name = "shared"});
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->parameter.arn, "arn:aws:ssm:us-east-1:000000000000:parameter/shared");
}

TEST_F(SsmTest, SecureStringsAreOpaqueWithoutDecryption) {
  put("/app/password", "hunter2", "SecureString");
  auto c = client();
  auto hidden = c.get_parameter({.name = "/app/password"});
  ASSERT_TRUE(hidden.ok());
  EXPECT_NE(hidden->parameter.value, "hunter2");
  EXPECT_EQ(hidden->parameter.value.find("hunter2"), std::string::npos);
  auto shown = c.get_parameter({.name = "/app/password", .with_decryption = true});
  ASSERT_TRUE(shown.ok());
  EXPECT_EQ(shown->parameter.value, "hunter2");
  auto meta = c.describe_parameters({});
  ASSERT_TRUE(meta.ok());
  ASSERT_EQ(meta->parameters.size(), 1u);
  EXPECT_EQ(meta->parameters[0].key_id, "alias/aws/ssm");
}

TEST_F(SsmTest, GetAndDeleteSeveral) {
  put("/a", "1");
  put("/b", "2", "StringList");
  auto c = client();
  auto got = c.get_parameters({.names = {"/b", "/nope", "/a", "/b"}});
  ASSERT_TRUE(got.ok()) << got.error().to_string();
  ASSERT_EQ(got->parameters.size(), 2u);
  EXPECT_EQ(got->parameters[0].name, "/b");
  EXPECT_EQ(got->parameters[1].name, "/a");
  EXPECT_EQ(got->invalid_parameters, std::vector<std::string>{"/nope"});

  auto deleted = c.delete_parameters({.names = {"/a", "/nope"}});
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(deleted->deleted_parameters, std::vector<std::string>{"/a"});
  EXPECT_EQ(deleted->invalid_parameters, std::vector<std::string>{"/nope"});
  ASSERT_TRUE(c.delete_parameter({.name = "/b"}).ok());
  auto again = c.delete_parameter({.name = "/b"});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "ParameterNotFound");

  std::vector<std::string> eleven(11, "/x");
  auto too_many = c.get_parameters({.names = eleven});
  ASSERT_FALSE(too_many.ok());
  expect_error(too_many.error(), "ValidationException", "at 'names' failed to satisfy constraint");
}

TEST_F(SsmTest, PathsRecursiveOrOneLevelWithPages) {
  for (const char* n : {"/app/a", "/app/b", "/app/sub/c", "/app/sub/deep/d", "/apple", "/other/x"}) put(n, n);
  auto c = client();
  auto one = c.get_parameters_by_path_all({.path = "/app"});
  ASSERT_TRUE(one.ok()) << one.error().to_string();
  std::vector<std::string> names;
  for (const auto& p : *one) names.push_back(p.name);
  EXPECT_EQ(names, (std::vector<std::string>{"/app/a", "/app/b"}));

  auto page = c.get_parameters_by_path({.path = "/app/", .recursive = true, .max_results = 3});
  ASSERT_TRUE(page.ok()) << page.error().to_string();
  ASSERT_EQ(page->parameters.size(), 3u);
  ASSERT_TRUE(page->next_token);
  auto rest =
      c.get_parameters_by_path({.path = "/app/", .recursive = true, .max_results = 3, .next_token = page->next_token});
  ASSERT_TRUE(rest.ok()) << rest.error().to_string();
  ASSERT_EQ(rest->parameters.size(), 1u);
  EXPECT_EQ(rest->parameters[0].name, "/app/sub/deep/d");
  EXPECT_FALSE(rest->next_token);

  auto bad_token = c.get_parameters_by_path({.path = "/app", .next_token = "bm90IG91cnM="});
  ASSERT_FALSE(bad_token.ok());
  EXPECT_EQ(bad_token.error().code, "InvalidNextToken");
  auto bad_path = c.get_parameters_by_path({.path = "app"});
  ASSERT_FALSE(bad_path.ok());
  expect_error(bad_path.error(), "ValidationException", "must begin with a forward slash");
}

TEST_F(SsmTest, DescribeWithFiltersAndTags) {
  auto c = client();
  ASSERT_TRUE(
      c.put_parameter({.name = "/svc/url", .value = "http://x", .type = "String", .tags = {{"team", "blue"}}}).ok());
  put("/svc/token", "t", "SecureString");
  put("plain", "p");

  auto by_type = c.describe_parameters({.parameter_filters = {{"Type", "Equals", {"SecureString"}}}});
  ASSERT_TRUE(by_type.ok()) << by_type.error().to_string();
  ASSERT_EQ(by_type->parameters.size(), 1u);
  EXPECT_EQ(by_type->parameters[0].name, "/svc/token");

  auto by_tag = c.describe_parameters({.parameter_filters = {{"tag:team", std::nullopt, {"blue"}}}});
  ASSERT_TRUE(by_tag.ok()) << by_tag.error().to_string();
  ASSERT_EQ(by_tag->parameters.size(), 1u);
  EXPECT_EQ(by_tag->parameters[0].name, "/svc/url");

  auto by_path = c.describe_parameters({.parameter_filters = {{"Path", "OneLevel", {"/"}}}});
  ASSERT_TRUE(by_path.ok());
  ASSERT_EQ(by_path->parameters.size(), 1u);
  EXPECT_EQ(by_path->parameters[0].name, "plain");

  auto old_style = c.describe_parameters({.filters = {{"Name", {"/svc/u"}}}});
  ASSERT_TRUE(old_style.ok());
  ASSERT_EQ(old_style->parameters.size(), 1u);

  auto both = c.describe_parameters({.filters = {{"Name", {"x"}}}, .parameter_filters = {{"Type", {}, {"String"}}}});
  ASSERT_FALSE(both.ok());
  expect_error(both.error(), "ValidationException", "either Filters or ParameterFilters");
  auto bad_option = c.describe_parameters({.parameter_filters = {{"Path", "Contains", {"/svc"}}}});
  ASSERT_FALSE(bad_option.ok());
  expect_error(bad_option.error(), "InvalidFilterOption", "Recursive, OneLevel");
  auto bad_key = c.describe_parameters({.parameter_filters = {{"Colour", {}, {"x"}}}});
  ASSERT_FALSE(bad_key.ok());
  expect_error(bad_key.error(), "ValidationException", "regular expression pattern");

  ASSERT_TRUE(c.add_tags_to_resource({"Parameter", "/svc/token", {{"team", "red"}, {"tier", "1"}}}).ok());
  ASSERT_TRUE(c.remove_tags_from_resource({"Parameter", "/svc/token", {"tier"}}).ok());
  auto tags = c.list_tags_for_resource({"Parameter", "/svc/token"});
  ASSERT_TRUE(tags.ok()) << tags.error().to_string();
  ASSERT_EQ(tags->tag_list.size(), 1u);
  EXPECT_EQ(tags->tag_list[0].key, "team");
  EXPECT_EQ(tags->tag_list[0].value, "red");
  auto no_such = c.list_tags_for_resource({"Parameter", "/nope"});
  ASSERT_FALSE(no_such.ok());
  EXPECT_EQ(no_such.error().code, "InvalidResourceId");
}

TEST_F(SsmTest, DescribePagesInNameOrder) {
  for (int i = 0; i < 25; ++i) put("/p/" + std::string(1, static_cast<char>('a' + i)), "v");
  auto c = client();
  std::vector<std::string> all;
  std::optional<std::string> token;
  int pages = 0;
  do {
    auto page = c.describe_parameters({.max_results = 10, .next_token = token});
    ASSERT_TRUE(page.ok()) << page.error().to_string();
    for (const auto& p : page->parameters) all.push_back(p.name);
    token = page->next_token;
    ++pages;
  } while (token && pages < 10);
  EXPECT_EQ(pages, 3);
  ASSERT_EQ(all.size(), 25u);
  EXPECT_TRUE(std::is_sorted(all.begin(), all.end()));
}

TEST_F(SsmTest, WritesAreValidatedAsSsmDoes) {
  auto c = client();
  struct Case {
    ssm::PutParameterRequest request;
    std::string code;
    std::string part;
  };
  std::vector<Case> cases{
      {{.name = "a/b", .value = "v", .type = "String"}, "ValidationException", "fully qualified name"},
      {{.name = "/a b", .value = "v", .type = "String"}, "ValidationException", "sub-paths divided by slash"},
      {{.name = "/aws/mine", .value = "v", .type = "String"}, "ValidationException", "can't be prefixed"},
      {{.name = "ssm-x", .value = "v", .type = "String"}, "ValidationException", "can't be prefixed"},
      {{.name = "/x", .value = "v"}, "ValidationException", "type is required"},
      {{.name = "/x", .value = "v", .type = "Number"}, "ValidationException", "enum value set"},
      {{.name = "/x", .value = "", .type = "String"}, "ValidationException", "at 'value'"},
      {{.name = "/x", .value = std::string(4097, 'v'), .type = "String"}, "ValidationException", "4096 characters"},
      {{.name = "/x", .value = "v", .type = "String", .key_id = "k"}, "ValidationException", "SecureString"},
      {{.name = "/x", .value = "v", .type = "String", .overwrite = true, .tags = {{"k", "v"}}},
       "ValidationException",
       "tags and overwrite"},
      {{.name = "/x", .value = "ami-1", .type = "String", .data_type = "aws:ec2:image"},
       "ValidationException",
       "not a valid AMI ID"},
  };
  std::string deep;
  for (int i = 0; i < 16; ++i) deep += "/l" + std::to_string(i);
  cases.push_back(
      {{.name = deep, .value = "v", .type = "String"}, "HierarchyLevelLimitExceededException", "15 levels"});
  for (const auto& k : cases) {
    auto r = c.put_parameter(k.request);
    ASSERT_FALSE(r.ok()) << k.request.name;
    expect_error(r.error(), k.code, k.part);
  }
  // Advanced holds up to 8 KB, and never goes back to Standard.
  auto big = c.put_parameter({.name = "/big", .value = std::string(5000, 'v'), .type = "String", .tier = "Advanced"});
  ASSERT_TRUE(big.ok()) << big.error().to_string();
  EXPECT_EQ(big->tier, "Advanced");
  auto down = c.put_parameter({.name = "/big", .value = "v", .overwrite = true, .tier = "Standard"});
  ASSERT_FALSE(down.ok());
  expect_error(down.error(), "ValidationException", "can't downgrade");
  auto smart = c.put_parameter({.name = "/smart", .value = "v", .type = "String", .tier = "Intelligent-Tiering"});
  ASSERT_TRUE(smart.ok());
  EXPECT_EQ(smart->tier, "Standard");
}

TEST_F(SsmTest, AHundredVersionsAreKept) {
  auto c = client();
  ASSERT_TRUE(c.put_parameter({.name = "/v", .value = "0", .type = "String"}).ok());
  for (int i = 1; i <= 100; ++i)
    ASSERT_TRUE(c.put_parameter({.name = "/v", .value = std::to_string(i), .overwrite = true}).ok());
  auto oldest = c.get_parameter({.name = "/v:1"});
  ASSERT_FALSE(oldest.ok());
  EXPECT_EQ(oldest.error().code, "ParameterVersionNotFound");
  auto kept = c.get_parameter({.name = "/v:2"});
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->parameter.value, "1");
  auto page = c.get_parameter_history({.name = "/v"});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->parameters.size(), 50u);
  ASSERT_TRUE(page->next_token);
  auto rest = c.get_parameter_history({.name = "/v", .next_token = page->next_token});
  ASSERT_TRUE(rest.ok()) << rest.error().to_string();
  EXPECT_EQ(rest->parameters.size(), 50u);
  EXPECT_EQ(rest->parameters.back().version, 101);
  EXPECT_FALSE(rest->next_token);
}

TEST_F(SsmTest, ParametersSurviveARestart) {
  put("/kept", "yes");
  open_cloud();
  auto got = client().get_parameter({.name = "/kept"});
  ASSERT_TRUE(got.ok()) << got.error().to_string();
  EXPECT_EQ(got->parameter.value, "yes");
  EXPECT_NE(cloud->inspect().find("\"/kept\""), std::string::npos) << cloud->inspect();
}

TEST_F(SsmTest, WrongTypesAreSerializationExceptions) {
  for (const std::string body :
       {R"({"Name": 5})", R"({"Name": "/x", "WithDecryption": "yes"})", R"({"Name": ["/x"]})", R"([1])"}) {
    http::Request req{"POST", "http://127.0.0.1:4566/", {}, body, {}};
    req.headers.set("Content-Type", "application/x-amz-json-1.1");
    req.headers.set("X-Amz-Target", "AmazonSSM.GetParameter");
    ASSERT_TRUE(aws::sign_request(req, testing::test_credentials(),
                                  {.service = "ssm", .region = "us-east-1", .time = clock.now()})
                    .ok());
    auto r = send(req);
    EXPECT_EQ(r.status, 400) << body;
    EXPECT_EQ(aws::parse_json_error(r).code, "SerializationException") << body << " → " << r.body;
  }
}

}  // namespace
}  // namespace hoplite::local
